#include "services/aggregation/report_builder.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/forecast.h"
#include "services/aggregation/scope_evaluator.h"

namespace valore::aggregation {
namespace {

const v1::Value* Find(const PeriodValues& values, const std::string& entity,
                      const std::string& item) {
  auto e = values.find(entity);
  if (e == values.end()) return nullptr;
  auto i = e->second.find(item);
  return i == e->second.end() ? nullptr : &i->second;
}

// The entities of one period that the catalog knows, in the catalog's
// entity order, each with its values. Built once per report so that the
// per-indicator work depends on the entities present, not on the catalog's
// size (a national catalog has thousands of entities).
using PeriodIndex = std::vector<
    std::pair<const std::string*, const std::map<std::string, v1::Value>*>>;

PeriodIndex IndexPeriod(const std::vector<const std::string*>& order,
                        const PeriodValues& values) {
  PeriodIndex index;
  for (const std::string* id : order) {
    auto it = values.find(*id);
    if (it != values.end()) index.emplace_back(id, &it->second);
  }
  return index;
}

// The catalog's entities that have a value in any of the report's periods,
// in catalog order.
std::vector<const std::string*> PresentEntities(const ReportInputs& in) {
  absl::flat_hash_set<absl::string_view> present;
  for (const PeriodValues* values :
       {&in.current, &in.previous_semester, &in.previous_year}) {
    for (const auto& [entity, items] : *values) present.insert(entity);
  }
  for (const auto& [period, values] : in.history) {
    for (const auto& [entity, items] : values) present.insert(entity);
  }
  std::vector<const std::string*> order;
  if (present.empty()) return order;
  for (const v1::Entity& e : in.catalog->entities()) {
    if (present.contains(e.id())) {
      order.push_back(&e.id());
      if (order.size() == present.size()) break;
    }
  }
  return order;
}

// The values of every entity for one item, in the catalog's entity order.
std::vector<v1::EntityValue> EntityValues(const PeriodIndex& index,
                                          const std::string& item) {
  std::vector<v1::EntityValue> out;
  for (const auto& [entity, items] : index) {
    auto it = items->find(item);
    if (it == items->end()) continue;
    v1::EntityValue ev;
    ev.set_entity(*entity);
    *ev.mutable_value() = it->second;
    out.push_back(std::move(ev));
  }
  return out;
}

// The value of an indicator for the report's scope in one period.
std::optional<v1::Value> ScopeValue(
    const ReportInputs& in, const std::string& union_entity,
    const v1::Indicator& indicator, const PeriodValues& values,
    const PeriodIndex& index, Period period,
    std::vector<v1::EntityValue>* entity_values) {
  if (!in.scope.empty()) {
    if (entity_values != nullptr) {
      *entity_values = EntityValues(index, indicator.code());
    }
    const v1::Value* own = Find(values, in.scope, indicator.code());
    if (own == nullptr) return std::nullopt;
    return *own;
  }
  std::vector<v1::EntityValue> all = EntityValues(index, indicator.code());
  if (entity_values != nullptr) *entity_values = all;
  return UnionWideValue(indicator, all, union_entity, period);
}

void AddDisagreement(v1::Report* report, v1::ItemType type,
                     const std::string& item, const std::string& title,
                     v1::Outcome computed,
                     const v1::ValidatedOutcome* validated) {
  if (validated == nullptr || validated->outcome() == computed) return;
  v1::Disagreement* d = report->add_disagreements();
  d->set_item_type(type);
  d->set_item(item);
  d->set_title(title);
  d->set_computed(computed);
  d->set_validated(validated->outcome());
  d->set_justification(validated->justification());
}

// The indicators' descriptions and values for the report's scope; the
// values the evaluator reads go to `values`.
void FillIndicators(const ReportInputs& in, bool needs_last_year,
                    v1::Report* report, ScopeValues* values) {
  const Period previous_semester = in.period.Previous();
  const Period previous_year = in.period.SameHalfLastYear();
  const std::string union_entity = UnionEntityOf(*in.catalog);
  const std::vector<const std::string*> order = PresentEntities(in);
  const PeriodIndex current = IndexPeriod(order, in.current);
  const PeriodIndex before_index = IndexPeriod(order, in.previous_semester);
  const PeriodIndex year_index = IndexPeriod(order, in.previous_year);
  for (const v1::Indicator& ind : in.catalog->indicators()) {
    v1::IndicatorResult* r = report->add_indicators();
    r->set_code(ind.code());
    r->set_title(ind.title());
    r->set_line_code(ind.line_code());
    r->set_dimension(ind.dimension());
    r->set_manager(ind.manager());
    r->set_section(ind.section());
    if (const v1::Target* target = TargetFor(ind, in.period.year(), in.scope)) {
      *r->mutable_target() = *target;
    }
    if (const v1::Target* next =
            TargetFor(ind, in.period.year() + 1, in.scope)) {
      *r->mutable_next_year_target() = *next;
    }
    std::vector<v1::EntityValue> entity_values;
    std::optional<v1::Value> value = ScopeValue(
        in, union_entity, ind, in.current, current, in.period, &entity_values);
    if (value.has_value()) *r->mutable_value() = *value;
    for (v1::EntityValue& ev : entity_values)
      *r->add_entity_values() = std::move(ev);

    std::optional<v1::Value> before =
        ScopeValue(in, union_entity, ind, in.previous_semester, before_index,
                   previous_semester, nullptr);
    r->set_previous_semester(previous_semester.ToString());
    if (before.has_value()) *r->mutable_previous_semester_value() = *before;
    std::optional<v1::Value> last_year =
        ScopeValue(in, union_entity, ind, in.previous_year, year_index,
                   previous_year, nullptr);
    r->set_previous_year(previous_year.ToString());
    if (last_year.has_value()) *r->mutable_previous_year_value() = *last_year;

    // Elements of a repeated message field stay where they are as it grows.
    values->indicators.push_back(value.has_value() ? &r->value() : nullptr);
    if (needs_last_year) {
      values->indicators_last_year.push_back(
          last_year.has_value() ? &r->previous_year_value() : nullptr);
    }
  }
}

void FillLines(const ReportInputs& in, const ScopeEvaluator& evaluator,
               v1::Report* report) {
  for (int l = 0; l < in.catalog->lines_size(); ++l) {
    const v1::ProgrammeLine& line = in.catalog->lines(l);
    v1::LineResult* r = report->add_lines();
    r->set_code(line.code());
    r->set_title(line.title());
    r->set_dimension(line.dimension());
    *r->mutable_managers() = line.managers();
    for (int i : evaluator.line_indicators(l)) {
      r->add_indicator_codes(in.catalog->indicators(i).code());
    }
  }
}

// The year-end forecast of a first half: each indicator from the scope's
// values of this year and the years before, each line from its indicators'.
void FillForecasts(const ReportInputs& in, const ScopeEvaluator& evaluator,
                   v1::Report* report) {
  if (in.period.half() != 1) return;
  const std::string union_entity = UnionEntityOf(*in.catalog);
  const std::vector<const std::string*> order = PresentEntities(in);
  std::vector<Period> history;
  std::map<int, PeriodIndex> indexes;  // by period ordinal
  for (const auto& [period, values] : in.history) {
    history.push_back(period);
    indexes.emplace(period.ordinal(), IndexPeriod(order, values));
  }
  // The three periods every report reads are in its indicators already;
  // earlier years are rolled up here, once each.
  std::map<std::pair<int, int>, std::optional<v1::Value>> past;
  auto value_of = [&](int i, Period p) -> const v1::Value* {
    const v1::IndicatorResult& r = report->indicators(i);
    if (p == in.period) return r.has_value() ? &r.value() : nullptr;
    if (p == in.period.Previous()) {
      return r.has_previous_semester_value() ? &r.previous_semester_value()
                                             : nullptr;
    }
    if (p == in.period.SameHalfLastYear()) {
      return r.has_previous_year_value() ? &r.previous_year_value() : nullptr;
    }
    auto index = indexes.find(p.ordinal());
    if (index == indexes.end()) return nullptr;
    auto [it, added] = past.try_emplace({i, p.ordinal()});
    if (added) {
      it->second = ScopeValue(in, union_entity, in.catalog->indicators(i),
                              in.history.at(p), index->second, p, nullptr);
    }
    return it->second.has_value() ? &*it->second : nullptr;
  };
  std::vector<v1::Outcome> line_finals;
  for (const v1::LineResult& line : report->lines()) {
    line_finals.push_back(line.final());
  }
  ForecastScope(*in.catalog, in.period, in.scope, value_of, history,
                evaluator.lines_indicators(), line_finals,
                report->mutable_forecasts(), report->mutable_line_forecasts());
}

// Executive objectives are the Union's: a Union report reads the Union
// entity's values, an entity report its own.
void FillObjectives(const ReportInputs& in, v1::Report* report,
                    ScopeValues* values) {
  const std::string holder =
      in.scope.empty() ? UnionEntityOf(*in.catalog) : in.scope;
  for (const v1::ExecutiveObjective& o : in.catalog->executive_objectives()) {
    v1::ObjectiveResult* r = report->add_objectives();
    r->set_code(o.code());
    r->set_title(o.title());
    r->set_line_code(o.line_code());
    r->set_dimension(o.dimension());
    r->set_manager(o.manager());
    r->set_weight_text(o.weight_text());
    *r->mutable_weights() = o.weights();
    const v1::Value* value = Find(in.current, holder, o.code());
    if (value != nullptr) *r->mutable_value() = *value;
    values->objectives.push_back(value);
  }
}

// Sets the computed, validated and final outcome of a result message (the
// three item results share these field names).
template <typename Result>
void SetOutcome(const ItemOutcome& outcome, Result* r) {
  r->set_computed(outcome.computed.outcome);
  if (outcome.validated != nullptr) {
    r->set_validated(outcome.validated->outcome());
    r->set_justification(outcome.validated->justification());
  }
  r->set_final(outcome.final_outcome());
}

void ApplyOutcomes(const ScopeOutcomes& outcomes, v1::Report* report) {
  for (int i = 0; i < report->indicators_size(); ++i) {
    v1::IndicatorResult* r = report->mutable_indicators(i);
    const ItemOutcome& o = outcomes.indicators[i];
    SetOutcome(o, r);
    r->set_achievement(o.computed.achievement);
    r->set_explanation(o.computed.explanation);
    AddDisagreement(report, v1::ITEM_TYPE_INDICATOR, r->code(), r->title(),
                    o.computed.outcome, o.validated);
  }
  for (int l = 0; l < report->lines_size(); ++l) {
    v1::LineResult* r = report->mutable_lines(l);
    SetOutcome(outcomes.lines[l], r);
    AddDisagreement(report, v1::ITEM_TYPE_PROGRAMME_LINE, r->code(), r->title(),
                    outcomes.lines[l].computed.outcome,
                    outcomes.lines[l].validated);
  }
  for (int o = 0; o < report->objectives_size(); ++o) {
    v1::ObjectiveResult* r = report->mutable_objectives(o);
    SetOutcome(outcomes.objectives[o], r);
    AddDisagreement(report, v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, r->code(),
                    r->title(), outcomes.objectives[o].computed.outcome,
                    outcomes.objectives[o].validated);
  }
}

// The computed figure a published one stands for; false when the report has
// no such cell.
bool ComputedFigure(const v1::Report& report, const v1::PublishedFigure& p,
                    double* count, std::optional<double>* percent) {
  if (p.table() == v1::FIGURE_TABLE_OUTCOMES) {
    for (const v1::OutcomeRow& row : report.outcome_table()) {
      if (row.row() != p.outcome_row()) continue;
      if (p.outcome_column() == v1::OUTCOME_UNSPECIFIED) {
        *count = row.total();
        *percent = row.total() > 0 ? 100 : 0;
        return true;
      }
      for (const v1::OutcomeCount& c : row.counts()) {
        if (c.outcome() == p.outcome_column()) {
          *count = c.count();
          *percent = c.percent();
          return true;
        }
      }
    }
    return false;
  }
  if (p.table() == v1::FIGURE_TABLE_DIMENSIONS) {
    for (const v1::DimensionRow& row : report.dimension_table()) {
      if (row.dimension() != p.dimension() ||
          row.sub_row() != p.dimension_sub_row()) {
        continue;
      }
      switch (p.dimension_column()) {
        case v1::DIMENSION_COLUMN_PROGRAMME_LINES:
          *count = row.lines();
          *percent = row.lines_percent();
          return true;
        case v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES:
          *count = row.objectives();
          *percent = row.objectives_percent();
          return true;
        case v1::DIMENSION_COLUMN_TOTAL:
          *count = row.total();
          *percent = row.total_percent();
          return true;
        default:
          return false;
      }
    }
    return false;
  }
  if (p.table() == v1::FIGURE_TABLE_ENTITY_FIGURES) {
    for (const v1::IndicatorResult& r : report.indicators()) {
      if (r.code() == p.indicator() && r.value().has_number()) {
        *count = r.value().number().value();
        percent->reset();
        return true;
      }
    }
  }
  return false;
}

void FillPublished(const ReportInputs& in, v1::Report* report) {
  for (const v1::PublishedFigure& p : in.published) {
    v1::FigureComparison* c = report->add_published();
    *c->mutable_published() = p;
    double count = 0;
    std::optional<double> percent;
    if (ComputedFigure(*report, p, &count, &percent)) {
      c->set_computed_count(count);
      if (percent.has_value()) c->set_computed_percent(*percent);
      // A document prints percentages to the hundredth.
      c->set_differs(
          count != p.count() ||
          (p.has_percent() &&
           (!percent.has_value() ||
            std::llround(*percent * 100) != std::llround(p.percent() * 100))));
    } else {
      c->set_differs(true);
    }
  }
}

}  // namespace

void BuildReportInto(const ReportInputs& in, v1::Report* out) {
  v1::Report& report = *out;
  report.set_period(in.period.ToString());
  report.set_entity(in.scope);
  report.set_scope(ScopeOf(in.scope));
  report.set_catalog_version(in.catalog->version());
  for (const std::string& e : in.missing_entities)
    report.add_missing_entities(e);

  const ScopeEvaluator evaluator(*in.catalog, in.period);
  ScopeValues values;
  FillIndicators(in, evaluator.needs_last_year(), &report, &values);
  FillLines(in, evaluator, &report);
  FillObjectives(in, &report, &values);
  std::vector<const v1::ValidatedOutcome*> validated;
  for (const v1::ValidatedOutcome& v : in.validated) validated.push_back(&v);
  ApplyOutcomes(evaluator.Evaluate(in.scope, values, validated,
                                   /*explain=*/true),
                &report);
  FillForecasts(in, evaluator, &report);

  std::vector<v1::Outcome> line_outcomes, objective_outcomes;
  std::vector<v1::WellbeingDimension> line_dimensions, objective_dimensions;
  for (const v1::LineResult& l : report.lines()) {
    line_outcomes.push_back(l.final());
    line_dimensions.push_back(l.dimension());
  }
  for (const v1::ObjectiveResult& o : report.objectives()) {
    objective_outcomes.push_back(o.final());
    objective_dimensions.push_back(o.dimension());
  }
  for (v1::OutcomeRow& row :
       BuildOutcomeTable(line_outcomes, objective_outcomes)) {
    *report.add_outcome_table() = std::move(row);
  }
  for (v1::DimensionRow& row :
       BuildDimensionTable(line_dimensions, objective_dimensions)) {
    *report.add_dimension_table() = std::move(row);
  }
  FillChart(&report);
  std::vector<v1::ObjectiveResult> objectives(report.objectives().begin(),
                                              report.objectives().end());
  std::vector<v1::Sector> sectors(in.catalog->sectors().begin(),
                                  in.catalog->sectors().end());
  for (v1::SectorScore& s : ScoreSectors(objectives, sectors)) {
    *report.add_sector_scores() = std::move(s);
  }
  FillPublished(in, &report);
}

}  // namespace valore::aggregation
