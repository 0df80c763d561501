#include "services/aggregation/forecast.h"

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
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_internal.h"

namespace valore::aggregation {
namespace {

using internal::Quantities;

constexpr int kDefaultMinHistoryYears = 2;
constexpr int kDefaultHistoryYears = 5;

// The mean share of the year the first half held for component `part`, over
// the usable past years; nullopt with fewer than `min_years` of them.
struct Share {
  double share = 0;
  int years = 0;
};
std::optional<Share> FirstHalfShare(const ForecastInput& in, size_t part,
                                    int history_years, int min_years) {
  Share s;
  double sum = 0;
  for (const PastYear& past : in.history) {
    if (past.year >= in.period.year() ||
        past.year < in.period.year() - history_years) {
      continue;
    }
    if (past.first_half == nullptr || past.year_end == nullptr) continue;
    const std::vector<v1::Quantity> first = Quantities(*past.first_half);
    const std::vector<v1::Quantity> end = Quantities(*past.year_end);
    if (part >= first.size() || part >= end.size()) continue;
    const double a = first[part].value();
    const double b = end[part].value();
    // A year-to-date first half cannot exceed its year: such a year (a
    // correction, a restated series) says nothing of the share.
    if (!(b > 0) || a < 0 || a > b || !std::isfinite(a / b)) continue;
    sum += a / b;
    ++s.years;
  }
  if (s.years < min_years || s.years == 0) return std::nullopt;
  s.share = sum / s.years;
  // A share of zero cannot scale a value up; doubling is all that is left.
  if (s.share <= 0) return std::nullopt;
  return s;
}

v1::IndicatorForecast NotProjected(v1::IndicatorForecast f,
                                   std::string reason) {
  f.set_method(v1::FORECAST_METHOD_NOT_PROJECTED);
  f.set_projected_outcome(v1::OUTCOME_NOT_ASSESSABLE);
  f.set_reason(std::move(reason));
  return f;
}

// Sets the `i`-th number of `value` (a number, or a composite's part).
void SetQuantity(v1::Value* value, size_t i, double x) {
  // The text as written was the first half's, not this number's.
  value->clear_display();
  if (value->has_number()) {
    value->mutable_number()->set_value(x);
  } else if (value->has_composite() &&
             static_cast<int>(i) < value->composite().parts_size()) {
    value->mutable_composite()
        ->mutable_parts(static_cast<int>(i))
        ->set_value(x);
  }
}

// Projects every number of `f->value()` into `f->projected_value()` by the
// indicator's kind; returns a few Italian words on how.
std::string ProjectByKind(const ForecastInput& in,
                          const v1::EvaluationPolicy& policy,
                          v1::IndicatorForecast* f) {
  *f->mutable_projected_value() = *in.value;
  if (in.indicator->kind() != v1::INDICATOR_KIND_FLOW) {
    return "ultimo valore mantenuto";
  }
  const std::vector<v1::Quantity> parts = Quantities(*in.value);
  std::vector<Share> shares;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::optional<Share> s =
        FirstHalfShare(in, i, policy.forecast_history_years(),
                       policy.forecast_min_history_years());
    if (!s) {
      shares.clear();
      break;
    }
    shares.push_back(*s);
  }
  if (shares.empty()) {
    for (size_t i = 0; i < parts.size(); ++i) {
      SetQuantity(f->mutable_projected_value(), i, parts[i].value() * 2);
    }
    return "valore del primo semestre raddoppiato";
  }
  int years = shares[0].years;
  std::vector<std::string> words;
  for (size_t i = 0; i < parts.size(); ++i) {
    SetQuantity(f->mutable_projected_value(), i,
                parts[i].value() / shares[i].share);
    f->add_first_half_shares(shares[i].share);
    years = std::min(years, shares[i].years);
    words.push_back(FormatPercent(shares[i].share * 100, 0));
  }
  f->set_history_years(years);
  return absl::StrCat("primo semestre pari al ", absl::StrJoin(words, ", "),
                      " dell'anno (media di ", years, " anni)");
}

}  // namespace

