#include "services/aggregation/evaluation.h"

#include <initializer_list>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

using ::testing::HasSubstr;

v1::Value Num(double value, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Value v;
  v.mutable_number()->set_value(value);
  v.mutable_number()->set_unit(unit);
  return v;
}

v1::Value Parts(std::initializer_list<double> parts) {
  v1::Value v;
  for (double p : parts) {
    v1::Quantity* q = v.mutable_composite()->add_parts();
    q->set_value(p);
    q->set_unit(v1::UNIT_COUNT);
  }
  return v;
}

v1::Value Text(const std::string& text) {
  v1::Value v;
  v.set_text(text);
  return v;
}

v1::Value NotMeasurable(const std::string& reason) {
  v1::Value v;
  v.mutable_not_measurable()->set_reason(reason);
  return v;
}

void AddComponent(v1::Target* target, v1::Comparator comparator,
                  double threshold, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::TargetComponent* c = target->mutable_threshold()->add_components();
  c->set_comparator(comparator);
  c->mutable_threshold()->set_value(threshold);
  c->mutable_threshold()->set_unit(unit);
}

v1::Target Threshold(v1::Comparator comparator, double threshold,
                     v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Target t;
  t.mutable_threshold();
  AddComponent(&t, comparator, threshold, unit);
  return t;
}

v1::Target Band(double width, bool relative) {
  v1::Target t;
  t.mutable_band();
  t.mutable_band()->set_width(width);
  t.mutable_band()->set_relative(relative);
  return t;
}

Evaluation Eval(const v1::Target& target, const v1::Value& value,
                v1::IndicatorKind kind = v1::INDICATOR_KIND_LEVEL, int half = 2,
                const v1::EvaluationPolicy& policy = v1::EvaluationPolicy()) {
  IndicatorInput in;
  in.target = &target;
  in.value = &value;
  in.kind = kind;
  in.half = half;
  return EvaluateIndicator(in, policy);
}

Evaluation EvalBand(
    const v1::Target& target, const v1::Value& value, const v1::Value* previous,
    const v1::EvaluationPolicy& policy = v1::EvaluationPolicy()) {
  IndicatorInput in;
  in.target = &target;
  in.value = &value;
  in.previous_year_value = previous;
  return EvaluateIndicator(in, policy);
}

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

// --- Roll-up ----------------------------------------------------------------

v1::EntityValue EV(const std::string& entity, const v1::Value& value) {
  v1::EntityValue ev;
  ev.set_entity(entity);
  *ev.mutable_value() = value;
  return ev;
}

std::vector<v1::EntityValue> PaymentServices() {
  return {EV("unione", Num(61, v1::UNIT_COUNT)),
          EV("campogalliano", Num(32, v1::UNIT_COUNT)),
          EV("carpi", Num(36, v1::UNIT_COUNT)),
          EV("novi-di-modena", Num(21, v1::UNIT_COUNT)),
          EV("soliera", Num(23, v1::UNIT_COUNT))};
}

TEST(RollUpTest, SumIncludesTheUnionsOwnValue) {
  auto v = RollUp(v1::ROLLUP_SUM, PaymentServices(), "unione");
  ASSERT_TRUE(v.has_value());
  ASSERT_TRUE(v->has_number());
  EXPECT_DOUBLE_EQ(v->number().value(), 61 + 32 + 36 + 21 + 23);
  EXPECT_EQ(v->number().unit(), v1::UNIT_COUNT);
  EXPECT_EQ(v->display(), "173");
}

TEST(RollUpTest, SumSkipsMissingAndNonNumericEntities) {
  std::vector<v1::EntityValue> spid = {
      EV("campogalliano", Num(641)), EV("carpi", Num(3922)),
      EV("novi-di-modena", Num(236)), EV("soliera", Num(959)),
      EV("unione", NotMeasurable("Non rilevabile"))};
  auto v = RollUp(v1::ROLLUP_SUM, spid, "unione");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 641 + 3922 + 236 + 959);
  EXPECT_EQ(v->display(), "5.758");

  std::vector<v1::EntityValue> nothing = {EV("carpi", Text("n.d."))};
  EXPECT_FALSE(RollUp(v1::ROLLUP_SUM, nothing, "unione").has_value());
  EXPECT_FALSE(RollUp(v1::ROLLUP_SUM, {}, "unione").has_value());
}

