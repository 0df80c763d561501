#include "services/aggregation/entity_summary.h"

#include "absl/container/flat_hash_map.h"
#include "common/scopes.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/forecast.h"

namespace valore::aggregation {
namespace {

const v1::Value* Find(const ItemValues& values, const std::string& item) {
  auto it = values.find(item);
  return it == values.end() ? nullptr : it->second;
}

}  // namespace

SummaryBuilder::SummaryBuilder(const v1::Catalog& catalog, Period period)
    : catalog_(catalog), evaluator_(catalog, period) {
  periods_.push_back(period);
  if (evaluator_.needs_last_year() || period.half() == 1) {
    periods_.push_back(period.SameHalfLastYear());
  }
  if (period.half() == 1) {
    periods_.push_back(period.Previous());
    history_ = ForecastHistoryPeriods(catalog, period);
    periods_.insert(periods_.end(), history_.begin(), history_.end());
  }
  for (const v1::Entity& e : catalog.entities()) entities_.emplace(e.id(), &e);
}

void SummaryBuilder::Build(
    const std::string& entity, const std::vector<ItemValues>& values,
    const std::vector<const v1::ValidatedOutcome*>& validated,
    v1::EntitySummary* out) const {
  static const ItemValues kNone;
  const ItemValues& current = values.empty() ? kNone : values[0];
  const ItemValues& last_year = values.size() > 1 ? values[1] : kNone;
  // The values of indicator `i` in period `p`, one of periods().
  auto value_of = [&](int i, Period p) -> const v1::Value* {
    for (size_t k = 0; k < periods_.size() && k < values.size(); ++k) {
      if (periods_[k] == p) {
        return Find(values[k], catalog_.indicators(i).code());
      }
    }
    return nullptr;
  };
  ScopeValues scope_values;
  int measured = 0;
  for (const v1::Indicator& ind : catalog_.indicators()) {
    scope_values.indicators.push_back(Find(current, ind.code()));
    if (scope_values.indicators.back() != nullptr) ++measured;
    if (evaluator_.needs_last_year()) {
      scope_values.indicators_last_year.push_back(Find(last_year, ind.code()));
    }
  }
  for (const v1::ExecutiveObjective& o : catalog_.executive_objectives()) {
    scope_values.objectives.push_back(Find(current, o.code()));
  }
  const ScopeOutcomes outcomes =
      evaluator_.Evaluate(entity, scope_values, validated, /*explain=*/false);

  out->set_entity(entity);
  out->set_scope(ScopeOf(entity));
  auto e = entities_.find(entity);
  if (e != entities_.end()) {
    out->set_display_name(e->second->display_name());
    out->set_entity_kind(e->second->kind());
  }
  for (v1::OutcomeRow& row : BuildOutcomeTable(
           FinalOutcomes(outcomes.lines), FinalOutcomes(outcomes.objectives))) {
    *out->add_outcome_table() = std::move(row);
  }
  for (v1::OutcomeCount& c :
       CountOutcomes(FinalOutcomes(outcomes.indicators))) {
    *out->add_indicator_outcomes() = std::move(c);
  }
  out->set_indicators_measured(measured);
  out->set_indicators(catalog_.indicators_size());
  if (periods_[0].half() != 1) return;
  google::protobuf::RepeatedPtrField<v1::IndicatorForecast> forecasts;
  google::protobuf::RepeatedPtrField<v1::LineForecast> lines;
  ForecastScope(catalog_, periods_[0], entity, value_of, history_,
                evaluator_.lines_indicators(), FinalOutcomes(outcomes.lines),
                &forecasts, &lines);
  for (const v1::LineForecast& line : lines) {
    if (line.at_risk()) out->add_lines_at_risk(line.code());
  }
}

void SummaryOfUnionReport(const v1::Report& report, v1::EntitySummary* out) {
  out->set_scope(std::string(kUnionScope));
  out->set_display_name(std::string(kUnionScopeLabel));
  *out->mutable_outcome_table() = report.outcome_table();
  std::vector<v1::Outcome> finals;
  finals.reserve(report.indicators_size());
  int measured = 0;
  for (const v1::IndicatorResult& i : report.indicators()) {
    finals.push_back(i.final());
    if (i.value().kind_case() != v1::Value::KIND_NOT_SET) ++measured;
  }
  for (v1::OutcomeCount& c : CountOutcomes(finals)) {
    *out->add_indicator_outcomes() = std::move(c);
  }
  out->set_indicators_measured(measured);
  out->set_indicators(report.indicators_size());
  for (const v1::LineForecast& line : report.line_forecasts()) {
    if (line.at_risk()) out->add_lines_at_risk(line.code());
  }
}

}  // namespace valore::aggregation
