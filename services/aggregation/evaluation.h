// The evaluation rules (DESIGN §4), free of any transport: computed outcomes
// of indicators, programme lines and executive objectives, roll-ups of entity
// values, and sector scores. Thresholds come from the catalog's
// EvaluationPolicy.
#ifndef VALORE_SERVICES_AGGREGATION_EVALUATION_H_
#define VALORE_SERVICES_AGGREGATION_EVALUATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/period.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/catalog.pb.h"
#include "valore/v1/common.pb.h"

namespace valore::aggregation {

// The policy with every unset (zero) threshold replaced by its default:
// partly_achieved_ratio 2/3, band_partly_multiplier 2,
// objective_achieved_percent 100, objective_partly_percent 200/3.
v1::EvaluationPolicy WithDefaults(const v1::EvaluationPolicy& policy);

struct IndicatorInput {
  // nullptr: no target for the year.
  const v1::Target* target = nullptr;
  // nullptr: no actual. For `entity_count` the caller passes the number of
  // entities meeting their own target as a UNIT_COUNT number.
  const v1::Value* value = nullptr;
  v1::IndicatorKind kind = v1::INDICATOR_KIND_LEVEL;
  // 1 or 2: flows are compared at S1 with half the yearly target.
  int half = 2;
  // `band`: the previous year's actual (same semester); nullptr if none.
  const v1::Value* previous_year_value = nullptr;
  // False leaves Evaluation::explanation empty where it would take
  // formatting numbers: an overview of thousands of entities shows none.
  bool explain = true;
};

struct Evaluation {
  v1::Outcome outcome = v1::OUTCOME_NOT_ASSESSABLE;
  // actual/target, or target/actual when lower is better; for composite
  // targets the smallest over the components; 0 when not assessable.
  double achievement = 0;
  // A few words on why ("1.614 su 2.250: 72%"), in Italian for the report.
  std::string explanation;
};

// Indicator rule: no target or no actual -> non valutabile; target met ->
// raggiunto; achievement >= partly_achieved_ratio -> quasi raggiunto; else
// non raggiunto. Composite: raggiunto only if every component is met, and the
// smallest component ratio decides between quasi and non. Band: within the
// band of the previous year's actual -> raggiunto, within band ×
// band_partly_multiplier -> quasi, else non (no previous actual -> non
// valutabile). Qualitative and `none` -> non valutabile. A percentage
// target against a bare actual <= 1 reads the actual as a fraction (0,865 is
// 86,5%); UNIT_RATIO thresholds compare with percentages / 100.
Evaluation EvaluateIndicator(const IndicatorInput& input,
                             const v1::EvaluationPolicy& policy);

// The input of `indicator` in `period` for `entity`: its target of that
// year for that entity (TargetFor), its kind and the period's half, with
// the values given (either may be null).
IndicatorInput InputOf(const v1::Indicator& indicator, const Period& period,
                       absl::string_view entity, const v1::Value* value,
                       const v1::Value* previous_year_value);

// True when `value` meets every component of a `threshold` target (used by
// CountEntitiesMeeting); false for other forms or a missing value.
bool MeetsTarget(const v1::Target& target, const v1::Value& value,
                 v1::IndicatorKind kind, int half);

// Line rule over the outcomes of its indicators (non-assessable ones are
// ignored): none assessable -> NOT_ASSESSABLE; all ACHIEVED -> ACHIEVED; all
// NOT_ACHIEVED -> NOT_ACHIEVED; some NOT_ACHIEVED ->
// PARTLY_ACHIEVED_WITH_ISSUES; otherwise PARTLY_ACHIEVED.
v1::Outcome EvaluateLine(const std::vector<v1::Outcome>& indicator_outcomes);

// Objective rule on its % achieved (a UNIT_PERCENT number, or a bare number
// <= 1 read as a fraction): none -> non valutabile; >=
// objective_achieved_percent
// -> raggiunto; >= objective_partly_percent -> quasi; else non raggiunto.
Evaluation EvaluateObjective(const v1::Value* percent_achieved,
                             const v1::EvaluationPolicy& policy);

// The Union-wide value of an indicator from its entities' values by `rollup`.
// ROLLUP_NONE (and COUNT_MEETING, which CountEntitiesMeeting answers): the
// value of `union_entity`; SUM / MEAN over the numeric values (composite
// values part by part). std::nullopt when there is nothing to roll.
std::optional<v1::Value> RollUp(v1::Rollup rollup,
                                const std::vector<v1::EntityValue>& values,
                                const std::string& union_entity);

// The one rule for "entities meeting their target", for ROLLUP_COUNT_MEETING
// and for `entity_count` targets ("5 enti su 5"): of the entities other than
// `union_entity` that have a value, how many meet their own target for the
// period's year (their entity target, else the general one when it is a
// threshold); an entity with neither meets it with a positive number (a
// yes/no indicator written 1/0). A UNIT_COUNT number shown "3 enti su 4";
// std::nullopt when no such entity has a value.
std::optional<v1::Value> CountEntitiesMeeting(
    const v1::Indicator& indicator, const std::vector<v1::EntityValue>& values,
    const std::string& union_entity, Period period);

// The value of an indicator for the Union-wide scope in `period`:
// CountEntitiesMeeting for COUNT_MEETING or when the general target is an
// entity count (falling back to the Union's own value when no comune has
// one), else RollUp.
std::optional<v1::Value> UnionWideValue(
    const v1::Indicator& indicator, const std::vector<v1::EntityValue>& values,
    const std::string& union_entity, Period period);

// % achieved as a number in percentage points, if the value has one.
std::optional<double> PercentAchieved(const v1::Value& value);

// Sector scores: Σ weight × % achieved / Σ weight per sector, over the
// objectives that carry a weight for it. weights_complete is false when the
// weights do not add to 100 (within 0.01). Sorted by sector code.
std::vector<v1::SectorScore> ScoreSectors(
    const std::vector<v1::ObjectiveResult>& objectives,
    const std::vector<v1::Sector>& sectors);

// The outcome table: rows "Totale complessivo DUP (linea programmazione)",
// "Totale complessivo PERFORMANCE (obiettivi)", "Totale complessivo azioni",
// each with the five counts in column order and percentages of the row total.
// Objectives' PARTLY_ACHIEVED counts as "Quasi raggiunto (no criticità)".
std::vector<v1::OutcomeRow> BuildOutcomeTable(
    const std::vector<v1::Outcome>& line_outcomes,
    const std::vector<v1::Outcome>& objective_outcomes);

// How many of `outcomes` fall in each column of the outcome table, in its
// column order, with percentages of their number.
std::vector<v1::OutcomeCount> CountOutcomes(
    const std::vector<v1::Outcome>& outcomes);

// The wellbeing-dimension table: ambientale, assistenziale, economica,
// educativa, sociale, its three "Di cui: sociale (…)" sub-rows (sicurezza,
// sociale, urbana), istituzionale, Totale; lines, objectives and their total,
// each with its percentage of the column total.
std::vector<v1::DimensionRow> BuildDimensionTable(
    const std::vector<v1::WellbeingDimension>& line_dimensions,
    const std::vector<v1::WellbeingDimension>& objective_dimensions);

// Sets report->chart from its lines' and objectives' final outcomes and
// dimensions (an item without a dimension is in no column).
void FillChart(v1::Report* report);

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_EVALUATION_H_