TEST(RollUpTest, NoTotalPastWhatADoubleHolds) {
  // As stored before capture bounded values: two near the largest double.
  std::vector<v1::EntityValue> huge = {EV("carpi", Num(1e308)),
                                       EV("soliera", Num(1e308))};
  for (v1::Rollup rollup : {v1::ROLLUP_SUM, v1::ROLLUP_MEAN}) {
    EXPECT_FALSE(RollUp(rollup, huge, "unione").has_value())
        << v1::Rollup_Name(rollup);
  }
}

TEST(RollUpTest, FractionsAreSummedOnThePercentScale) {
  v1::Value percent = Num(80);
  percent.mutable_number()->set_unit(v1::UNIT_PERCENT);
  v1::Value ratio = Num(0.6);
  ratio.mutable_number()->set_unit(v1::UNIT_RATIO);
  auto v = RollUp(v1::ROLLUP_MEAN, {EV("carpi", percent), EV("soliera", ratio)},
                  "unione");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 70);
  EXPECT_EQ(v->number().unit(), v1::UNIT_PERCENT);
  // The Union's own value, when not finite, is no value.
  EXPECT_FALSE(
      RollUp(v1::ROLLUP_NONE,
             {EV("unione", Num(std::numeric_limits<double>::infinity()))},
             "unione")
          .has_value());
}

TEST(RollUpTest, CompositeSumPartByPart) {
  std::vector<v1::EntityValue> values = {EV("carpi", Parts({10, 20})),
                                         EV("soliera", Parts({1, 2}))};
  auto v = RollUp(v1::ROLLUP_SUM, values, "unione");
  ASSERT_TRUE(v.has_value());
  ASSERT_TRUE(v->has_composite());
  ASSERT_EQ(v->composite().parts_size(), 2);
  EXPECT_DOUBLE_EQ(v->composite().parts(0).value(), 11);
  EXPECT_DOUBLE_EQ(v->composite().parts(1).value(), 22);
  EXPECT_EQ(v->display(), "11; 22");

  // Different shapes cannot be added.
  values.push_back(EV("novi-di-modena", Parts({1, 2, 3})));
  EXPECT_FALSE(RollUp(v1::ROLLUP_SUM, values, "unione").has_value());
}

TEST(RollUpTest, MeanOfEntitiesWithAValue) {
  std::vector<v1::EntityValue> values = {
      EV("carpi", Num(10, v1::UNIT_PERCENT)),
      EV("soliera", Num(11, v1::UNIT_PERCENT)),
      EV("novi-di-modena", Text("n.d."))};
  auto v = RollUp(v1::ROLLUP_MEAN, values, "unione");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 10.5);
  EXPECT_EQ(v->number().unit(), v1::UNIT_PERCENT);
  EXPECT_EQ(v->display(), "10,5%");

  std::vector<v1::EntityValue> composite = {EV("carpi", Parts({10, 4})),
                                            EV("soliera", Parts({20, 8}))};
  auto c = RollUp(v1::ROLLUP_MEAN, composite, "unione");
  ASSERT_TRUE(c.has_value());
  ASSERT_EQ(c->composite().parts_size(), 2);
  EXPECT_DOUBLE_EQ(c->composite().parts(0).value(), 15);
  EXPECT_DOUBLE_EQ(c->composite().parts(1).value(), 6);
}

