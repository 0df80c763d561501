#include "services/aggregation/entity_summary.h"

#include "absl/container/flat_hash_map.h"
#include "common/scopes.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/report_builder.h"

namespace valore::aggregation {
namespace {

bool NeedsPreviousYear(const v1::Catalog& catalog, int year) {
  for (const v1::Indicator& ind : catalog.indicators()) {
    for (const v1::YearlyTarget& y : ind.targets()) {
      if (y.year() == year && y.target().has_band()) {
        return true;
      }
    }
  }
  return false;
}

const v1::Value* Find(const ItemValues& values, const std::string& item) {
  auto it = values.find(item);
  return it == values.end() ? nullptr : it->second;
}

}  // namespace

SummaryBuilder::SummaryBuilder(const v1::Catalog& catalog, Period period)
    : catalog_(catalog),
      period_(period),
      policy_(WithDefaults(catalog.policy())) {
  periods_.push_back(period);
  if (NeedsPreviousYear(catalog, period.year())) {
    periods_.push_back(period.SameHalfLastYear());
  }
  absl::flat_hash_map<absl::string_view, int> line_index;
  for (int l = 0; l < catalog.lines_size(); ++l) {
    line_index.emplace(catalog.lines(l).code(), l);
  }
  line_indicators_.resize(catalog.lines_size());
  for (int i = 0; i < catalog.indicators_size(); ++i) {
    auto it = line_index.find(catalog.indicators(i).line_code());
    if (it != line_index.end()) line_indicators_[it->second].push_back(i);
  }
  for (const v1::Entity& e : catalog.entities()) entities_.emplace(e.id(), &e);
}

void SummaryBuilder::Build(
    const std::string& entity, const std::vector<ItemValues>& values,
    const std::vector<const v1::ValidatedOutcome*>& validated,
    v1::EntitySummary* out) const {
  absl::flat_hash_map<std::pair<int, absl::string_view>, v1::Outcome> chosen;
  for (const v1::ValidatedOutcome* v : validated) {
    chosen[{static_cast<int>(v->item_type()), v->item()}] = v->outcome();
  }
  auto final_of = [&](v1::ItemType type, const std::string& item,
                      v1::Outcome computed) {
    auto it = chosen.find({static_cast<int>(type), item});
    return it == chosen.end() ? computed : it->second;
  };
  static const ItemValues kNone;
  const ItemValues& current = values.empty() ? kNone : values[0];
  const ItemValues& last_year = values.size() > 1 ? values[1] : kNone;

  std::vector<v1::Outcome> indicator_finals(catalog_.indicators_size());
  int measured = 0;
  for (int i = 0; i < catalog_.indicators_size(); ++i) {
    const v1::Indicator& ind = catalog_.indicators(i);
    IndicatorInput input;
    input.target = TargetFor(ind, period_.year(), entity);
    input.value = Find(current, ind.code());
    input.kind = ind.kind();
    input.half = period_.half();
    input.previous_year_value = Find(last_year, ind.code());
    input.explain = false;
    if (input.value != nullptr) ++measured;
    indicator_finals[i] = final_of(v1::ITEM_TYPE_INDICATOR, ind.code(),
                                   EvaluateIndicator(input, policy_).outcome);
  }
  std::vector<v1::Outcome> line_finals;
  line_finals.reserve(catalog_.lines_size());
  std::vector<v1::Outcome> outcomes;
  for (int l = 0; l < catalog_.lines_size(); ++l) {
    outcomes.clear();
    for (int i : line_indicators_[l]) outcomes.push_back(indicator_finals[i]);
    line_finals.push_back(final_of(v1::ITEM_TYPE_PROGRAMME_LINE,
                                   catalog_.lines(l).code(),
                                   EvaluateLine(outcomes)));
  }
  std::vector<v1::Outcome> objective_finals;
  objective_finals.reserve(catalog_.executive_objectives_size());
  for (const v1::ExecutiveObjective& o : catalog_.executive_objectives()) {
    objective_finals.push_back(
        final_of(v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code(),
                 EvaluateObjective(Find(current, o.code()), policy_).outcome));
  }

  out->set_entity(entity);
  out->set_scope(ScopeOf(entity));
  auto e = entities_.find(entity);
  if (e != entities_.end()) {
    out->set_display_name(e->second->display_name());
    out->set_entity_kind(e->second->kind());
  }
  for (v1::OutcomeRow& row : BuildOutcomeTable(line_finals, objective_finals)) {
    *out->add_outcome_table() = std::move(row);
  }
  for (v1::OutcomeCount& c : CountOutcomes(indicator_finals)) {
    *out->add_indicator_outcomes() = std::move(c);
  }
  out->set_indicators_measured(measured);
  out->set_indicators(catalog_.indicators_size());
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
}

}  // namespace valore::aggregation
