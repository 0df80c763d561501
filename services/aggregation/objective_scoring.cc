// The objective rule on % achieved, and the sector scores weighted over
// objectives.
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/italian_number.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_internal.h"

namespace valore::aggregation {

using internal::kEpsilon;
using internal::NotAssessable;
using internal::SafeRatio;

std::optional<double> PercentAchieved(const v1::Value& value) {
  if (!value.has_number()) return std::nullopt;
  const v1::Quantity& q = value.number();
  if (!std::isfinite(q.value())) return std::nullopt;
  if (q.unit() == v1::UNIT_PERCENT) return q.value();
  if (q.unit() == v1::UNIT_RATIO) return q.value() * 100;
  // A bare number up to 1 is a fraction ("1" is 100%); above 1 it is already
  // in percentage points.
  if (std::fabs(q.value()) <= 1) return q.value() * 100;
  return q.value();
}

Evaluation EvaluateObjective(const v1::Value* percent_achieved,
                             const v1::EvaluationPolicy& raw_policy) {
  const v1::EvaluationPolicy policy = WithDefaults(raw_policy);
  if (percent_achieved == nullptr) return NotAssessable("nessun valore");
  if (percent_achieved->has_not_measurable()) {
    return NotAssessable("valore non rilevabile");
  }
  std::optional<double> pct = PercentAchieved(*percent_achieved);
  if (!pct) return NotAssessable("nessuna percentuale di realizzazione");
  Evaluation e;
  e.achievement = SafeRatio(*pct / policy.objective_achieved_percent());
  if (*pct >= policy.objective_achieved_percent() - kEpsilon) {
    e.outcome = v1::OUTCOME_ACHIEVED;
  } else if (*pct >= policy.objective_partly_percent() - kEpsilon) {
    e.outcome = v1::OUTCOME_PARTLY_ACHIEVED;
  } else {
    e.outcome = v1::OUTCOME_NOT_ACHIEVED;
  }
  e.explanation =
      absl::StrCat("realizzato al ", FormatItalianCompact(*pct, 2), "%");
  return e;
}

std::vector<v1::SectorScore> ScoreSectors(
    const std::vector<v1::ObjectiveResult>& objectives,
    const std::vector<v1::Sector>& sectors) {
  struct Sums {
    int objectives = 0;
    double weight_sum = 0;
    double scored_weight = 0;
    double weighted = 0;
  };
  // Ordered by code, as the result must be. Only sectors that some objective
  // weighs for are scored: a catalog sector without weights (SG, whose one
  // objective weighs for the other sectors) has nothing to report.
  std::map<std::string, Sums> by_sector;
  for (const v1::ObjectiveResult& o : objectives) {
    std::optional<double> pct = PercentAchieved(o.value());
    for (const v1::SectorWeight& w : o.weights()) {
      Sums& s = by_sector[w.sector()];
      ++s.objectives;
      // Every weight counts toward completeness; an objective without a
      // value yet is left out of the score rather than read as 0%.
      s.weight_sum += w.percent();
      if (pct) {
        s.scored_weight += w.percent();
        s.weighted += w.percent() * *pct;
      }
    }
  }
  std::vector<v1::SectorScore> out;
  for (const auto& [code, s] : by_sector) {
    v1::SectorScore score;
    score.set_sector(code);
    for (const v1::Sector& sector : sectors) {
      if (sector.code() == code) score.set_display_name(sector.display_name());
    }
    score.set_objectives(s.objectives);
    score.set_weight_sum(s.weight_sum);
    score.set_score(
        s.scored_weight > 0 ? SafeRatio(s.weighted / s.scored_weight) : 0);
    score.set_weights_complete(std::fabs(s.weight_sum - 100) <= 0.01);
    out.push_back(std::move(score));
  }
  return out;
}

}  // namespace valore::aggregation
