#include "services/aggregation/report_builder.h"

#include <string>

#include "gtest/gtest.h"
#include "services/aggregation/report_test_catalog.h"

namespace valore::aggregation {
namespace {

using namespace test_catalog;  // NOLINT: the catalog every test here uses

const v1::IndicatorResult& Indicator(const v1::Report& r,
                                     const std::string& code) {
  for (const v1::IndicatorResult& i : r.indicators()) {
    if (i.code() == code) return i;
  }
  static const v1::IndicatorResult kNone;
  ADD_FAILURE() << "no indicator " << code;
  return kNone;
}

TEST(BuildReportTest, UnionWideScopeRollsUpAndComparesWithEarlierPeriods) {
  const v1::Catalog catalog = SmallCatalog();
  v1::Report r;
  BuildReportInto(SmallInputs(&catalog, ""), &r);
  EXPECT_EQ(r.scope(), "scopes/union");
  EXPECT_EQ(r.period(), "2023S2");

  const v1::IndicatorResult& flow = Indicator(r, "FLOW");
  EXPECT_DOUBLE_EQ(flow.value().number().value(), 90);
  ASSERT_EQ(flow.entity_values_size(), 3);  // in catalog order
  EXPECT_EQ(flow.entity_values(0).entity(), "unione");
  EXPECT_EQ(flow.entity_values(2).entity(), "soliera");
  EXPECT_DOUBLE_EQ(flow.previous_semester_value().number().value(), 20);
  EXPECT_EQ(flow.previous_semester(), "2023S1");
  EXPECT_DOUBLE_EQ(flow.previous_year_value().number().value(), 70);
  // 90 of the general 100: quasi raggiunto.
  EXPECT_EQ(flow.computed(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(Indicator(r, "LEVEL").computed(), v1::OUTCOME_ACHIEVED);

  // The line: one achieved, one quasi.
  ASSERT_EQ(r.lines_size(), 1);
  EXPECT_EQ(r.lines(0).final(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(r.lines(0).indicator_codes_size(), 2);
  // The Union's objectives are read from the Union entity.
  ASSERT_EQ(r.objectives_size(), 1);
  EXPECT_EQ(r.objectives(0).final(), v1::OUTCOME_ACHIEVED);
  // The tables and the chart come with the report.
  EXPECT_EQ(r.outcome_table_size(), 3);
  EXPECT_FALSE(r.chart().empty());
}

TEST(BuildReportTest, AnEntityScopeHasItsOwnValuesAndTargets) {
  const v1::Catalog catalog = SmallCatalog();
  v1::Report r;
  BuildReportInto(SmallInputs(&catalog, "carpi"), &r);
  EXPECT_EQ(r.scope(), "entities/carpi");
  const v1::IndicatorResult& flow = Indicator(r, "FLOW");
  EXPECT_DOUBLE_EQ(flow.value().number().value(), 50);
  // Carpi's own target, 40.
  EXPECT_EQ(flow.computed(), v1::OUTCOME_ACHIEVED);
  EXPECT_FALSE(Indicator(r, "LEVEL").has_value());
  EXPECT_EQ(Indicator(r, "LEVEL").computed(), v1::OUTCOME_NOT_ASSESSABLE);
  // Its own % achieved for the objective.
  EXPECT_EQ(r.objectives(0).computed(), v1::OUTCOME_NOT_ACHIEVED);
}

TEST(BuildReportTest, ValidatedOutcomesWinAndDisagreementsAreListed) {
  const v1::Catalog catalog = SmallCatalog();
  ReportInputs in = SmallInputs(&catalog, "");
  v1::ValidatedOutcome v;
  v.set_item_type(v1::ITEM_TYPE_INDICATOR);
  v.set_item("FLOW");
  v.set_outcome(v1::OUTCOME_ACHIEVED);
  v.set_justification("dato di dicembre");
  in.validated.push_back(v);
  v1::Report r;
  BuildReportInto(in, &r);
  const v1::IndicatorResult& flow = Indicator(r, "FLOW");
  EXPECT_EQ(flow.computed(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(flow.final(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(flow.justification(), "dato di dicembre");
  // The line counts the validated outcome.
  EXPECT_EQ(r.lines(0).final(), v1::OUTCOME_ACHIEVED);
  ASSERT_EQ(r.disagreements_size(), 1);
  EXPECT_EQ(r.disagreements(0).item(), "FLOW");
  EXPECT_EQ(r.disagreements(0).computed(), v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(BuildReportTest, PublishedFiguresAreComparedWithTheComputedOnes) {
  const v1::Catalog catalog = SmallCatalog();
  ReportInputs in = SmallInputs(&catalog, "");
  v1::PublishedFigure lines;
  lines.set_table(v1::FIGURE_TABLE_OUTCOMES);
  lines.set_outcome_row(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  lines.set_outcome_column(v1::OUTCOME_PARTLY_ACHIEVED);
  lines.set_count(1);
  lines.set_percent(100);
  in.published.push_back(lines);
  lines.set_count(2);
  in.published.push_back(lines);
  v1::PublishedFigure flow;
  flow.set_table(v1::FIGURE_TABLE_ENTITY_FIGURES);
  flow.set_indicator("FLOW");
  flow.set_count(90);
  in.published.push_back(flow);
  v1::Report r;
  BuildReportInto(in, &r);
  ASSERT_EQ(r.published_size(), 3);
  EXPECT_FALSE(r.published(0).differs());
  EXPECT_TRUE(r.published(1).differs());
  EXPECT_DOUBLE_EQ(r.published(1).computed_count(), 1);
  EXPECT_FALSE(r.published(2).differs());
}

}  // namespace
}  // namespace valore::aggregation
