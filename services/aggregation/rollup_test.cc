#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_test_values.h"
#include "services/aggregation/union_wide_rollup.h"

namespace valore::aggregation {
namespace {

using namespace test_values;  // NOLINT: the values every test here uses

// RollUp, CountEntitiesMeeting and UnionWideValue (rollup.cc).

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

// --- In any order (UnionWideRollup) ------------------------------------------

// The overview rolls the Union-wide scope up as the capture services stream
// it; the report, in catalog order. Every order gives the report's value.
TEST(UnionWideRollupTest, EveryOrderGivesTheCatalogOrdersValue) {
  v1::Value first = Parts({0.1, 7});
  first.mutable_composite()->mutable_parts(1)->set_label("iscritti");
  v1::Value labelled = Parts({0.2, 3});
  labelled.mutable_composite()->mutable_parts(0)->set_label("pratiche");
  labelled.mutable_composite()->mutable_parts(1)->set_label("posti");
  // In catalog order; totals carry the units and labels of the first.
  const std::vector<v1::EntityValue> values = {
      EV("unione", first), EV("campogalliano", Parts({0.7, 1e16})),
      EV("carpi", labelled), EV("novi-di-modena", Parts({0.3, 1})),
      EV("soliera", Parts({1e-3, -1e16}))};
  for (v1::Rollup rollup : {v1::ROLLUP_SUM, v1::ROLLUP_MEAN}) {
    v1::Indicator ind;
    ind.set_rollup(rollup);
    const std::optional<v1::Value> catalog_order =
        UnionWideValue(ind, values, "unione", Period(2023, 2));
    ASSERT_TRUE(catalog_order.has_value());
    EXPECT_EQ(catalog_order->composite().parts(0).label(), "pratiche");
    EXPECT_EQ(catalog_order->composite().parts(1).label(), "iscritti");
    std::vector<int> order = {0, 1, 2, 3, 4};
    do {
      UnionWideRollup rolled(ind, "unione", Period(2023, 2));
      for (int e : order) rolled.Add(e, values[e].entity(), values[e].value());
      const std::optional<v1::Value> v = rolled.Result();
      ASSERT_TRUE(v.has_value());
      EXPECT_EQ(v->SerializeAsString(), catalog_order->SerializeAsString())
          << v1::Rollup_Name(rollup) << " " << v->DebugString() << " vs "
          << catalog_order->DebugString();
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

// Fractions are put on the percent scale when any value is a percentage,
// wherever in the order it comes.
TEST(UnionWideRollupTest, APercentageLateInTheOrderScalesEarlierFractions) {
  v1::Value percent = Num(80);
  percent.mutable_number()->set_unit(v1::UNIT_PERCENT);
  v1::Value ratio = Num(0.6);
  ratio.mutable_number()->set_unit(v1::UNIT_RATIO);
  UnionWideRollup rolled(v1::ROLLUP_SUM, "unione");
  rolled.Add(2, "soliera", ratio);
  rolled.Add(1, "carpi", percent);
  const std::optional<v1::Value> v = rolled.Result();
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->number().value(), 140);
  EXPECT_EQ(v->number().unit(), v1::UNIT_PERCENT);
}

}  // namespace
}  // namespace valore::aggregation
