#include "services/aggregation/forecast.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation_test_values.h"
#include "services/aggregation/report_builder.h"

namespace valore::aggregation {
namespace {

using test_values::Band;
using test_values::Num;
using test_values::Parts;
using test_values::Text;
using test_values::Threshold;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Indicator Indicator(v1::IndicatorKind kind, const v1::Target& target,
                        int year = 2024) {
  v1::Indicator ind;
  ind.set_code("00001");
  ind.set_title("N. pratiche");
  ind.set_line_code("01.01.01");
  ind.set_kind(kind);
  v1::YearlyTarget* y = ind.add_targets();
  y->set_year(year);
  *y->mutable_target() = target;
  return ind;
}

// A series of past years, first half and year-end each.
struct Series {
  std::vector<v1::Value> values;
  std::vector<PastYear> years;
  Series(std::vector<std::pair<int, std::pair<double, double>>> rows) {
    values.reserve(rows.size() * 2);
    for (const auto& [year, halves] : rows) {
      values.push_back(Num(halves.first, v1::UNIT_COUNT));
      values.push_back(Num(halves.second, v1::UNIT_COUNT));
      years.push_back({year, &values[values.size() - 2], &values.back()});
    }
  }
};

v1::IndicatorForecast Forecast(const v1::Indicator& ind, const v1::Value* value,
                               std::vector<PastYear> history = {},
                               const v1::Value* previous_year_end = nullptr,
                               v1::EvaluationPolicy policy = {}) {
  ForecastInput in;
  in.indicator = &ind;
  in.period = Period(2024, 1);
  in.value = value;
  in.previous_year_end = previous_year_end;
  in.history = std::move(history);
  return ForecastIndicator(in, policy);
}

double Projected(const v1::IndicatorForecast& f) {
  return f.projected_value().number().value();
}

TEST(ForecastTest, AFlowWithTwoPastYearsUsesTheirFirstHalfShare) {
  // S1 held 40% and 60% of the year: a mean share of 50%.
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW,
                                      Threshold(v1::COMPARATOR_AT_LEAST, 1000));
  Series past({{2022, {400, 1000}}, {2023, {600, 1000}}});
  v1::Value s1 = Num(450, v1::UNIT_COUNT);
  s1.set_display("450");
  const v1::IndicatorForecast f = Forecast(ind, &s1, past.years);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_FLOW_SHARE);
  EXPECT_DOUBLE_EQ(Projected(f), 900);
  // The text as written is the first half's, not the projection's.
  EXPECT_EQ(f.value().display(), "450");
  EXPECT_TRUE(f.projected_value().display().empty());
  EXPECT_THAT(f.first_half_shares(), ElementsAre(DoubleNear(0.5, 1e-12)));
  EXPECT_EQ(f.history_years(), 2);
  // 900 of 1000 is 90%: quasi raggiunto against the yearly target.
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_THAT(f.explanation(), HasSubstr("media di 2 anni"));
  EXPECT_TRUE(f.reason().empty());
}

TEST(ForecastTest, AFlowWithTooLittleHistoryIsDoubled) {
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW,
                                      Threshold(v1::COMPARATOR_AT_LEAST, 1000));
  // One usable year; a second without its year-end, one whose first half
  // passes its year and one outside the window say nothing.
  v1::Value first_only = Num(300, v1::UNIT_COUNT);
  Series past({{2023, {300, 1000}}, {2021, {900, 800}}, {2010, {100, 1000}}});
  past.years.push_back({2022, &first_only, nullptr});
  const v1::Value s1 = Num(520, v1::UNIT_COUNT);
  const v1::IndicatorForecast f = Forecast(ind, &s1, past.years);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_FLOW_DOUBLE);
  EXPECT_DOUBLE_EQ(Projected(f), 1040);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_TRUE(f.first_half_shares().empty());
}

TEST(ForecastTest, TheMinimumOfPastYearsIsPolicy) {
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW,
                                      Threshold(v1::COMPARATOR_AT_LEAST, 1000));
  Series past({{2023, {250, 1000}}});
  const v1::Value s1 = Num(300, v1::UNIT_COUNT);
  v1::EvaluationPolicy one_year;
  one_year.set_forecast_min_history_years(1);
  const v1::IndicatorForecast f =
      Forecast(ind, &s1, past.years, nullptr, one_year);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_FLOW_SHARE);
  EXPECT_DOUBLE_EQ(Projected(f), 1200);
  // A window of one year leaves 2022 out.
  Series two({{2023, {250, 1000}}, {2022, {500, 1000}}});
  one_year.set_forecast_history_years(1);
  EXPECT_DOUBLE_EQ(Projected(Forecast(ind, &s1, two.years, nullptr, one_year)),
                   1200);
}

