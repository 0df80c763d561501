#include "services/aggregation/scope_evaluator.h"

#include <string>
#include <vector>

#include "common/target_parser.h"
#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

void AddTarget(v1::Indicator* ind, int year, const std::string& entity,
               const std::string& text) {
  v1::YearlyTarget* y = ind->add_targets();
  y->set_year(year);
  y->set_entity(entity);
  *y->mutable_target() = *ParseTarget(text);
}

// One line with a threshold indicator (Carpi has its own, lower target) and
// a ±3% band indicator; one executive objective.
v1::Catalog SmallCatalog() {
  v1::Catalog c;
  c.add_lines()->set_code("01.01.01");
  c.add_lines()->set_code("01.01.02");  // no indicator of its own
  v1::Indicator* a = c.add_indicators();
  a->set_code("A");
  a->set_line_code("01.01.01");
  AddTarget(a, 2023, "", "≥ 100");
  AddTarget(a, 2023, "carpi", "≥ 50");
  v1::Indicator* b = c.add_indicators();
  b->set_code("B");
  b->set_line_code("01.01.01");
  AddTarget(b, 2023, "", "±3%");
  c.add_executive_objectives()->set_code("S1.00001");
  return c;
}

v1::Value Num(double value, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Value v;
  v.mutable_number()->set_value(value);
  v.mutable_number()->set_unit(unit);
  return v;
}

TEST(ScopeEvaluatorTest, EntityTargetsValidatedOutcomesAndLines) {
  const v1::Catalog catalog = SmallCatalog();
  const ScopeEvaluator evaluator(catalog, Period(2023, 2));
  EXPECT_TRUE(evaluator.needs_last_year());
  EXPECT_EQ(evaluator.line_indicators(0), (std::vector<int>{0, 1}));
  EXPECT_TRUE(evaluator.line_indicators(1).empty());

  const v1::Value sixty = Num(60), now = Num(102), last = Num(100);
  const v1::Value percent = Num(100, v1::UNIT_PERCENT);
  ScopeValues values;
  values.indicators = {&sixty, &now};
  values.indicators_last_year = {nullptr, &last};
  values.objectives = {&percent};

  // Carpi is held to its own target; the Union-wide scope to the general.
  ScopeOutcomes carpi = evaluator.Evaluate("carpi", values, {}, true);
  EXPECT_EQ(carpi.indicators[0].computed.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(carpi.indicators[1].computed.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_FALSE(carpi.indicators[0].computed.explanation.empty());
  EXPECT_EQ(carpi.lines[0].final_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(carpi.lines[1].final_outcome(), v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(carpi.objectives[0].final_outcome(), v1::OUTCOME_ACHIEVED);
  ScopeOutcomes wide = evaluator.Evaluate("", values, {}, false);
  EXPECT_EQ(wide.indicators[0].computed.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_TRUE(wide.indicators[0].computed.explanation.empty());
  EXPECT_EQ(wide.lines[0].final_outcome(),
            v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);

  // A validated indicator counts as validated in its line; a validated line
  // keeps its computed outcome beside the validated one.
  v1::ValidatedOutcome indicator, line;
  indicator.set_item_type(v1::ITEM_TYPE_INDICATOR);
  indicator.set_item("A");
  indicator.set_outcome(v1::OUTCOME_ACHIEVED);
  line.set_item_type(v1::ITEM_TYPE_PROGRAMME_LINE);
  line.set_item("01.01.02");
  line.set_outcome(v1::OUTCOME_NOT_ACHIEVED);
  ScopeOutcomes validated =
      evaluator.Evaluate("", values, {&indicator, &line}, false);
  EXPECT_EQ(validated.indicators[0].computed.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(validated.indicators[0].final_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(validated.lines[0].final_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(validated.lines[1].computed.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(validated.lines[1].final_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(FinalOutcomes(validated.lines),
            (std::vector<v1::Outcome>{v1::OUTCOME_ACHIEVED,
                                      v1::OUTCOME_NOT_ACHIEVED}));
}

TEST(ScopeEvaluatorTest, MissingValuesAreNotAssessable) {
  const v1::Catalog catalog = SmallCatalog();
  // 2024 has no targets, so no band needs the year before.
  const ScopeEvaluator evaluator(catalog, Period(2024, 1));
  EXPECT_FALSE(evaluator.needs_last_year());
  ScopeOutcomes none = evaluator.Evaluate("carpi", ScopeValues(), {}, true);
  ASSERT_EQ(none.indicators.size(), 2u);
  for (const ItemOutcome& o : none.indicators) {
    EXPECT_EQ(o.final_outcome(), v1::OUTCOME_NOT_ASSESSABLE);
  }
  EXPECT_EQ(none.objectives[0].final_outcome(), v1::OUTCOME_NOT_ASSESSABLE);
}

}  // namespace
}  // namespace valore::aggregation
