#include "services/aggregation/evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/italian_number.h"
#include "common/labels.h"

namespace valore::aggregation {
namespace {

// Tolerance for comparisons, so that 0,865 × 100 against 86,5 or 200/300
// against 2/3 are not decided by the last bit of a double.
constexpr double kEpsilon = 1e-9;

double Tolerance(double reference) {
  return kEpsilon * std::max(1.0, std::fabs(reference));
}

// Achievement ratios are reported as they are, but never as NaN, infinite or
// negative.
double SafeRatio(double ratio) {
  if (!std::isfinite(ratio) || ratio < 0) return 0;
  return ratio;
}

// A ratio as a whole percentage: 0.7173 -> "72%".
std::string FormatRatio(double ratio) {
  return FormatPercent(std::round(ratio * 100), 0);
}

// A quantity as the report writes it: "86,5%", "2.250".
std::string FormatQuantity(double value, v1::Unit unit) {
  return absl::StrCat(FormatItalianCompact(value),
                      unit == v1::UNIT_PERCENT ? "%" : "");
}

bool IsBare(v1::Unit unit) {
  return unit == v1::UNIT_NUMBER || unit == v1::UNIT_UNSPECIFIED;
}

// The numbers of a value in the target's order: one for a number, one per
// part for a composite; empty for text, not measurable or an unset value.
std::vector<v1::Quantity> Quantities(const v1::Value& value) {
  switch (value.kind_case()) {
    case v1::Value::kNumber:
      return {value.number()};
    case v1::Value::kComposite:
      return {value.composite().parts().begin(),
              value.composite().parts().end()};
    default:
      return {};
  }
}

// The single number of a value: a number, or a composite of one part.
std::optional<v1::Quantity> SingleQuantity(const v1::Value& value) {
  std::vector<v1::Quantity> q = Quantities(value);
  if (q.size() != 1) return std::nullopt;
  return q[0];
}

// The actual expressed on the scale of `threshold` (DESIGN §3: "1" meaning
// 100%, "0,865" against 86%).
double NormalizeActual(const v1::Quantity& actual,
                       const v1::Quantity& threshold) {
  const double a = actual.value();
  if (threshold.unit() == v1::UNIT_PERCENT) {
    if (actual.unit() == v1::UNIT_RATIO) return a * 100;
    // A bare number no greater than 1 against a percentage above 1 can only
    // be a fraction; 5,87 against ≥5% stays 5,87.
    if (IsBare(actual.unit()) && std::fabs(a) <= 1 && threshold.value() > 1) {
      return a * 100;
    }
  } else if (threshold.unit() == v1::UNIT_RATIO) {
    if (actual.unit() == v1::UNIT_PERCENT) return a / 100;
  }
  return a;
}

struct ComponentResult {
  bool met = false;
  double ratio = 0;
  std::string text;
};

ComponentResult EvaluateComponent(const v1::TargetComponent& component,
                                  const v1::Quantity& actual,
                                  v1::IndicatorKind kind, int half,
                                  bool explain) {
  ComponentResult r;
  double t = component.threshold().value();
  // A flow accumulates over the year, so at S1 it is held against half the
  // yearly target, whatever the comparator: a yearly cap ("≤ 433") on a flow
  // is likewise a cap of half at mid-year, and an exact yearly total is
  // expected pro rata.
  const bool halved = kind == v1::INDICATOR_KIND_FLOW && half == 1;
  if (halved) t /= 2;
  const double a = NormalizeActual(actual, component.threshold());
  const double tol = Tolerance(t);
  std::string relation;
  switch (component.comparator()) {
    case v1::COMPARATOR_GREATER:
      r.met = a > t + tol;
      r.ratio = t > 0 ? a / t : (r.met ? 1 : 0);
      relation = "su";
      break;
    case v1::COMPARATOR_AT_MOST:
    case v1::COMPARATOR_LESS:
      r.met = component.comparator() == v1::COMPARATOR_AT_MOST ? a <= t + tol
                                                               : a < t - tol;
      // Lower is better: target/actual. An actual of 0 within the cap has
      // nothing to divide by and counts as fully achieved.
      if (a > 0 && t >= 0) {
        r.ratio = t / a;
      } else {
        r.ratio = r.met ? 1 : 0;
      }
      relation = "con limite";
      break;
    case v1::COMPARATOR_EQUAL:
      r.met = std::fabs(a - t) <= tol;
      // How close the two are, so that a near miss can still be quasi.
      if (r.met) {
        r.ratio = 1;
      } else if (a > 0 && t > 0) {
        r.ratio = std::min(a, t) / std::max(a, t);
      } else {
        r.ratio = 0;
      }
      relation = "atteso";
      break;
    case v1::COMPARATOR_AT_LEAST:
    default:
      // An unspecified comparator is a bare number, which means "at least".
      r.met = a >= t - tol;
      r.ratio = t > 0 ? a / t : (r.met ? 1 : 0);
      relation = "su";
      break;
  }
  r.ratio = SafeRatio(r.ratio);
  if (!explain) return r;
  const v1::Quantity& threshold = component.threshold();
  r.text = absl::StrCat(FormatQuantity(a, threshold.unit()), " ", relation, " ",
                        FormatQuantity(t, threshold.unit()),
                        threshold.label().empty() ? "" : " ", threshold.label(),
                        " (", FormatRatio(r.ratio), ")",
                        halved ? ", metà del target annuale" : "");
  return r;
}

Evaluation NotAssessable(std::string explanation) {
  Evaluation e;
  e.outcome = v1::OUTCOME_NOT_ASSESSABLE;
  e.achievement = 0;
  e.explanation = std::move(explanation);
  return e;
}

// Raggiunto when met; otherwise quasi or non by the policy's ratio.
v1::Outcome FromRatio(bool met, double ratio,
                      const v1::EvaluationPolicy& policy) {
  if (met) return v1::OUTCOME_ACHIEVED;
  if (ratio >= policy.partly_achieved_ratio() - kEpsilon) {
    return v1::OUTCOME_PARTLY_ACHIEVED;
  }
  return v1::OUTCOME_NOT_ACHIEVED;
}

// The actuals matched to the components, or an explanation of why they
// cannot be: a plain number stands for one component only, a composite needs
// at least as many parts as the target has components.
std::optional<std::string> MatchParts(const v1::Target& target,
                                      const v1::Value& value,
                                      std::vector<v1::Quantity>* parts) {
  *parts = Quantities(value);
  const int components = target.components_size();
  if (components == 0) return std::string("target senza condizioni");
  if (value.has_number() && components > 1) {
    return absl::StrCat("un solo valore per ", components,
                        " condizioni del target");
  }
  if (static_cast<int>(parts->size()) < components) {
    return absl::StrCat(parts->size(), " valori per ", components,
                        " condizioni del target");
  }
  return std::nullopt;
}

Evaluation EvaluateThreshold(const IndicatorInput& input,
                             const v1::EvaluationPolicy& policy) {
  std::vector<v1::Quantity> parts;
  if (auto problem = MatchParts(*input.target, *input.value, &parts)) {
    return NotAssessable(*problem);
  }
  bool all_met = true;
  double smallest = 0;
  std::vector<std::string> texts;
  for (int i = 0; i < input.target->components_size(); ++i) {
    ComponentResult c =
        EvaluateComponent(input.target->components(i), parts[i], input.kind,
                          input.half, input.explain);
    all_met = all_met && c.met;
    smallest = i == 0 ? c.ratio : std::min(smallest, c.ratio);
    texts.push_back(std::move(c.text));
  }
  Evaluation e;
  e.achievement = smallest;
  e.outcome = FromRatio(all_met, smallest, policy);
  if (input.explain) e.explanation = absl::StrJoin(texts, "; ");
  return e;
}

Evaluation EvaluateBand(const IndicatorInput& input,
                        const v1::EvaluationPolicy& policy) {
  std::optional<v1::Quantity> prev;
  if (input.previous_year_value != nullptr) {
    prev = SingleQuantity(*input.previous_year_value);
  }
  if (!prev) return NotAssessable("nessun valore dell'anno precedente");
  std::optional<v1::Quantity> actual = SingleQuantity(*input.value);
  if (!actual) return NotAssessable("più valori per un target a banda");
  const double p = prev->value();
  const double a = NormalizeActual(*actual, *prev);
  const v1::Target& target = *input.target;
  const double width = target.band_relative()
                           ? target.band_width() / 100 * std::fabs(p)
                           : target.band_width();
  const double deviation = std::fabs(a - p);
  const double tol = Tolerance(p);
  Evaluation e;
  if (deviation <= width + tol) {
    e.outcome = v1::OUTCOME_ACHIEVED;
  } else if (deviation <= width * policy.band_partly_multiplier() + tol) {
    e.outcome = v1::OUTCOME_PARTLY_ACHIEVED;
  } else {
    e.outcome = v1::OUTCOME_NOT_ACHIEVED;
  }
  // The share of the deviation the band covers: 1 within the band, 1/2 at
  // twice the band.
  e.achievement =
      deviation > tol ? SafeRatio(std::min(1.0, width / deviation)) : 1.0;
  if (!input.explain) return e;
  const v1::Unit unit = prev->unit();
  std::string shift;
  if (target.band_relative() && p != 0) {
    shift = absl::StrCat(
        FormatItalianCompact(deviation / std::fabs(p) * 100, 2), "% (banda ±",
        FormatItalianCompact(target.band_width()), "%)");
  } else {
    shift = absl::StrCat(FormatItalianCompact(deviation), " (banda ±",
                         FormatItalianCompact(target.band_width()),
                         target.band_relative() ? "%" : "", ")");
  }
  e.explanation =
      absl::StrCat(FormatQuantity(a, unit), " contro ", FormatQuantity(p, unit),
                   " dell'anno precedente: scostamento ", shift);
  return e;
}

Evaluation EvaluateEntityCount(const IndicatorInput& input,
                               const v1::EvaluationPolicy& policy) {
  std::optional<v1::Quantity> count = SingleQuantity(*input.value);
  if (!count) return NotAssessable("numero di enti non indicato");
  const double n = count->value();
  const int required = input.target->entities_required();
  Evaluation e;
  const bool met = n >= required - kEpsilon;
  e.achievement = SafeRatio(required > 0 ? n / required : (met ? 1 : 0));
  e.outcome = FromRatio(met, e.achievement, policy);
  if (!input.explain) return e;
  e.explanation = absl::StrCat(FormatItalianCompact(n), " enti su ", required,
                               " richiesti (", FormatRatio(e.achievement), ")");
  return e;
}

// Numeric parts for a roll-up: nullopt for a value that has none.
std::optional<std::vector<v1::Quantity>> NumericParts(const v1::Value& value) {
  std::vector<v1::Quantity> q = Quantities(value);
  if (q.empty()) return std::nullopt;
  return q;
}

std::string DisplayParts(const std::vector<v1::Quantity>& parts) {
  std::vector<std::string> texts;
  for (const v1::Quantity& q : parts) {
    std::string t = FormatQuantity(q.value(), q.unit());
    if (!q.label().empty()) absl::StrAppend(&t, " ", q.label());
    texts.push_back(std::move(t));
  }
  return absl::StrJoin(texts, "; ");
}

}  // namespace

v1::EvaluationPolicy WithDefaults(const v1::EvaluationPolicy& policy) {
  v1::EvaluationPolicy p = policy;
  // Proto3 cannot tell unset from zero; a zero (or negative) threshold would
  // make every outcome at least quasi, so it reads as unset.
  if (p.partly_achieved_ratio() <= 0) p.set_partly_achieved_ratio(2.0 / 3.0);
  if (p.band_partly_multiplier() <= 0) p.set_band_partly_multiplier(2);
  if (p.objective_achieved_percent() <= 0) {
    p.set_objective_achieved_percent(100);
  }
  if (p.objective_partly_percent() <= 0) {
    p.set_objective_partly_percent(200.0 / 3.0);
  }
  return p;
}

Evaluation EvaluateIndicator(const IndicatorInput& input,
                             const v1::EvaluationPolicy& raw_policy) {
  const v1::EvaluationPolicy policy = WithDefaults(raw_policy);
  if (input.target == nullptr) return NotAssessable("nessun target");
  switch (input.target->form()) {
    case v1::Target::FORM_NONE:
      return NotAssessable("nessun target");
    case v1::Target::FORM_QUALITATIVE:
      return NotAssessable("target qualitativo");
    case v1::Target::FORM_THRESHOLD:
    case v1::Target::FORM_BAND:
    case v1::Target::FORM_ENTITY_COUNT:
      break;
    default:
      return NotAssessable("target non interpretabile");
  }
  if (input.value == nullptr) return NotAssessable("nessun valore");
  switch (input.value->kind_case()) {
    case v1::Value::kNotMeasurable: {
      const std::string& reason = input.value->not_measurable().reason();
      return NotAssessable(
          reason.empty()
              ? "valore non rilevabile"
              : absl::StrCat("valore non rilevabile (", reason, ")"));
    }
    case v1::Value::kText:
      return NotAssessable("valore testuale, non confrontabile");
    case v1::Value::KIND_NOT_SET:
      return NotAssessable("nessun valore");
    default:
      break;
  }
  switch (input.target->form()) {
    case v1::Target::FORM_BAND:
      return EvaluateBand(input, policy);
    case v1::Target::FORM_ENTITY_COUNT:
      return EvaluateEntityCount(input, policy);
    default:
      return EvaluateThreshold(input, policy);
  }
}

bool MeetsTarget(const v1::Target& target, const v1::Value& value,
                 v1::IndicatorKind kind, int half) {
  if (target.form() != v1::Target::FORM_THRESHOLD) return false;
  std::vector<v1::Quantity> parts;
  if (MatchParts(target, value, &parts)) return false;
  for (int i = 0; i < target.components_size(); ++i) {
    if (!EvaluateComponent(target.components(i), parts[i], kind, half, false)
             .met) {
      return false;
    }
  }
  return true;
}

v1::Outcome EvaluateLine(const std::vector<v1::Outcome>& indicator_outcomes) {
  int assessable = 0;
  int achieved = 0;
  int not_achieved = 0;
  bool issues = false;
  for (v1::Outcome o : indicator_outcomes) {
    switch (o) {
      case v1::OUTCOME_ACHIEVED:
        ++achieved;
        break;
      case v1::OUTCOME_NOT_ACHIEVED:
        ++not_achieved;
        issues = true;
        break;
      case v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES:
        // Not an indicator outcome, but if one is passed it already carries
        // an issue.
        issues = true;
        break;
      case v1::OUTCOME_PARTLY_ACHIEVED:
        break;
      default:
        continue;  // non valutabile (or unset) does not count
    }
    ++assessable;
  }
  if (assessable == 0) return v1::OUTCOME_NOT_ASSESSABLE;
  if (achieved == assessable) return v1::OUTCOME_ACHIEVED;
  if (not_achieved == assessable) return v1::OUTCOME_NOT_ACHIEVED;
  if (issues) return v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES;
  return v1::OUTCOME_PARTLY_ACHIEVED;
}

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

std::optional<v1::Value> RollUp(v1::Rollup rollup,
                                const std::vector<v1::EntityValue>& values,
                                const std::string& union_entity,
                                const v1::Target* target,
                                v1::IndicatorKind kind, int half) {
  switch (rollup) {
    case v1::ROLLUP_SUM:
    case v1::ROLLUP_MEAN: {
      std::vector<v1::Quantity> totals;
      bool any_composite = false;
      int rolled = 0;
      // Capture accepts a fraction of 1 where a percentage is due; summed
      // with percentages it is first put on their scale (0,8 -> 80%).
      bool any_percent = false;
      for (const v1::EntityValue& ev : values) {
        for (const v1::Quantity& q : Quantities(ev.value())) {
          any_percent = any_percent || q.unit() == v1::UNIT_PERCENT;
        }
      }
      for (const v1::EntityValue& ev : values) {
        std::optional<std::vector<v1::Quantity>> parts =
            NumericParts(ev.value());
        if (!parts) continue;  // text, not measurable or missing: skipped
        for (v1::Quantity& q : *parts) {
          if (any_percent && q.unit() == v1::UNIT_RATIO) {
            q.set_value(q.value() * 100);
            q.set_unit(v1::UNIT_PERCENT);
          }
        }
        any_composite = any_composite || ev.value().has_composite();
        if (rolled == 0) {
          totals = *parts;
        } else {
          // Parts are added position by position; values of different shapes
          // cannot be combined, and a made-up total would be worse than none.
          if (parts->size() != totals.size()) return std::nullopt;
          for (size_t i = 0; i < totals.size(); ++i) {
            totals[i].set_value(totals[i].value() + (*parts)[i].value());
            if (totals[i].label().empty()) {
              totals[i].set_label((*parts)[i].label());
            }
          }
        }
        ++rolled;
      }
      if (rolled == 0) return std::nullopt;
      // Values stored before capture bounded them can still add up past
      // what a double holds: no total rather than "+∞".
      for (const v1::Quantity& q : totals) {
        if (!std::isfinite(q.value())) return std::nullopt;
      }
      if (rollup == v1::ROLLUP_MEAN) {
        for (v1::Quantity& q : totals) q.set_value(q.value() / rolled);
      }
      v1::Value out;
      if (any_composite) {
        for (const v1::Quantity& q : totals) {
          *out.mutable_composite()->add_parts() = q;
        }
      } else {
        *out.mutable_number() = totals[0];
      }
      out.set_display(DisplayParts(totals));
      return out;
    }
    case v1::ROLLUP_COUNT_MEETING: {
      if (target == nullptr) return std::nullopt;
      int numeric = 0;
      int meeting = 0;
      for (const v1::EntityValue& ev : values) {
        if (!NumericParts(ev.value())) continue;
        ++numeric;
        if (MeetsTarget(*target, ev.value(), kind, half)) ++meeting;
      }
      if (numeric == 0) return std::nullopt;
      v1::Value out;
      out.mutable_number()->set_value(meeting);
      out.mutable_number()->set_unit(v1::UNIT_COUNT);
      out.mutable_number()->set_label("enti");
      out.set_display(FormatItalianCompact(meeting));
      return out;
    }
    case v1::ROLLUP_NONE:
    default:
      // ROLLUP_NONE is also the default (DESIGN §3): the Union's own value,
      // whatever its kind, for the evaluation to judge.
      for (const v1::EntityValue& ev : values) {
        if (ev.entity() != union_entity ||
            ev.value().kind_case() == v1::Value::KIND_NOT_SET) {
          continue;
        }
        // A value stored before capture bounded them may not be finite.
        for (const v1::Quantity& q : Quantities(ev.value())) {
          if (!std::isfinite(q.value())) return std::nullopt;
        }
        return ev.value();
      }
      return std::nullopt;
  }
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

namespace {

// The outcome table's columns, in order.
constexpr v1::Outcome kColumns[] = {
    v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
    v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, v1::OUTCOME_PARTLY_ACHIEVED,
    v1::OUTCOME_ACHIEVED};

// The column an outcome falls in; an unset outcome is "Non valutabile/ Altro".
v1::Outcome Column(v1::Outcome o) {
  for (v1::Outcome c : kColumns) {
    if (c == o) return c;
  }
  return v1::OUTCOME_NOT_ASSESSABLE;
}

double Percent(int count, int total) {
  return total > 0 ? 100.0 * count / total : 0;
}

v1::OutcomeRow MakeOutcomeRow(const std::string& label,
                              const std::map<v1::Outcome, int>& counts) {
  v1::OutcomeRow row;
  row.set_label(label);
  int total = 0;
  for (const auto& [outcome, n] : counts) total += n;
  for (v1::Outcome c : kColumns) {
    auto it = counts.find(c);
    const int n = it == counts.end() ? 0 : it->second;
    v1::OutcomeCount* count = row.add_counts();
    count->set_outcome(c);
    count->set_count(n);
    count->set_percent(Percent(n, total));
  }
  row.set_total(total);
  return row;
}

}  // namespace

std::vector<v1::OutcomeRow> BuildOutcomeTable(
    const std::vector<v1::Outcome>& line_outcomes,
    const std::vector<v1::Outcome>& objective_outcomes) {
  std::map<v1::Outcome, int> lines;
  std::map<v1::Outcome, int> objectives;
  std::map<v1::Outcome, int> all;
  for (v1::Outcome o : line_outcomes) {
    ++lines[Column(o)];
    ++all[Column(o)];
  }
  // An objective's PARTLY_ACHIEVED is already the "no criticità" column.
  for (v1::Outcome o : objective_outcomes) {
    ++objectives[Column(o)];
    ++all[Column(o)];
  }
  return {
      MakeOutcomeRow("Totale complessivo DUP (linea programmazione)", lines),
      MakeOutcomeRow("Totale complessivo PERFORMANCE (obiettivi)", objectives),
      MakeOutcomeRow("Totale complessivo azioni", all)};
}

std::vector<v1::OutcomeCount> CountOutcomes(
    const std::vector<v1::Outcome>& outcomes) {
  std::map<v1::Outcome, int> counts;
  for (v1::Outcome o : outcomes) ++counts[Column(o)];
  v1::OutcomeRow row = MakeOutcomeRow("", counts);
  return {row.counts().begin(), row.counts().end()};
}

std::vector<v1::DimensionRow> BuildDimensionTable(
    const std::vector<v1::WellbeingDimension>& line_dimensions,
    const std::vector<v1::WellbeingDimension>& objective_dimensions) {
  // The column totals are every item given, so that an item without a
  // dimension shows up as a gap in the rows instead of being dropped.
  const int line_total = static_cast<int>(line_dimensions.size());
  const int objective_total = static_cast<int>(objective_dimensions.size());
  const int grand_total = line_total + objective_total;

  auto count = [](const std::vector<v1::WellbeingDimension>& dims,
                  auto&& matches) {
    return static_cast<int>(std::count_if(dims.begin(), dims.end(), matches));
  };
  auto make_row = [&](const std::string& label, v1::WellbeingDimension dim,
                      bool sub_row, auto&& matches) {
    v1::DimensionRow row;
    row.set_label(label);
    row.set_dimension(dim);
    row.set_sub_row(sub_row);
    const int lines = count(line_dimensions, matches);
    const int objectives = count(objective_dimensions, matches);
    row.set_lines(lines);
    row.set_lines_percent(Percent(lines, line_total));
    row.set_objectives(objectives);
    row.set_objectives_percent(Percent(objectives, objective_total));
    row.set_total(lines + objectives);
    row.set_total_percent(Percent(lines + objectives, grand_total));
    return row;
  };
  auto is = [](v1::WellbeingDimension d) {
    return [d](v1::WellbeingDimension x) { return x == d; };
  };

  std::vector<v1::DimensionRow> rows;
  for (v1::WellbeingDimension d :
       {v1::WELLBEING_DIMENSION_ENVIRONMENTAL, v1::WELLBEING_DIMENSION_CARE,
        v1::WELLBEING_DIMENSION_ECONOMIC,
        v1::WELLBEING_DIMENSION_EDUCATIONAL}) {
    rows.push_back(make_row(DimensionLabel(d), d, false, is(d)));
  }
  // "sociale" counts its three sub-dimensions; the sub-rows split it.
  rows.push_back(make_row(DimensionLabel(v1::WELLBEING_DIMENSION_SOCIAL),
                          v1::WELLBEING_DIMENSION_SOCIAL, false, IsSocial));
  rows.push_back(make_row(
      absl::StrCat("Di cui: ",
                   DimensionLabel(v1::WELLBEING_DIMENSION_SOCIAL_SAFETY)),
      v1::WELLBEING_DIMENSION_SOCIAL_SAFETY, true,
      is(v1::WELLBEING_DIMENSION_SOCIAL_SAFETY)));
  rows.push_back(make_row("Di cui: sociale (sociale)",
                          v1::WELLBEING_DIMENSION_SOCIAL, true,
                          is(v1::WELLBEING_DIMENSION_SOCIAL)));
  rows.push_back(make_row(
      absl::StrCat("Di cui: ",
                   DimensionLabel(v1::WELLBEING_DIMENSION_SOCIAL_URBAN)),
      v1::WELLBEING_DIMENSION_SOCIAL_URBAN, true,
      is(v1::WELLBEING_DIMENSION_SOCIAL_URBAN)));
  rows.push_back(make_row(DimensionLabel(v1::WELLBEING_DIMENSION_INSTITUTIONAL),
                          v1::WELLBEING_DIMENSION_INSTITUTIONAL, false,
                          is(v1::WELLBEING_DIMENSION_INSTITUTIONAL)));
  rows.push_back(make_row("Totale", v1::WELLBEING_DIMENSION_UNSPECIFIED, false,
                          [](v1::WellbeingDimension) { return true; }));
  return rows;
}

}  // namespace valore::aggregation
