// The report's tables: outcomes counted by column, and items by wellbeing
// dimension.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/figure_labels.h"
#include "common/labels.h"
#include "services/aggregation/evaluation.h"

namespace valore::aggregation {
namespace {

// The column an outcome falls in; an unset outcome is "Non valutabile/ Altro".
v1::Outcome Column(v1::Outcome o) {
  return kOutcomeTableColumns[OutcomeColumnIndex(o)];
}

double Percent(int count, int total) {
  return total > 0 ? 100.0 * count / total : 0;
}

v1::OutcomeRow MakeOutcomeRow(v1::OutcomeTableRow which,
                              const std::map<v1::Outcome, int>& counts) {
  v1::OutcomeRow row;
  row.set_row(which);
  row.set_label(OutcomeTableRowLabel(which));
  int total = 0;
  for (const auto& [outcome, n] : counts) total += n;
  for (v1::Outcome c : kOutcomeTableColumns) {
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
      MakeOutcomeRow(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES, lines),
      MakeOutcomeRow(v1::OUTCOME_TABLE_ROW_EXECUTIVE_OBJECTIVES, objectives),
      MakeOutcomeRow(v1::OUTCOME_TABLE_ROW_ALL_ACTIONS, all)};
}

std::vector<v1::OutcomeCount> CountOutcomes(
    const std::vector<v1::Outcome>& outcomes) {
  std::map<v1::Outcome, int> counts;
  for (v1::Outcome o : outcomes) ++counts[Column(o)];
  v1::OutcomeRow row =
      MakeOutcomeRow(v1::OUTCOME_TABLE_ROW_UNSPECIFIED, counts);
  return {row.counts().begin(), row.counts().end()};
}

void FillChart(v1::Report* report) {
  // The chart's columns: the top-level dimensions, sociale with its kinds.
  constexpr v1::WellbeingDimension kColumns[] = {
      v1::WELLBEING_DIMENSION_ENVIRONMENTAL,
      v1::WELLBEING_DIMENSION_CARE,
      v1::WELLBEING_DIMENSION_ECONOMIC,
      v1::WELLBEING_DIMENSION_EDUCATIONAL,
      v1::WELLBEING_DIMENSION_SOCIAL,
      v1::WELLBEING_DIMENSION_INSTITUTIONAL};
  std::map<v1::WellbeingDimension, std::vector<v1::Outcome>> by_column;
  auto add = [&](v1::WellbeingDimension dimension, v1::Outcome outcome) {
    by_column[IsSocial(dimension) ? v1::WELLBEING_DIMENSION_SOCIAL : dimension]
        .push_back(outcome);
  };
  for (const v1::LineResult& line : report->lines()) {
    add(line.dimension(), line.final());
  }
  for (const v1::ObjectiveResult& objective : report->objectives()) {
    add(objective.dimension(), objective.final());
  }
  report->clear_chart();
  for (v1::WellbeingDimension d : kColumns) {
    v1::ChartColumn* column = report->add_chart();
    column->set_dimension(d);
    const std::vector<v1::Outcome>& outcomes = by_column[d];
    for (v1::OutcomeCount& c : CountOutcomes(outcomes)) {
      *column->add_counts() = std::move(c);
    }
    column->set_total(static_cast<int>(outcomes.size()));
  }
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
  auto make_row = [&](v1::WellbeingDimension dim, bool sub_row,
                      auto&& matches) {
    v1::DimensionRow row;
    row.set_label(DimensionRowLabel(dim, sub_row));
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
    rows.push_back(make_row(d, false, is(d)));
  }
  // "sociale" counts its three sub-dimensions; the sub-rows split it.
  rows.push_back(make_row(v1::WELLBEING_DIMENSION_SOCIAL, false, IsSocial));
  for (v1::WellbeingDimension d :
       {v1::WELLBEING_DIMENSION_SOCIAL_SAFETY, v1::WELLBEING_DIMENSION_SOCIAL,
        v1::WELLBEING_DIMENSION_SOCIAL_URBAN}) {
    rows.push_back(make_row(d, true, is(d)));
  }
  rows.push_back(make_row(v1::WELLBEING_DIMENSION_INSTITUTIONAL, false,
                          is(v1::WELLBEING_DIMENSION_INSTITUTIONAL)));
  rows.push_back(make_row(v1::WELLBEING_DIMENSION_UNSPECIFIED, false,
                          [](v1::WellbeingDimension) { return true; }));
  return rows;
}

}  // namespace valore::aggregation