TEST(ForecastTest, ALevelCarriesItsLastValue) {
  const v1::Indicator ind =
      Indicator(v1::INDICATOR_KIND_LEVEL,
                Threshold(v1::COMPARATOR_AT_LEAST, 85, v1::UNIT_PERCENT));
  Series past({{2022, {10, 20}}, {2023, {10, 20}}});
  const v1::Value s1 = Num(80, v1::UNIT_PERCENT);
  const v1::IndicatorForecast f = Forecast(ind, &s1, past.years);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_LEVEL_CARRY);
  EXPECT_DOUBLE_EQ(Projected(f), 80);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(ForecastTest, AFlowCapIsHeldAgainstTheWholeYear) {
  // At S1 a flow is held against half its cap; projected, against all of
  // it: 300 in the first half of a year capped at 433 passes it when
  // doubled.
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW,
                                      Threshold(v1::COMPARATOR_AT_MOST, 433));
  const v1::Value s1 = Num(300, v1::UNIT_COUNT);
  const v1::IndicatorForecast f = Forecast(ind, &s1);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_FLOW_DOUBLE);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(ForecastTest, ABandTargetProjectsAgainstTheBand) {
  const v1::Indicator ind =
      Indicator(v1::INDICATOR_KIND_LEVEL, Band(3, /*relative=*/true));
  const v1::Value last_year_end = Num(100);
  const v1::Value inside = Num(102);
  v1::IndicatorForecast f = Forecast(ind, &inside, {}, &last_year_end);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_BAND);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_ACHIEVED);
  const v1::Value outside = Num(110);
  f = Forecast(ind, &outside, {}, &last_year_end);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  // Without the previous year's close there is nothing to hold it against.
  f = Forecast(ind, &inside);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_NOT_PROJECTED);
  EXPECT_THAT(f.reason(), HasSubstr("anno precedente"));
}

TEST(ForecastTest, ABandOnAFlowProjectsTheFlowFirst) {
  const v1::Indicator ind =
      Indicator(v1::INDICATOR_KIND_FLOW, Band(5, /*relative=*/true));
  const v1::Value last_year_end = Num(1000, v1::UNIT_COUNT);
  const v1::Value s1 = Num(510, v1::UNIT_COUNT);
  const v1::IndicatorForecast f = Forecast(ind, &s1, {}, &last_year_end);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_BAND);
  EXPECT_DOUBLE_EQ(Projected(f), 1020);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_ACHIEVED);
}

