#include "services/aggregation/scope_evaluator.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "common/value_fit.h"

namespace valore::aggregation {
namespace {

bool AnyBandTarget(const v1::Catalog& catalog, int year) {
  for (const v1::Indicator& ind : catalog.indicators()) {
    for (const v1::YearlyTarget& y : ind.targets()) {
      if (y.year() == year && y.target().has_band()) return true;
    }
  }
  return false;
}

const v1::Value* At(const std::vector<const v1::Value*>& values, int i) {
  return i < static_cast<int>(values.size()) ? values[i] : nullptr;
}

}  // namespace

ScopeEvaluator::ScopeEvaluator(const v1::Catalog& catalog, Period period)
    : catalog_(catalog),
      period_(period),
      policy_(WithDefaults(catalog.policy())),
      needs_last_year_(AnyBandTarget(catalog, period.year())) {
  absl::flat_hash_map<absl::string_view, int> line_index;
  for (int l = 0; l < catalog.lines_size(); ++l) {
    line_index.emplace(catalog.lines(l).code(), l);
  }
  line_indicators_.resize(catalog.lines_size());
  for (int i = 0; i < catalog.indicators_size(); ++i) {
    auto it = line_index.find(catalog.indicators(i).line_code());
    if (it != line_index.end()) line_indicators_[it->second].push_back(i);
  }
}

ScopeOutcomes ScopeEvaluator::Evaluate(
    absl::string_view entity, const ScopeValues& values,
    const std::vector<const v1::ValidatedOutcome*>& validated,
    bool explain) const {
  absl::flat_hash_map<std::pair<int, absl::string_view>,
                      const v1::ValidatedOutcome*>
      chosen;
  for (const v1::ValidatedOutcome* v : validated) {
    chosen[{static_cast<int>(v->item_type()), v->item()}] = v;
  }
  auto validated_of =
      [&](v1::ItemType type,
          const std::string& item) -> const v1::ValidatedOutcome* {
    auto it = chosen.find({static_cast<int>(type), item});
    return it == chosen.end() ? nullptr : it->second;
  };

  ScopeOutcomes out;
  out.indicators.resize(catalog_.indicators_size());
  for (int i = 0; i < catalog_.indicators_size(); ++i) {
    const v1::Indicator& ind = catalog_.indicators(i);
    IndicatorInput input =
        InputOf(ind, period_, entity, At(values.indicators, i),
                At(values.indicators_last_year, i));
    input.explain = explain;
    out.indicators[i].computed = EvaluateIndicator(input, policy_);
    out.indicators[i].validated =
        validated_of(v1::ITEM_TYPE_INDICATOR, ind.code());
  }
  out.lines.resize(catalog_.lines_size());
  std::vector<v1::Outcome> outcomes;
  for (int l = 0; l < catalog_.lines_size(); ++l) {
    outcomes.clear();
    for (int i : line_indicators_[l]) {
      outcomes.push_back(out.indicators[i].final_outcome());
    }
    out.lines[l].computed.outcome = EvaluateLine(outcomes);
    out.lines[l].validated =
        validated_of(v1::ITEM_TYPE_PROGRAMME_LINE, catalog_.lines(l).code());
  }
  out.objectives.resize(catalog_.executive_objectives_size());
  for (int o = 0; o < catalog_.executive_objectives_size(); ++o) {
    const v1::ExecutiveObjective& objective = catalog_.executive_objectives(o);
    out.objectives[o].computed =
        EvaluateObjective(At(values.objectives, o), policy_);
    out.objectives[o].validated =
        validated_of(v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, objective.code());
  }
  return out;
}

std::vector<v1::Outcome> FinalOutcomes(const std::vector<ItemOutcome>& items) {
  std::vector<v1::Outcome> finals;
  finals.reserve(items.size());
  for (const ItemOutcome& item : items) finals.push_back(item.final_outcome());
  return finals;
}

}  // namespace valore::aggregation