v1::EvaluationPolicy WithForecastDefaults(const v1::EvaluationPolicy& policy) {
  v1::EvaluationPolicy p = policy;
  if (p.forecast_min_history_years() <= 0) {
    p.set_forecast_min_history_years(kDefaultMinHistoryYears);
  }
  if (p.forecast_history_years() <= 0) {
    p.set_forecast_history_years(kDefaultHistoryYears);
  }
  // A window shorter than the minimum could never give a share.
  p.set_forecast_history_years(
      std::max(p.forecast_history_years(), p.forecast_min_history_years()));
  return p;
}

v1::IndicatorForecast ForecastIndicator(const ForecastInput& in,
                                        const v1::EvaluationPolicy& raw) {
  const v1::EvaluationPolicy policy = WithForecastDefaults(WithDefaults(raw));
  const v1::Indicator& indicator = *in.indicator;
  v1::IndicatorForecast f;
  f.set_code(indicator.code());
  f.set_title(indicator.title());
  f.set_line_code(indicator.line_code());
  f.set_kind(indicator.kind() == v1::INDICATOR_KIND_FLOW
                 ? v1::INDICATOR_KIND_FLOW
                 : v1::INDICATOR_KIND_LEVEL);
  const Period year_end = in.period.YearClose();
  const v1::Target* target = TargetFor(indicator, in.period.year(), in.entity);
  if (target != nullptr) *f.mutable_target() = *target;
  if (in.value != nullptr) *f.mutable_value() = *in.value;
  if (in.period.half() != 1) return NotProjected(f, "chiusura dell'anno");
  if (target == nullptr) return NotProjected(f, "nessun target");
  switch (target->form_case()) {
    case v1::Target::kQualitative:
      return NotProjected(f, "target qualitativo");
    case v1::Target::kThreshold:
    case v1::Target::kBand:
    case v1::Target::kEntityCount:
      break;
    default:
      return NotProjected(f, "nessun target");
  }
  if (in.value == nullptr) return NotProjected(f, "nessun valore");
  switch (in.value->kind_case()) {
    case v1::Value::kNumber:
    case v1::Value::kComposite:
      break;
    case v1::Value::kNotMeasurable:
      return NotProjected(f, "valore non rilevabile");
    case v1::Value::kText:
      return NotProjected(f, "valore testuale");
    default:
      return NotProjected(f, "nessun valore");
  }

  std::string how;
  if (target->has_entity_count()) {
    // The entities meeting their target at mid-year: each flow was held
    // against half its target, which doubling keeps; a level as it is.
    *f.mutable_projected_value() = *in.value;
    f.set_method(v1::FORECAST_METHOD_LEVEL_CARRY);
    how = "enti che rispettano il target a metà anno";
  } else if (target->has_band()) {
    if (in.previous_year_end == nullptr) {
      return NotProjected(
          f, "nessun valore di fine anno dell'anno precedente per la banda");
    }
    f.set_method(v1::FORECAST_METHOD_BAND);
    how = ProjectByKind(in, policy, &f);
  } else {
    f.set_method(target->threshold().components_size() > 1
                     ? v1::FORECAST_METHOD_COMPOSITE
                 : indicator.kind() == v1::INDICATOR_KIND_FLOW
                     ? v1::FORECAST_METHOD_FLOW_DOUBLE
                     : v1::FORECAST_METHOD_LEVEL_CARRY);
    how = ProjectByKind(in, policy, &f);
    if (f.method() == v1::FORECAST_METHOD_FLOW_DOUBLE &&
        f.first_half_shares_size() > 0) {
      f.set_method(v1::FORECAST_METHOD_FLOW_SHARE);
    }
  }
  // The yearly target, as the rules hold a year-end value against it.
  IndicatorInput input = InputOf(indicator, year_end, in.entity,
                                 &f.projected_value(), in.previous_year_end);
  const Evaluation e = EvaluateIndicator(input, policy);
  f.set_projected_outcome(e.outcome);
  f.set_explanation(
      e.explanation.empty() ? how : absl::StrCat(how, ": ", e.explanation));
  return f;
}

