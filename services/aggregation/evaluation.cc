#include "services/aggregation/evaluation.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/italian_number.h"
#include "common/value_fit.h"
#include "services/aggregation/evaluation_internal.h"

namespace valore::aggregation {
namespace internal {

double SafeRatio(double ratio) {
  if (!std::isfinite(ratio) || ratio < 0) return 0;
  return ratio;
}

std::string FormatQuantity(double value, v1::Unit unit) {
  return absl::StrCat(FormatItalianCompact(value),
                      unit == v1::UNIT_PERCENT ? "%" : "");
}

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

Evaluation NotAssessable(std::string explanation) {
  Evaluation e;
  e.outcome = v1::OUTCOME_NOT_ASSESSABLE;
  e.achievement = 0;
  e.explanation = std::move(explanation);
  return e;
}

}  // namespace internal

using internal::FormatQuantity;
using internal::kEpsilon;
using internal::NotAssessable;
using internal::Quantities;
using internal::SafeRatio;

namespace {

double Tolerance(double reference) {
  return kEpsilon * std::max(1.0, std::fabs(reference));
}

// A ratio as a whole percentage: 0.7173 -> "72%".
std::string FormatRatio(double ratio) {
  return FormatPercent(std::round(ratio * 100), 0);
}

bool IsBare(v1::Unit unit) {
  return unit == v1::UNIT_NUMBER || unit == v1::UNIT_UNSPECIFIED;
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
  const int components = target.threshold().components_size();
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
  for (int i = 0; i < input.target->threshold().components_size(); ++i) {
    ComponentResult c =
        EvaluateComponent(input.target->threshold().components(i), parts[i],
                          input.kind, input.half, input.explain);
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
  const double width = target.band().relative()
                           ? target.band().width() / 100 * std::fabs(p)
                           : target.band().width();
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
  if (target.band().relative() && p != 0) {
    shift = absl::StrCat(
        FormatItalianCompact(deviation / std::fabs(p) * 100, 2), "% (banda ±",
        FormatItalianCompact(target.band().width()), "%)");
  } else {
    shift = absl::StrCat(FormatItalianCompact(deviation), " (banda ±",
                         FormatItalianCompact(target.band().width()),
                         target.band().relative() ? "%" : "", ")");
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
  const int required = input.target->entity_count().required();
  Evaluation e;
  const bool met = n >= required - kEpsilon;
  e.achievement = SafeRatio(required > 0 ? n / required : (met ? 1 : 0));
  e.outcome = FromRatio(met, e.achievement, policy);
  if (!input.explain) return e;
  e.explanation = absl::StrCat(FormatItalianCompact(n), " enti su ", required,
                               " richiesti (", FormatRatio(e.achievement), ")");
  return e;
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

IndicatorInput InputOf(const v1::Indicator& indicator, const Period& period,
                       absl::string_view entity, const v1::Value* value,
                       const v1::Value* previous_year_value) {
  IndicatorInput input;
  input.target = TargetFor(indicator, period.year(), entity);
  input.value = value;
  input.kind = indicator.kind();
  input.half = period.half();
  input.previous_year_value = previous_year_value;
  return input;
}

Evaluation EvaluateIndicator(const IndicatorInput& input,
                             const v1::EvaluationPolicy& raw_policy) {
  const v1::EvaluationPolicy policy = WithDefaults(raw_policy);
  if (input.target == nullptr) return NotAssessable("nessun target");
  switch (input.target->form_case()) {
    case v1::Target::kNone:
      return NotAssessable("nessun target");
    case v1::Target::kQualitative:
      return NotAssessable("target qualitativo");
    case v1::Target::kThreshold:
    case v1::Target::kBand:
    case v1::Target::kEntityCount:
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
  switch (input.target->form_case()) {
    case v1::Target::kBand:
      return EvaluateBand(input, policy);
    case v1::Target::kEntityCount:
      return EvaluateEntityCount(input, policy);
    default:
      return EvaluateThreshold(input, policy);
  }
}

bool MeetsTarget(const v1::Target& target, const v1::Value& value,
                 v1::IndicatorKind kind, int half) {
  if (!target.has_threshold()) return false;
  std::vector<v1::Quantity> parts;
  if (MatchParts(target, value, &parts)) return false;
  for (int i = 0; i < target.threshold().components_size(); ++i) {
    if (!EvaluateComponent(target.threshold().components(i), parts[i], kind,
                           half, false)
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

}  // namespace valore::aggregation
