#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_test_values.h"

namespace valore::aggregation {
namespace {

using namespace test_values;  // NOLINT: the values every test here uses

// The outcome and dimension tables (outcome_tables.cc).

// --- Tables -----------------------------------------------------------------

int Count(const v1::OutcomeRow& row, v1::Outcome outcome) {
  for (const auto& c : row.counts()) {
    if (c.outcome() == outcome) return c.count();
  }
  return -1;
}

TEST(BuildOutcomeTableTest, SmallSet) {
  const std::vector<v1::Outcome> lines = {
      v1::OUTCOME_ACHIEVED,       v1::OUTCOME_ACHIEVED,
      v1::OUTCOME_ACHIEVED,       v1::OUTCOME_PARTLY_ACHIEVED,
      v1::OUTCOME_NOT_ACHIEVED,   v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES,
      v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_PARTLY_ACHIEVED};
  const std::vector<v1::Outcome> objectives = {
      v1::OUTCOME_ACHIEVED, v1::OUTCOME_PARTLY_ACHIEVED,
      v1::OUTCOME_PARTLY_ACHIEVED, v1::OUTCOME_NOT_ACHIEVED};

  std::vector<v1::OutcomeRow> rows = BuildOutcomeTable(lines, objectives);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].label(), "Totale complessivo DUP (linea programmazione)");
  EXPECT_EQ(rows[1].label(), "Totale complessivo PERFORMANCE (obiettivi)");
  EXPECT_EQ(rows[2].label(), "Totale complessivo azioni");

  // Columns in the table's order.
  const std::vector<v1::Outcome> order = {
      v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
      v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, v1::OUTCOME_PARTLY_ACHIEVED,
      v1::OUTCOME_ACHIEVED};
  for (const auto& row : rows) {
    ASSERT_EQ(row.counts_size(), 5);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(row.counts(i).outcome(), order[i]);
  }

  // Lines: 1 NV, 1 non, 1 con criticità, 2 no criticità, 3 raggiunto.
  EXPECT_EQ(rows[0].total(), 8);
  EXPECT_EQ(Count(rows[0], v1::OUTCOME_NOT_ASSESSABLE), 1);
  EXPECT_EQ(Count(rows[0], v1::OUTCOME_NOT_ACHIEVED), 1);
  EXPECT_EQ(Count(rows[0], v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES), 1);
  EXPECT_EQ(Count(rows[0], v1::OUTCOME_PARTLY_ACHIEVED), 2);
  EXPECT_EQ(Count(rows[0], v1::OUTCOME_ACHIEVED), 3);
  EXPECT_DOUBLE_EQ(rows[0].counts(4).percent(), 37.5);

  // Objectives: quasi goes to "no criticità".
  EXPECT_EQ(rows[1].total(), 4);
  EXPECT_EQ(Count(rows[1], v1::OUTCOME_PARTLY_ACHIEVED), 2);
  EXPECT_EQ(Count(rows[1], v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES), 0);
  EXPECT_DOUBLE_EQ(rows[1].counts(3).percent(), 50);
  EXPECT_DOUBLE_EQ(rows[1].counts(0).percent(), 0);

  // All actions: the two added.
  EXPECT_EQ(rows[2].total(), 12);
  EXPECT_EQ(Count(rows[2], v1::OUTCOME_ACHIEVED), 4);
  EXPECT_EQ(Count(rows[2], v1::OUTCOME_PARTLY_ACHIEVED), 4);
  EXPECT_EQ(Count(rows[2], v1::OUTCOME_NOT_ACHIEVED), 2);
  EXPECT_NEAR(rows[2].counts(4).percent(), 100.0 * 4 / 12, 1e-9);

  for (const auto& row : rows) {
    double sum = 0;
    for (const auto& c : row.counts()) sum += c.percent();
    EXPECT_NEAR(sum, 100, 1e-9) << row.label();
  }
}

TEST(BuildOutcomeTableTest, EmptyRowsHaveZeroPercent) {
  auto rows = BuildOutcomeTable({}, {v1::OUTCOME_ACHIEVED});
  EXPECT_EQ(rows[0].total(), 0);
  for (const auto& c : rows[0].counts()) EXPECT_DOUBLE_EQ(c.percent(), 0);
  EXPECT_DOUBLE_EQ(rows[1].counts(4).percent(), 100);
}

