// The year-end forecast of a first half ("Previsione a fine anno"): each
// indicator's value projected to the year's close by a method its kind and
// target choose, and the outcome the evaluation rules (evaluation.h) would
// give it against the yearly target; each programme line's projected outcome
// by the line rule. Parameters are catalog policy (EvaluationPolicy
// forecast_*). Pure: the report builder hands it the scope's values.
#ifndef VALORE_SERVICES_AGGREGATION_FORECAST_H_
#define VALORE_SERVICES_AGGREGATION_FORECAST_H_

#include <functional>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/period.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/catalog.pb.h"
#include "valore/v1/common.pb.h"

namespace valore::aggregation {

// The policy's forecast parameters with unset (zero) ones at their defaults:
// forecast_min_history_years 2, forecast_history_years 5 (and never fewer
// than the minimum).
v1::EvaluationPolicy WithForecastDefaults(const v1::EvaluationPolicy& policy);

// One past year of the scope's values of an indicator; nullptr where none.
struct PastYear {
  int year = 0;
  const v1::Value* first_half = nullptr;
  const v1::Value* year_end = nullptr;
};

struct ForecastInput {
  const v1::Indicator* indicator = nullptr;
  // A first half ("2024S1"); a second half is the close and is not
  // projected.
  Period period{2024, 1};
  // An entity id, or empty for the Union-wide scope (general targets).
  absl::string_view entity;
  // The scope's value in `period`.
  const v1::Value* value = nullptr;
  // The previous year's year-end value, which a band target compares with.
  const v1::Value* previous_year_end = nullptr;
  // Past years in any order; those outside forecast_history_years before
  // `period` are ignored.
  std::vector<PastYear> history;
};

// The forecast of one indicator. Flow: the first-half value divided by the
// mean share of the year the first half held, over the past years (within
// forecast_history_years) with both semesters whose year-end is positive and
// not below the first half, when there are at least
// forecast_min_history_years such years (FLOW_SHARE); else doubled
// (FLOW_DOUBLE). Level, and a count of entities meeting their target ("5 enti
// su 5"): the value carried (LEVEL_CARRY). A band target: the value projected
// by its kind against the band of the previous year's year-end value (BAND).
// A composite target: each component projected by its kind — by shares only
// when every component has enough history — and held against its own
// condition (COMPOSITE). NOT_PROJECTED with a reason: no target, a
// qualitative one, no value, a value that is no number, no previous year-end
// value for a band.
v1::IndicatorForecast ForecastIndicator(const ForecastInput& input,
                                        const v1::EvaluationPolicy& policy);

// The line rule (EvaluateLine) over the projected outcomes of the line's
// indicators; at risk when "Non raggiunto" or "Quasi raggiunto (con
// criticità)". `outcome` is the line's final outcome in the period.
v1::LineForecast ForecastLine(
    const v1::ProgrammeLine& line, v1::Outcome outcome,
    const std::vector<const v1::IndicatorForecast*>& indicators);

// The value of catalog indicator `i` of one scope in `period`, or nullptr.
using ScopeValueLookup = std::function<const v1::Value*(int i, Period period)>;

// Every indicator's forecast and every line's, in catalog order, for one
// scope (`entity`, empty for the Union-wide scope) in first half `period`;
// nothing for a second half. Each indicator from its value in `period`, the
// previous year's first half and close and, for a flow, both halves of the
// years of `history` (ForecastHistoryPeriods); each line by ForecastLine
// over its indicators `line_indicators[l]` with its final outcome
// `line_finals[l]`. The one assembly of the forecast: reports and the
// overview's summaries both call it.
void ForecastScope(
    const v1::Catalog& catalog, Period period, absl::string_view entity,
    const ScopeValueLookup& value_of, const std::vector<Period>& history,
    const std::vector<std::vector<int>>& line_indicators,
    const std::vector<v1::Outcome>& line_finals,
    google::protobuf::RepeatedPtrField<v1::IndicatorForecast>* indicators,
    google::protobuf::RepeatedPtrField<v1::LineForecast>* lines);

// The periods a report of `period` reads for the flow shares beyond the
// three every report reads (the period, the one before, the same half a
// year before): both halves of each year from two to forecast_history_years
// before, oldest first. Empty for a second half or a catalog without flows.
std::vector<Period> ForecastHistoryPeriods(const v1::Catalog& catalog,
                                           Period period);

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_FORECAST_H_