TEST(RollUpTest, NoneUsesOnlyTheUnionEntity) {
  auto v = RollUp(v1::ROLLUP_NONE, PaymentServices(), "unione");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 61);
  // Unspecified is the default, i.e. none.
  auto d = RollUp(v1::ROLLUP_UNSPECIFIED, PaymentServices(), "unione");
  ASSERT_TRUE(d.has_value());
  EXPECT_DOUBLE_EQ(d->number().value(), 61);

  // The Union's own value is kept even when it is not a number.
  std::vector<v1::EntityValue> nm = {EV("unione", NotMeasurable("n.r.")),
                                     EV("carpi", Num(3))};
  auto n = RollUp(v1::ROLLUP_NONE, nm, "unione");
  ASSERT_TRUE(n.has_value());
  EXPECT_TRUE(n->has_not_measurable());

  // Without the Union entity there is nothing, whatever the comuni have.
  std::vector<v1::EntityValue> comuni = {EV("carpi", Num(36)),
                                         EV("soliera", Num(23))};
  EXPECT_FALSE(RollUp(v1::ROLLUP_NONE, comuni, "unione").has_value());
}

v1::Indicator CountedIndicator(v1::Rollup rollup, const v1::Target& general) {
  v1::Indicator ind;
  ind.set_code("00099");
  ind.set_rollup(rollup);
  v1::YearlyTarget* y = ind.add_targets();
  y->set_year(2023);
  *y->mutable_target() = general;
  return ind;
}

TEST(CountEntitiesMeetingTest, OwnTargetElseGeneralThresholdUnionLeftOut) {
  v1::Indicator ind = CountedIndicator(
      v1::ROLLUP_COUNT_MEETING,
      Threshold(v1::COMPARATOR_AT_LEAST, 90, v1::UNIT_PERCENT));
  // Soliera's own target is lower than the general one.
  v1::YearlyTarget* own = ind.add_targets();
  own->set_year(2023);
  own->set_entity("soliera");
  *own->mutable_target() =
      Threshold(v1::COMPARATOR_AT_LEAST, 50, v1::UNIT_PERCENT);
  std::vector<v1::EntityValue> values = {
      EV("unione", Num(95, v1::UNIT_PERCENT)),  // not counted
      EV("campogalliano", Num(85, v1::UNIT_PERCENT)),
      EV("carpi", Num(0.92)),  // a fraction: 92%
      EV("novi-di-modena", Text("n.d.")),
      EV("soliera", Num(60, v1::UNIT_PERCENT))};
  auto v = CountEntitiesMeeting(ind, values, "unione", Period(2023, 2));
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 2);
  EXPECT_EQ(v->number().unit(), v1::UNIT_COUNT);
  EXPECT_EQ(v->display(), "2 enti su 4");
  // ROLLUP_COUNT_MEETING and the Union-wide value are the same rule.
  auto wide = UnionWideValue(ind, values, "unione", Period(2023, 2));
  ASSERT_TRUE(wide.has_value());
  EXPECT_EQ(wide->display(), "2 enti su 4");

  // The feed of a "5 enti su 5" target.
  v1::Target five;
  five.mutable_entity_count()->set_required(5);
  five.mutable_entity_count()->set_total(5);
  EXPECT_EQ(Eval(five, *v).outcome, v1::OUTCOME_NOT_ACHIEVED);  // 2/5

  std::vector<v1::EntityValue> only_union = {EV("unione", Num(1))};
  EXPECT_FALSE(CountEntitiesMeeting(ind, only_union, "unione", Period(2023, 2))
                   .has_value());
  EXPECT_FALSE(
      UnionWideValue(ind, only_union, "unione", Period(2023, 2)).has_value());
}

TEST(CountEntitiesMeetingTest, EntityCountTargetCountsYesNoValues) {
  v1::Target five;
  five.mutable_entity_count()->set_required(5);
  five.mutable_entity_count()->set_total(5);
  v1::Indicator ind = CountedIndicator(v1::ROLLUP_NONE, five);
  std::vector<v1::EntityValue> values = {
      EV("unione", Num(1)), EV("campogalliano", Num(1)), EV("carpi", Num(0)),
      EV("soliera", Num(1))};
  auto v = UnionWideValue(ind, values, "unione", Period(2023, 2));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->display(), "2 enti su 3");
  // With no comune reported, the Union's own figure stands.
  std::vector<v1::EntityValue> office = {EV("unione", Num(5, v1::UNIT_COUNT))};
  auto own = UnionWideValue(ind, office, "unione", Period(2023, 2));
  ASSERT_TRUE(own.has_value());
  EXPECT_DOUBLE_EQ(own->number().value(), 5);
}