TEST(BuildDimensionTableTest, SmallSet) {
  using D = v1::WellbeingDimension;
  const std::vector<D> lines = {v1::WELLBEING_DIMENSION_EDUCATIONAL,
                                v1::WELLBEING_DIMENSION_EDUCATIONAL,
                                v1::WELLBEING_DIMENSION_SOCIAL,
                                v1::WELLBEING_DIMENSION_SOCIAL_SAFETY,
                                v1::WELLBEING_DIMENSION_INSTITUTIONAL,
                                v1::WELLBEING_DIMENSION_CARE};
  const std::vector<D> objectives = {v1::WELLBEING_DIMENSION_SOCIAL_URBAN,
                                     v1::WELLBEING_DIMENSION_SOCIAL,
                                     v1::WELLBEING_DIMENSION_INSTITUTIONAL,
                                     v1::WELLBEING_DIMENSION_INSTITUTIONAL,
                                     v1::WELLBEING_DIMENSION_ENVIRONMENTAL};

  std::vector<v1::DimensionRow> rows = BuildDimensionTable(lines, objectives);
  struct Expected {
    std::string label;
    bool sub_row;
    int lines;
    int objectives;
  };
  // Counted by hand from the two lists above.
  const std::vector<Expected> expected = {
      {"ambientale", false, 0, 1},
      {"assistenziale", false, 1, 0},
      {"economica", false, 0, 0},
      {"educativa", false, 2, 0},
      {"sociale", false, 2, 2},
      {"Di cui: sociale (sicurezza)", true, 1, 0},
      {"Di cui: sociale (sociale)", true, 1, 1},
      {"Di cui: sociale (urbana)", true, 0, 1},
      {"istituzionale", false, 1, 2},
      {"Totale", false, 6, 5},
  };
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(expected[i].label);
    EXPECT_EQ(rows[i].label(), expected[i].label);
    EXPECT_EQ(rows[i].sub_row(), expected[i].sub_row);
    EXPECT_EQ(rows[i].lines(), expected[i].lines);
    EXPECT_EQ(rows[i].objectives(), expected[i].objectives);
    EXPECT_EQ(rows[i].total(), expected[i].lines + expected[i].objectives);
    EXPECT_NEAR(rows[i].lines_percent(), 100.0 * expected[i].lines / 6, 1e-9);
    EXPECT_NEAR(rows[i].objectives_percent(),
                100.0 * expected[i].objectives / 5, 1e-9);
    EXPECT_NEAR(rows[i].total_percent(),
                100.0 * (expected[i].lines + expected[i].objectives) / 11,
                1e-9);
  }
  EXPECT_EQ(rows[4].dimension(), v1::WELLBEING_DIMENSION_SOCIAL);
  EXPECT_EQ(rows[5].dimension(), v1::WELLBEING_DIMENSION_SOCIAL_SAFETY);
  EXPECT_EQ(rows[6].dimension(), v1::WELLBEING_DIMENSION_SOCIAL);
  EXPECT_EQ(rows[7].dimension(), v1::WELLBEING_DIMENSION_SOCIAL_URBAN);

  // The top-level rows (not the sociale sub-rows, not Totale) add to 100%.
  double lines_sum = 0, objectives_sum = 0, total_sum = 0;
  for (const auto& row : rows) {
    if (row.sub_row() || row.label() == "Totale") continue;
    lines_sum += row.lines_percent();
    objectives_sum += row.objectives_percent();
    total_sum += row.total_percent();
  }
  EXPECT_NEAR(lines_sum, 100, 1e-9);
  EXPECT_NEAR(objectives_sum, 100, 1e-9);
  EXPECT_NEAR(total_sum, 100, 1e-9);
  EXPECT_DOUBLE_EQ(rows.back().total_percent(), 100);
}

TEST(BuildDimensionTableTest, EmptyInput) {
  auto rows = BuildDimensionTable({}, {});
  ASSERT_EQ(rows.size(), 10u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.total(), 0);
    EXPECT_DOUBLE_EQ(row.total_percent(), 0);
  }
}

}  // namespace
}  // namespace valore::aggregation