v1::LineForecast ForecastLine(
    const v1::ProgrammeLine& line, v1::Outcome outcome,
    const std::vector<const v1::IndicatorForecast*>& indicators) {
  v1::LineForecast f;
  f.set_code(line.code());
  f.set_title(line.title());
  f.set_outcome(outcome);
  std::vector<v1::Outcome> projected;
  for (const v1::IndicatorForecast* i : indicators) {
    projected.push_back(i->projected_outcome());
    if (i->projected_outcome() == v1::OUTCOME_NOT_ACHIEVED) {
      f.add_indicators_not_achieved(i->code());
    }
  }
  f.set_projected_outcome(EvaluateLine(projected));
  f.set_at_risk(f.projected_outcome() == v1::OUTCOME_NOT_ACHIEVED ||
                f.projected_outcome() ==
                    v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  return f;
}

void ForecastScope(
    const v1::Catalog& catalog, Period period, absl::string_view entity,
    const ScopeValueLookup& value_of, const std::vector<Period>& history,
    const std::vector<std::vector<int>>& line_indicators,
    const std::vector<v1::Outcome>& line_finals,
    google::protobuf::RepeatedPtrField<v1::IndicatorForecast>* indicators,
    google::protobuf::RepeatedPtrField<v1::LineForecast>* lines) {
  if (period.half() != 1) return;
  for (int i = 0; i < catalog.indicators_size(); ++i) {
    const v1::Indicator& ind = catalog.indicators(i);
    ForecastInput fi;
    fi.indicator = &ind;
    fi.period = period;
    fi.entity = entity;
    fi.value = value_of(i, period);
    // For a first half, the period before is the last year's close.
    fi.previous_year_end = value_of(i, period.Previous());
    fi.history.push_back({period.year() - 1,
                          value_of(i, period.SameHalfLastYear()),
                          fi.previous_year_end});
    if (ind.kind() == v1::INDICATOR_KIND_FLOW) {
      for (size_t p = 0; p + 1 < history.size(); ++p) {
        const Period first = history[p];
        const Period second = history[p + 1];
        if (first.half() != 1 || second != first.YearClose()) continue;
        fi.history.push_back(
            {first.year(), value_of(i, first), value_of(i, second)});
      }
    }
    *indicators->Add() = ForecastIndicator(fi, catalog.policy());
  }
  std::vector<const v1::IndicatorForecast*> of_line;
  for (int l = 0; l < catalog.lines_size(); ++l) {
    of_line.clear();
    for (int i : line_indicators[l]) of_line.push_back(&indicators->Get(i));
    *lines->Add() = ForecastLine(catalog.lines(l), line_finals[l], of_line);
  }
}

std::vector<Period> ForecastHistoryPeriods(const v1::Catalog& catalog,
                                           Period period) {
  std::vector<Period> periods;
  if (period.half() != 1) return periods;
  const bool any_flow =
      std::any_of(catalog.indicators().begin(), catalog.indicators().end(),
                  [](const v1::Indicator& i) {
                    return i.kind() == v1::INDICATOR_KIND_FLOW;
                  });
  if (!any_flow) return periods;
  const int years =
      WithForecastDefaults(catalog.policy()).forecast_history_years();
  // The year before is read by every report (the same half a year before,
  // and the period before).
  for (int y = period.year() - years; y <= period.year() - 2; ++y) {
    if (y < Period::kMinYear) continue;
    periods.emplace_back(y, 1);
    periods.emplace_back(y, 2);
  }
  return periods;
}

}  // namespace valore::aggregation
