#include "services/aggregation/evaluation.h"

#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation_test_values.h"

namespace valore::aggregation {
namespace {

using namespace test_values;  // NOLINT: the values every test here uses
using ::testing::HasSubstr;

// --- Policy -----------------------------------------------------------------

TEST(WithDefaultsTest, FillsUnsetThresholdsAndKeepsSetOnes) {
  v1::EvaluationPolicy d = WithDefaults(v1::EvaluationPolicy());
  EXPECT_DOUBLE_EQ(d.partly_achieved_ratio(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(d.band_partly_multiplier(), 2);
  EXPECT_DOUBLE_EQ(d.objective_achieved_percent(), 100);
  EXPECT_DOUBLE_EQ(d.objective_partly_percent(), 200.0 / 3.0);

  v1::EvaluationPolicy custom;
  custom.set_partly_achieved_ratio(0.5);
  custom.set_objective_achieved_percent(95);
  v1::EvaluationPolicy c = WithDefaults(custom);
  EXPECT_DOUBLE_EQ(c.partly_achieved_ratio(), 0.5);
  EXPECT_DOUBLE_EQ(c.objective_achieved_percent(), 95);
  EXPECT_DOUBLE_EQ(c.band_partly_multiplier(), 2);
}

// --- Comparators ------------------------------------------------------------

TEST(EvaluateIndicatorTest, AtLeast) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 2250);
  Evaluation met = Eval(t, Num(2250));
  EXPECT_EQ(met.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(met.achievement, 1.0);

  Evaluation above = Eval(t, Num(2700));
  EXPECT_EQ(above.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(above.achievement, 2700.0 / 2250.0);

  // 1614 / 2250 = 0,717: above 2/3.
  Evaluation quasi = Eval(t, Num(1614));
  EXPECT_EQ(quasi.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(quasi.achievement, 1614.0 / 2250.0);
  EXPECT_EQ(quasi.explanation, "1.614 su 2.250 (72%)");

  Evaluation non = Eval(t, Num(1000));
  EXPECT_EQ(non.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(non.achievement, 1000.0 / 2250.0);
}

TEST(EvaluateIndicatorTest, UnspecifiedComparatorMeansAtLeast) {
  // A bare "16" is "at least 16".
  v1::Target t = Threshold(v1::COMPARATOR_UNSPECIFIED, 16);
  EXPECT_EQ(Eval(t, Num(16)).outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(Eval(t, Num(12)).outcome, v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(EvaluateIndicatorTest, GreaterIsStrict) {
  v1::Target t = Threshold(v1::COMPARATOR_GREATER, 85, v1::UNIT_PERCENT);
  EXPECT_EQ(Eval(t, Num(85.5, v1::UNIT_PERCENT)).outcome, v1::OUTCOME_ACHIEVED);
  // Equal is not greater, but its ratio is 1: quasi.
  Evaluation equal = Eval(t, Num(85, v1::UNIT_PERCENT));
  EXPECT_EQ(equal.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(equal.achievement, 1.0);
  // 50 / 85 = 0,59.
  EXPECT_EQ(Eval(t, Num(50, v1::UNIT_PERCENT)).outcome,
            v1::OUTCOME_NOT_ACHIEVED);
}

TEST(EvaluateIndicatorTest, AtMostUsesTargetOverActual) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_MOST, 433);
  EXPECT_EQ(Eval(t, Num(433)).outcome, v1::OUTCOME_ACHIEVED);
  Evaluation under = Eval(t, Num(400));
  EXPECT_EQ(under.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(under.achievement, 433.0 / 400.0);

  // 433 / 500 = 0,866.
  Evaluation quasi = Eval(t, Num(500));
  EXPECT_EQ(quasi.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(quasi.achievement, 433.0 / 500.0);

  // 433 / 1000 = 0,433.
  EXPECT_EQ(Eval(t, Num(1000)).outcome, v1::OUTCOME_NOT_ACHIEVED);

  // Nothing to divide by: met, ratio 1, and no infinity.
  Evaluation zero = Eval(t, Num(0));
  EXPECT_EQ(zero.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(zero.achievement, 1.0);
}

TEST(EvaluateIndicatorTest, AtMostZeroCapGivesNoNaN) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_MOST, 0);
  Evaluation zero = Eval(t, Num(0));
  EXPECT_EQ(zero.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(zero.achievement, 1.0);
  Evaluation some = Eval(t, Num(3));
  EXPECT_EQ(some.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(some.achievement, 0.0);
}

TEST(EvaluateIndicatorTest, LessIsStrict) {
  v1::Target t = Threshold(v1::COMPARATOR_LESS, 0.10);
  EXPECT_EQ(Eval(t, Num(0.05)).outcome, v1::OUTCOME_ACHIEVED);
  Evaluation equal = Eval(t, Num(0.10));
  EXPECT_EQ(equal.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(equal.achievement, 1.0);
  // 0,10 / 0,20 = 0,5.
  Evaluation non = Eval(t, Num(0.20));
  EXPECT_EQ(non.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(non.achievement, 0.5);
}

TEST(EvaluateIndicatorTest, EqualUsesCloseness) {
  v1::Target t = Threshold(v1::COMPARATOR_EQUAL, 5);
  EXPECT_EQ(Eval(t, Num(5)).outcome, v1::OUTCOME_ACHIEVED);
  Evaluation near = Eval(t, Num(4));
  EXPECT_EQ(near.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(near.achievement, 0.8);
  Evaluation over = Eval(t, Num(6));
  EXPECT_EQ(over.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(over.achievement, 5.0 / 6.0);
  EXPECT_EQ(Eval(t, Num(2)).outcome, v1::OUTCOME_NOT_ACHIEVED);
}

// --- The quasi threshold ----------------------------------------------------

TEST(EvaluateIndicatorTest, QuasiStartsAtTwoThirds) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 300);
  Evaluation at = Eval(t, Num(200));  // exactly 2/3
  EXPECT_EQ(at.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  Evaluation below = Eval(t, Num(199));
  EXPECT_EQ(below.outcome, v1::OUTCOME_NOT_ACHIEVED);

  // 147 / 220 = 0,668 and 2 / 3,07 = 0,651, from both sides of 2/3.
  EXPECT_EQ(Eval(Threshold(v1::COMPARATOR_AT_LEAST, 220), Num(147)).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(Eval(Threshold(v1::COMPARATOR_AT_MOST, 2, v1::UNIT_PERCENT),
                 Num(3.07, v1::UNIT_PERCENT))
                .outcome,
            v1::OUTCOME_NOT_ACHIEVED);
}

TEST(EvaluateIndicatorTest, QuasiThresholdIsConfiguration) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 300);
  v1::EvaluationPolicy half;
  half.set_partly_achieved_ratio(0.5);
  // 160 / 300 = 0,53: non by default, quasi at 0,5.
  EXPECT_EQ(Eval(t, Num(160)).outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(Eval(t, Num(160), v1::INDICATOR_KIND_LEVEL, 2, half).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(Eval(t, Num(149), v1::INDICATOR_KIND_LEVEL, 2, half).outcome,
            v1::OUTCOME_NOT_ACHIEVED);
}

// --- Composite targets ------------------------------------------------------

v1::Target SchoolTarget() {
  // "≥ 750 iscritti; ≥ 650 scrutinati ≥ 320 promossi"
  v1::Target t;
  t.mutable_threshold();
  AddComponent(&t, v1::COMPARATOR_AT_LEAST, 750, v1::UNIT_COUNT);
  AddComponent(&t, v1::COMPARATOR_AT_LEAST, 650, v1::UNIT_COUNT);
  AddComponent(&t, v1::COMPARATOR_AT_LEAST, 320, v1::UNIT_COUNT);
  return t;
}

TEST(EvaluateIndicatorTest, CompositeAllMet) {
  Evaluation e = Eval(SchoolTarget(), Parts({800, 700, 320}));
  EXPECT_EQ(e.outcome, v1::OUTCOME_ACHIEVED);
  // The smallest ratio: 320 / 320.
  EXPECT_DOUBLE_EQ(e.achievement, 1.0);
  EXPECT_EQ(e.explanation,
            "800 su 750 (107%); 700 su 650 (108%); 320 su 320 (100%)");
}

TEST(EvaluateIndicatorTest, CompositeOneMissedDecidesBySmallestRatio) {
  // Only 700 of 750: not raggiunto, and 0,93 is quasi.
  Evaluation quasi = Eval(SchoolTarget(), Parts({700, 700, 400}));
  EXPECT_EQ(quasi.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(quasi.achievement, 700.0 / 750.0);

  // 100 of 320 promossi: 0,31 is non, whatever the other parts.
  Evaluation non = Eval(SchoolTarget(), Parts({900, 900, 100}));
  EXPECT_EQ(non.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(non.achievement, 100.0 / 320.0);
}

TEST(EvaluateIndicatorTest, CompositeWithFewerPartsIsNotAssessable) {
  Evaluation two = Eval(SchoolTarget(), Parts({800, 700}));
  EXPECT_EQ(two.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_DOUBLE_EQ(two.achievement, 0.0);
  EXPECT_THAT(two.explanation, HasSubstr("2 valori per 3 condizioni"));

  // A plain number stands for one component only.
  Evaluation plain = Eval(SchoolTarget(), Num(800));
  EXPECT_EQ(plain.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_THAT(plain.explanation, HasSubstr("un solo valore"));

  // ...and for that one component it is fine, as is a one-part composite.
  v1::Target single = Threshold(v1::COMPARATOR_AT_LEAST, 750);
  EXPECT_EQ(Eval(single, Num(800)).outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(Eval(single, Parts({800})).outcome, v1::OUTCOME_ACHIEVED);
}

TEST(EvaluateIndicatorTest, CompositeWithExtraPartsUsesTheFirst) {
  EXPECT_EQ(Eval(SchoolTarget(), Parts({800, 700, 320, 1})).outcome,
            v1::OUTCOME_ACHIEVED);
}

// --- Flow and level ---------------------------------------------------------

TEST(EvaluateIndicatorTest, FlowIsHeldAgainstHalfTheTargetAtS1) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 2250);
  // At S1 the flow needs 1125.
  Evaluation s1 = Eval(t, Num(1200), v1::INDICATOR_KIND_FLOW, 1);
  EXPECT_EQ(s1.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(s1.achievement, 1200.0 / 1125.0);
  EXPECT_THAT(s1.explanation, HasSubstr("su 1.125"));
  // At S2 the same 1200 is 0,53 of the year.
  Evaluation s2 = Eval(t, Num(1200), v1::INDICATOR_KIND_FLOW, 2);
  EXPECT_EQ(s2.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(s2.achievement, 1200.0 / 2250.0);
}

TEST(EvaluateIndicatorTest, LevelIsHeldAgainstTheWholeTargetAtS1) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 90, v1::UNIT_PERCENT);
  Evaluation s1 =
      Eval(t, Num(50, v1::UNIT_PERCENT), v1::INDICATOR_KIND_LEVEL, 1);
  EXPECT_EQ(s1.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(s1.achievement, 50.0 / 90.0);
}

TEST(EvaluateIndicatorTest, FlowCapIsHalvedAtS1) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_MOST, 400);
  // 210 against a mid-year cap of 200.
  Evaluation s1 = Eval(t, Num(210), v1::INDICATOR_KIND_FLOW, 1);
  EXPECT_EQ(s1.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(s1.achievement, 200.0 / 210.0);
  EXPECT_EQ(Eval(t, Num(210), v1::INDICATOR_KIND_FLOW, 2).outcome,
            v1::OUTCOME_ACHIEVED);
}

// --- Band -------------------------------------------------------------------

TEST(EvaluateIndicatorTest, RelativeBand) {
  v1::Target t = Band(3, /*relative=*/true);
  v1::Value prev = Num(100000);
  // Within 3%, within 6%, beyond.
  Evaluation within = EvalBand(t, Num(102000), &prev);
  EXPECT_EQ(within.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(within.achievement, 1.0);
  EXPECT_THAT(within.explanation, HasSubstr("100.000 dell'anno precedente"));
  EXPECT_THAT(within.explanation, HasSubstr("scostamento 2% (banda ±3%)"));
  EXPECT_EQ(EvalBand(t, Num(97000), &prev).outcome, v1::OUTCOME_ACHIEVED);
  Evaluation twice = EvalBand(t, Num(95000), &prev);
  EXPECT_EQ(twice.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(twice.achievement, 3000.0 / 5000.0);
  EXPECT_EQ(EvalBand(t, Num(106000), &prev).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(EvalBand(t, Num(107000), &prev).outcome, v1::OUTCOME_NOT_ACHIEVED);
}

TEST(EvaluateIndicatorTest, AbsoluteBand) {
  v1::Target t = Band(3, /*relative=*/false);
  v1::Value prev = Num(86);
  EXPECT_EQ(EvalBand(t, Num(88.12), &prev).outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(EvalBand(t, Num(83), &prev).outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(EvalBand(t, Num(91), &prev).outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(EvalBand(t, Num(80), &prev).outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  Evaluation outside = EvalBand(t, Num(93), &prev);
  EXPECT_EQ(outside.outcome, v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_DOUBLE_EQ(outside.achievement, 3.0 / 7.0);

  // The multiplier is configuration: with 3 the quasi band is ±9.
  v1::EvaluationPolicy wide;
  wide.set_band_partly_multiplier(3);
  EXPECT_EQ(EvalBand(t, Num(93), &prev, wide).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
}

TEST(EvaluateIndicatorTest, BandWithoutPreviousYearIsNotAssessable) {
  v1::Target t = Band(3, true);
  Evaluation none = EvalBand(t, Num(428400), nullptr);
  EXPECT_EQ(none.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(none.explanation, "nessun valore dell'anno precedente");
  v1::Value text_prev = Text("n.d.");
  EXPECT_EQ(EvalBand(t, Num(428400), &text_prev).outcome,
            v1::OUTCOME_NOT_ASSESSABLE);
}

// --- Entity count -----------------------------------------------------------

TEST(EvaluateIndicatorTest, EntityCount) {
  v1::Target t;
  t.mutable_entity_count();
  t.mutable_entity_count()->set_required(5);
  t.mutable_entity_count()->set_total(5);
  Evaluation all = Eval(t, Num(5, v1::UNIT_COUNT));
  EXPECT_EQ(all.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(all.achievement, 1.0);
  Evaluation four = Eval(t, Num(4, v1::UNIT_COUNT));
  EXPECT_EQ(four.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(four.achievement, 0.8);
  EXPECT_EQ(four.explanation, "4 enti su 5 richiesti (80%)");
  EXPECT_EQ(Eval(t, Num(3, v1::UNIT_COUNT)).outcome, v1::OUTCOME_NOT_ACHIEVED);
}

// --- Units ------------------------------------------------------------------

TEST(EvaluateIndicatorTest, BareFractionAgainstPercentTarget) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 86, v1::UNIT_PERCENT);
  // 0,865 is 86,5%.
  Evaluation e = Eval(t, Num(0.865));
  EXPECT_EQ(e.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_NEAR(e.achievement, 86.5 / 86.0, 1e-12);
  EXPECT_EQ(e.explanation, "86,5% su 86% (101%)");
  EXPECT_EQ(Eval(t, Num(0.865, v1::UNIT_RATIO)).outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(Eval(t, Num(0.85)).outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  // A percentage is never rescaled: 0,865% is far below.
  EXPECT_EQ(Eval(t, Num(0.865, v1::UNIT_PERCENT)).outcome,
            v1::OUTCOME_NOT_ACHIEVED);
}

TEST(EvaluateIndicatorTest, BareNumberAboveOneAgainstPercentTarget) {
  // "≥5%" against "5,87": already percentage points.
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 5, v1::UNIT_PERCENT);
  Evaluation e = Eval(t, Num(5.87));
  EXPECT_EQ(e.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(e.achievement, 5.87 / 5);
}

TEST(EvaluateIndicatorTest, RatioTargetAgainstPercentActual) {
  // The target "1" means 100%.
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 1, v1::UNIT_RATIO);
  Evaluation full = Eval(t, Num(100, v1::UNIT_PERCENT));
  EXPECT_EQ(full.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(full.achievement, 1.0);
  Evaluation ninety = Eval(t, Num(90, v1::UNIT_PERCENT));
  EXPECT_EQ(ninety.outcome, v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_DOUBLE_EQ(ninety.achievement, 0.9);
  EXPECT_EQ(Eval(t, Num(1)).outcome, v1::OUTCOME_ACHIEVED);
}

// --- Not assessable ---------------------------------------------------------

TEST(EvaluateIndicatorTest, TextAndNotMeasurableValues) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 10);
  Evaluation text = Eval(t, Text("in corso"));
  EXPECT_EQ(text.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_DOUBLE_EQ(text.achievement, 0.0);

  Evaluation nm = Eval(t, NotMeasurable(""));
  EXPECT_EQ(nm.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(nm.explanation, "valore non rilevabile");
  Evaluation nm_reason =
      Eval(t, NotMeasurable("dato disponibile a rendiconto"));
  EXPECT_THAT(nm_reason.explanation, HasSubstr("dato disponibile"));

  EXPECT_EQ(Eval(t, v1::Value()).outcome, v1::OUTCOME_NOT_ASSESSABLE);
  IndicatorInput missing;
  missing.target = &t;
  Evaluation none = EvaluateIndicator(missing, v1::EvaluationPolicy());
  EXPECT_EQ(none.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(none.explanation, "nessun valore");
}

TEST(EvaluateIndicatorTest, TargetsThatCannotBeAssessed) {
  v1::Value v = Num(10);
  IndicatorInput no_target;
  no_target.value = &v;
  Evaluation e = EvaluateIndicator(no_target, v1::EvaluationPolicy());
  EXPECT_EQ(e.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(e.explanation, "nessun target");

  v1::Target none;
  none.mutable_none();
  none.set_text("==");
  EXPECT_EQ(Eval(none, v).outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(Eval(none, v).explanation, "nessun target");

  v1::Target qualitative;
  qualitative.mutable_qualitative();
  qualitative.set_text("Report semestrale");
  EXPECT_EQ(Eval(qualitative, v).outcome, v1::OUTCOME_NOT_ASSESSABLE);

  v1::Target unspecified;
  EXPECT_EQ(Eval(unspecified, v).outcome, v1::OUTCOME_NOT_ASSESSABLE);

  v1::Target empty;
  empty.mutable_threshold();
  EXPECT_EQ(Eval(empty, v).outcome, v1::OUTCOME_NOT_ASSESSABLE);
}

// --- MeetsTarget ------------------------------------------------------------

TEST(MeetsTargetTest, ThresholdOnly) {
  v1::Target t = Threshold(v1::COMPARATOR_AT_LEAST, 90, v1::UNIT_PERCENT);
  EXPECT_TRUE(
      MeetsTarget(t, Num(92, v1::UNIT_PERCENT), v1::INDICATOR_KIND_LEVEL, 2));
  EXPECT_TRUE(MeetsTarget(t, Num(0.95), v1::INDICATOR_KIND_LEVEL, 2));
  EXPECT_FALSE(
      MeetsTarget(t, Num(85, v1::UNIT_PERCENT), v1::INDICATOR_KIND_LEVEL, 2));
  EXPECT_FALSE(MeetsTarget(t, Text("sì"), v1::INDICATOR_KIND_LEVEL, 2));
  EXPECT_FALSE(MeetsTarget(SchoolTarget(), Parts({800, 700}),
                           v1::INDICATOR_KIND_LEVEL, 2));
  EXPECT_FALSE(
      MeetsTarget(Band(3, true), Num(100), v1::INDICATOR_KIND_LEVEL, 2));

  v1::Target flow = Threshold(v1::COMPARATOR_AT_LEAST, 100);
  EXPECT_TRUE(MeetsTarget(flow, Num(60), v1::INDICATOR_KIND_FLOW, 1));
  EXPECT_FALSE(MeetsTarget(flow, Num(60), v1::INDICATOR_KIND_FLOW, 2));
}

// --- Lines ------------------------------------------------------------------

TEST(EvaluateLineTest, EveryBranch) {
  using O = v1::Outcome;
  EXPECT_EQ(EvaluateLine({}), v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(
      EvaluateLine({v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ASSESSABLE}),
      v1::OUTCOME_NOT_ASSESSABLE);
  // Non-assessable indicators are ignored.
  EXPECT_EQ(EvaluateLine(std::vector<O>{v1::OUTCOME_ACHIEVED,
                                        v1::OUTCOME_NOT_ASSESSABLE,
                                        v1::OUTCOME_ACHIEVED}),
            v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(EvaluateLine({v1::OUTCOME_NOT_ACHIEVED, v1::OUTCOME_NOT_ASSESSABLE,
                          v1::OUTCOME_NOT_ACHIEVED}),
            v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(EvaluateLine({v1::OUTCOME_ACHIEVED, v1::OUTCOME_NOT_ACHIEVED}),
            v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  EXPECT_EQ(
      EvaluateLine({v1::OUTCOME_PARTLY_ACHIEVED, v1::OUTCOME_NOT_ACHIEVED}),
      v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  EXPECT_EQ(EvaluateLine({v1::OUTCOME_ACHIEVED, v1::OUTCOME_PARTLY_ACHIEVED}),
            v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(EvaluateLine({v1::OUTCOME_PARTLY_ACHIEVED}),
            v1::OUTCOME_PARTLY_ACHIEVED);
}

// --- Objectives -------------------------------------------------------------

TEST(EvaluateObjectiveTest, PercentAchieved) {
  v1::EvaluationPolicy p;
  v1::Value hundred = Num(100, v1::UNIT_PERCENT);
  Evaluation full = EvaluateObjective(&hundred, p);
  EXPECT_EQ(full.outcome, v1::OUTCOME_ACHIEVED);
  EXPECT_DOUBLE_EQ(full.achievement, 1.0);
  EXPECT_EQ(full.explanation, "realizzato al 100%");

  v1::Value ninety_nine = Num(99, v1::UNIT_PERCENT);
  EXPECT_EQ(EvaluateObjective(&ninety_nine, p).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  v1::Value sixty_seven = Num(67, v1::UNIT_PERCENT);
  EXPECT_EQ(EvaluateObjective(&sixty_seven, p).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  v1::Value sixty_five = Num(65, v1::UNIT_PERCENT);
  EXPECT_EQ(EvaluateObjective(&sixty_five, p).outcome,
            v1::OUTCOME_NOT_ACHIEVED);
  Evaluation none = EvaluateObjective(nullptr, p);
  EXPECT_EQ(none.outcome, v1::OUTCOME_NOT_ASSESSABLE);
  EXPECT_DOUBLE_EQ(none.achievement, 0.0);
  v1::Value text = Text("in corso");
  EXPECT_EQ(EvaluateObjective(&text, p).outcome, v1::OUTCOME_NOT_ASSESSABLE);

  // A bare fraction: 0,99 is 99%, 1 is 100%.
  v1::Value fraction = Num(0.99);
  EXPECT_EQ(EvaluateObjective(&fraction, p).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  v1::Value one = Num(1);
  EXPECT_EQ(EvaluateObjective(&one, p).outcome, v1::OUTCOME_ACHIEVED);

  // The thresholds are configuration.
  v1::EvaluationPolicy lenient;
  lenient.set_objective_partly_percent(60);
  lenient.set_objective_achieved_percent(95);
  EXPECT_EQ(EvaluateObjective(&sixty_five, lenient).outcome,
            v1::OUTCOME_PARTLY_ACHIEVED);
  v1::Value ninety_seven = Num(97, v1::UNIT_PERCENT);
  EXPECT_EQ(EvaluateObjective(&ninety_seven, lenient).outcome,
            v1::OUTCOME_ACHIEVED);
}

TEST(PercentAchievedTest, Units) {
  EXPECT_EQ(PercentAchieved(Num(80.5, v1::UNIT_PERCENT)), 80.5);
  EXPECT_EQ(PercentAchieved(Num(0.5, v1::UNIT_PERCENT)), 0.5);
  EXPECT_EQ(PercentAchieved(Num(0.75, v1::UNIT_RATIO)), 75.0);
  EXPECT_EQ(PercentAchieved(Num(0.75)), 75.0);
  EXPECT_EQ(PercentAchieved(Num(97)), 97.0);
  EXPECT_FALSE(PercentAchieved(Text("97%")).has_value());
  EXPECT_FALSE(PercentAchieved(NotMeasurable("")).has_value());
  EXPECT_FALSE(PercentAchieved(v1::Value()).has_value());
}

}  // namespace
}  // namespace valore::aggregation