TEST(ForecastTest, ACompositeTargetIsProjectedComponentByComponent) {
  v1::Target target = Threshold(v1::COMPARATOR_AT_LEAST, 750);
  test_values::AddComponent(&target, v1::COMPARATOR_AT_LEAST, 650);
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW, target);
  // Component shares 40% and 50%.
  const v1::Value a1 = Parts({400, 300}), a2 = Parts({1000, 600});
  const v1::Value b1 = Parts({400, 300}), b2 = Parts({1000, 600});
  const std::vector<PastYear> past = {{2022, &a1, &a2}, {2023, &b1, &b2}};
  const v1::Value s1 = Parts({320, 300});
  const v1::IndicatorForecast f = Forecast(ind, &s1, past);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_COMPOSITE);
  ASSERT_EQ(f.projected_value().composite().parts_size(), 2);
  EXPECT_DOUBLE_EQ(f.projected_value().composite().parts(0).value(), 800);
  EXPECT_DOUBLE_EQ(f.projected_value().composite().parts(1).value(), 600);
  EXPECT_THAT(f.first_half_shares(),
              ElementsAre(DoubleNear(0.4, 1e-12), DoubleNear(0.5, 1e-12)));
  // 800 ≥ 750 met, 600 of 650 not: quasi raggiunto.
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
  // Without history every component is doubled.
  const v1::IndicatorForecast doubled = Forecast(ind, &s1);
  EXPECT_EQ(doubled.method(), v1::FORECAST_METHOD_COMPOSITE);
  EXPECT_DOUBLE_EQ(doubled.projected_value().composite().parts(0).value(), 640);
  EXPECT_EQ(doubled.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(ForecastTest, AnEntityCountIsCarried) {
  v1::Target target;
  target.mutable_entity_count()->set_required(5);
  const v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW, target);
  const v1::Value s1 = Num(4, v1::UNIT_COUNT);
  const v1::IndicatorForecast f = Forecast(ind, &s1);
  EXPECT_EQ(f.method(), v1::FORECAST_METHOD_LEVEL_CARRY);
  EXPECT_DOUBLE_EQ(Projected(f), 4);
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(ForecastTest, WhatCannotBeProjectedSaysWhy) {
  const v1::Indicator flow = Indicator(v1::INDICATOR_KIND_FLOW,
                                       Threshold(v1::COMPARATOR_AT_LEAST, 10));
  EXPECT_EQ(Forecast(flow, nullptr).reason(), "nessun valore");
  const v1::Value text = Text("in corso");
  EXPECT_EQ(Forecast(flow, &text).reason(), "valore testuale");
  v1::Target qualitative;
  qualitative.mutable_qualitative();
  const v1::Value one = Num(1);
  const v1::IndicatorForecast q =
      Forecast(Indicator(v1::INDICATOR_KIND_LEVEL, qualitative), &one);
  EXPECT_EQ(q.method(), v1::FORECAST_METHOD_NOT_PROJECTED);
  EXPECT_EQ(q.projected_outcome(), v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(q.reason(), "target qualitativo");
  // A target of another year only.
  EXPECT_EQ(Forecast(Indicator(v1::INDICATOR_KIND_LEVEL,
                               Threshold(v1::COMPARATOR_AT_LEAST, 1), 2023),
                     &one)
                .reason(),
            "nessun target");
}

TEST(ForecastTest, LinesTakeTheLineRuleOverProjectedOutcomes) {
  v1::ProgrammeLine line;
  line.set_code("01.01.01");
  v1::IndicatorForecast achieved, not_achieved, unknown;
  achieved.set_code("a");
  achieved.set_projected_outcome(v1::OUTCOME_ACHIEVED);
  not_achieved.set_code("b");
  not_achieved.set_projected_outcome(v1::OUTCOME_NOT_ACHIEVED);
  unknown.set_projected_outcome(v1::OUTCOME_NOT_ASSESSABLE);
  v1::LineForecast f = ForecastLine(line, v1::OUTCOME_ACHIEVED,
                                    {&achieved, &not_achieved, &unknown});
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  EXPECT_TRUE(f.at_risk());
  EXPECT_THAT(f.indicators_not_achieved(), ElementsAre("b"));
  EXPECT_EQ(f.outcome(), v1::OUTCOME_ACHIEVED);
  f = ForecastLine(line, v1::OUTCOME_ACHIEVED, {&achieved, &unknown});
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_FALSE(f.at_risk());
  f = ForecastLine(line, v1::OUTCOME_NOT_ASSESSABLE, {&unknown});
  EXPECT_EQ(f.projected_outcome(), v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_FALSE(f.at_risk());
}

TEST(ForecastTest, OnlyAFirstHalfWithFlowsReadsEarlierYears) {
  v1::Catalog catalog;
  *catalog.add_indicators() = Indicator(v1::INDICATOR_KIND_LEVEL,
                                        Threshold(v1::COMPARATOR_AT_LEAST, 1));
  EXPECT_TRUE(ForecastHistoryPeriods(catalog, Period(2024, 1)).empty());
  catalog.mutable_indicators(0)->set_kind(v1::INDICATOR_KIND_FLOW);
  EXPECT_TRUE(ForecastHistoryPeriods(catalog, Period(2024, 2)).empty());
  catalog.mutable_policy()->set_forecast_history_years(3);
  EXPECT_THAT(ForecastHistoryPeriods(catalog, Period(2024, 1)),
              ElementsAre(Period(2021, 1), Period(2021, 2), Period(2022, 1),
                          Period(2022, 2)));
}

TEST(ForecastTest, TheReportForecastsAFirstHalfFromItsScopesValues) {
  // Union-wide, summed over two entities; 2022 and 2023 held half the year
  // in their first half.
  v1::Catalog catalog;
  catalog.add_entities()->set_id("unione");
  catalog.mutable_entities(0)->set_kind(v1::Entity::KIND_UNION);
  catalog.add_entities()->set_id("carpi");
  v1::ProgrammeLine* line = catalog.add_lines();
  line->set_code("01.01.01");
  v1::Indicator ind = Indicator(v1::INDICATOR_KIND_FLOW,
                                Threshold(v1::COMPARATOR_AT_LEAST, 1000));
  ind.set_rollup(v1::ROLLUP_SUM);
  *catalog.add_indicators() = ind;
  ReportInputs in;
  in.catalog = &catalog;
  in.period = Period(2024, 1);
  auto both = [](double unione, double carpi) {
    PeriodValues v;
    v["unione"]["00001"] = Num(unione, v1::UNIT_COUNT);
    v["carpi"]["00001"] = Num(carpi, v1::UNIT_COUNT);
    return v;
  };
  in.current = both(100, 100);                   // 200
  in.previous_year = both(200, 200);             // 2023S1: 400
  in.previous_semester = both(400, 400);         // 2023S2: 800
  in.history[Period(2022, 1)] = both(300, 300);  // 600
  in.history[Period(2022, 2)] = both(600, 600);  // 1200
  v1::Report r;
  BuildReportInto(in, &r);
  ASSERT_EQ(r.forecasts_size(), 1);
  EXPECT_EQ(r.forecasts(0).method(), v1::FORECAST_METHOD_FLOW_SHARE);
  EXPECT_DOUBLE_EQ(r.forecasts(0).projected_value().number().value(), 400);
  EXPECT_EQ(r.forecasts(0).projected_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  ASSERT_EQ(r.line_forecasts_size(), 1);
  EXPECT_TRUE(r.line_forecasts(0).at_risk());
  EXPECT_EQ(r.line_forecasts(0).projected_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  // The year's close has no forecast.
  in.period = Period(2024, 2);
  v1::Report close;
  BuildReportInto(in, &close);
  EXPECT_EQ(close.forecasts_size(), 0);
  EXPECT_EQ(close.line_forecasts_size(), 0);
}

}  // namespace
}  // namespace valore::aggregation
