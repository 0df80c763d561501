#include "services/aggregation/entity_summary.h"

#include "absl/container/flat_hash_map.h"
#include "common/entities.h"
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
  if (entity.empty()) {
    out->set_display_name(std::string(kUnionScopeLabel));
  } else if (e != entities_.end()) {
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

UnionWideValues::UnionWideValues(const v1::Catalog& catalog,
                                 const std::vector<Period>& periods)
    : catalog_(catalog),
      union_entity_(UnionEntityOf(catalog)),
      objectives_(catalog.executive_objectives_size()) {
  for (int e = 0; e < catalog.entities_size(); ++e) {
    order_.emplace(catalog.entities(e).id(), e);
  }
  for (const Period& p : periods) {
    std::vector<UnionWideRollup>& rollups = rollups_.emplace_back();
    rollups.reserve(catalog.indicators_size());
    for (const v1::Indicator& ind : catalog.indicators()) {
      rollups.emplace_back(ind, union_entity_, p);
    }
  }
}

void UnionWideValues::Add(const std::string& entity,
                          const std::vector<ItemValues>& values) {
  auto order = order_.find(entity);
  // The report rolls up the catalog's entities only.
  if (order == order_.end()) return;
  for (size_t p = 0; p < rollups_.size() && p < values.size(); ++p) {
    if (values[p].empty()) continue;
    for (int i = 0; i < catalog_.indicators_size(); ++i) {
      if (const v1::Value* v = Find(values[p], catalog_.indicators(i).code())) {
        rollups_[p][i].Add(order->second, entity, *v);
      }
    }
  }
  if (entity != union_entity_ || values.empty()) return;
  for (int o = 0; o < catalog_.executive_objectives_size(); ++o) {
    if (const v1::Value* v =
            Find(values[0], catalog_.executive_objectives(o).code())) {
      objectives_[o] = *v;
    }
  }
}

std::vector<ItemValues> UnionWideValues::Finish() {
  results_.clear();
  results_.reserve(rollups_.size());
  std::vector<ItemValues> out(rollups_.size());
  for (size_t p = 0; p < rollups_.size(); ++p) {
    std::vector<std::optional<v1::Value>>& results = results_.emplace_back();
    results.reserve(rollups_[p].size());
    for (const UnionWideRollup& rollup : rollups_[p]) {
      results.push_back(rollup.Result());
    }
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].has_value()) {
        out[p][catalog_.indicators(static_cast<int>(i)).code()] = &*results[i];
      }
    }
  }
  if (!out.empty()) {
    for (size_t o = 0; o < objectives_.size(); ++o) {
      if (objectives_[o].has_value()) {
        out[0][catalog_.executive_objectives(static_cast<int>(o)).code()] =
            &*objectives_[o];
      }
    }
  }
  return out;
}

}  // namespace valore::aggregation