// --- Sector scores ----------------------------------------------------------

v1::ObjectiveResult Objective(
    const std::string& code,
    std::initializer_list<std::pair<std::string, double>> weights,
    const v1::Value* value) {
  v1::ObjectiveResult o;
  o.set_code(code);
  for (const auto& [sector, percent] : weights) {
    v1::SectorWeight* w = o.add_weights();
    w->set_sector(sector);
    w->set_percent(percent);
  }
  if (value != nullptr) *o.mutable_value() = *value;
  return o;
}

TEST(ScoreSectorsTest, SharedObjectiveAndIncompleteSector) {
  v1::Value v100 = Num(100, v1::UNIT_PERCENT);
  v1::Value v80 = Num(80, v1::UNIT_PERCENT);
  v1::Value v90 = Num(0.9);  // a fraction: 90%
  v1::Value v60 = Num(60, v1::UNIT_PERCENT);
  v1::Value v50 = Num(50, v1::UNIT_PERCENT);
  std::vector<v1::ObjectiveResult> objectives = {
      // One objective weighing 15% in S1 and 5% in S2.
      Objective("SG.00001", {{"S1", 15}, {"S2", 5}}, &v100),
      Objective("S1.00001", {{"S1", 85}}, &v80),
      Objective("S2.00001", {{"S2", 95}}, &v90),
      Objective("S3.00001", {{"S3", 50}}, &v60),
      Objective("S4.00001", {{"S4", 60}}, &v50),
      Objective("S4.00002", {{"S4", 40}}, nullptr),  // no value yet
  };
  v1::Sector s1;
  s1.set_code("S1");
  s1.set_display_name("Settore Affari generali");
  v1::Sector sg;
  sg.set_code("SG");
  sg.set_display_name("Segreteria generale");

  std::vector<v1::SectorScore> scores = ScoreSectors(objectives, {sg, s1});
  ASSERT_EQ(scores.size(), 4u);  // SG carries no weight of its own
  EXPECT_EQ(scores[0].sector(), "S1");
  EXPECT_EQ(scores[1].sector(), "S2");
  EXPECT_EQ(scores[2].sector(), "S3");
  EXPECT_EQ(scores[3].sector(), "S4");

  EXPECT_EQ(scores[0].display_name(), "Settore Affari generali");
  EXPECT_EQ(scores[0].objectives(), 2);
  EXPECT_DOUBLE_EQ(scores[0].weight_sum(), 100);
  EXPECT_DOUBLE_EQ(scores[0].score(), (15 * 100.0 + 85 * 80.0) / 100);
  EXPECT_TRUE(scores[0].weights_complete());

  EXPECT_EQ(scores[1].display_name(), "");
  EXPECT_DOUBLE_EQ(scores[1].score(), (5 * 100.0 + 95 * 90.0) / 100);
  EXPECT_TRUE(scores[1].weights_complete());

  EXPECT_DOUBLE_EQ(scores[2].weight_sum(), 50);
  EXPECT_DOUBLE_EQ(scores[2].score(), 60);
  EXPECT_FALSE(scores[2].weights_complete());

  // The objective without a value is out of the score, not in the weights.
  EXPECT_EQ(scores[3].objectives(), 2);
  EXPECT_DOUBLE_EQ(scores[3].weight_sum(), 100);
  EXPECT_TRUE(scores[3].weights_complete());
  EXPECT_DOUBLE_EQ(scores[3].score(), 50);
}

TEST(ScoreSectorsTest, WeightsWithinAHundredthAreComplete) {
  v1::Value v = Num(100, v1::UNIT_PERCENT);
  auto scores = ScoreSectors({Objective("S5.1", {{"S5", 33.333}}, &v),
                              Objective("S5.2", {{"S5", 66.667}}, &v),
                              Objective("S6.1", {{"S6", 99.98}}, &v)},
                             {});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_TRUE(scores[0].weights_complete());
  EXPECT_FALSE(scores[1].weights_complete());
  EXPECT_TRUE(ScoreSectors({}, {}).empty());
}

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
