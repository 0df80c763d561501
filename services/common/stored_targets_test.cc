#include "services/common/stored_targets.h"

#include <cstring>
#include <string>

#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "services/common/legacy_fields.h"

namespace valore {
namespace {

// A target as the first release stored it: its form as an enum in field 1,
// its parameters in fields 3 to 7 (unknown fields to today's message).
v1::Target Stored(uint64_t form) {
  v1::Target t;
  t.set_text("stored");
  t.GetReflection()->MutableUnknownFields(&t)->AddVarint(1, form);
  return t;
}

google::protobuf::UnknownFieldSet* Unknown(v1::Target* t) {
  return t->GetReflection()->MutableUnknownFields(t);
}

uint64_t Bits(double d) {
  uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

TEST(UpgradeStoredTargetTest, EachOldFormBecomesTodays) {
  v1::Target none = Stored(1);
  UpgradeStoredTarget(&none);
  EXPECT_TRUE(none.has_none());
  EXPECT_EQ(none.text(), "stored");
  EXPECT_EQ(none.GetReflection()->GetUnknownFields(none).field_count(), 0);

  v1::Target qualitative = Stored(2);
  UpgradeStoredTarget(&qualitative);
  EXPECT_TRUE(qualitative.has_qualitative());

  v1::Target threshold = Stored(3);
  v1::TargetComponent c;
  c.set_comparator(v1::COMPARATOR_AT_LEAST);
  c.mutable_threshold()->set_value(85);
  c.mutable_threshold()->set_unit(v1::UNIT_PERCENT);
  Unknown(&threshold)->AddLengthDelimited(3, c.SerializeAsString());
  Unknown(&threshold)->AddLengthDelimited(3, "\xff not a component");
  UpgradeStoredTarget(&threshold);
  ASSERT_TRUE(threshold.has_threshold());
  ASSERT_EQ(threshold.threshold().components_size(), 1);
  EXPECT_EQ(threshold.threshold().components(0).threshold().value(), 85);

  v1::Target band = Stored(4);
  Unknown(&band)->AddFixed64(4, Bits(3.0));
  Unknown(&band)->AddVarint(5, 1);
  UpgradeStoredTarget(&band);
  ASSERT_TRUE(band.has_band());
  EXPECT_DOUBLE_EQ(band.band().width(), 3.0);
  EXPECT_TRUE(band.band().relative());

  v1::Target count = Stored(5);
  Unknown(&count)->AddVarint(6, 4);
  Unknown(&count)->AddVarint(7, 5);
  UpgradeStoredTarget(&count);
  ASSERT_TRUE(count.has_entity_count());
  EXPECT_EQ(count.entity_count().required(), 4);
  EXPECT_EQ(count.entity_count().total(), 5);
}

TEST(UpgradeStoredTargetTest, TodaysTargetsAndUnknownFormsAreLeftAsTheyAre) {
  v1::Target today;
  today.mutable_band()->set_width(2);
  v1::Target before = today;
  UpgradeStoredTarget(&today);
  EXPECT_EQ(today.SerializeAsString(), before.SerializeAsString());

  // A form this release does not know: not assessable, as it was then.
  v1::Target unknown = Stored(9);
  UpgradeStoredTarget(&unknown);
  EXPECT_EQ(unknown.form_case(), v1::Target::FORM_NOT_SET);

  v1::Catalog catalog;
  v1::YearlyTarget* y = catalog.add_indicators()->add_targets();
  *y->mutable_target() = Stored(2);
  UpgradeStoredCatalog(&catalog);
  EXPECT_TRUE(catalog.indicators(0).targets(0).target().has_qualitative());
}

TEST(TakeLegacyFieldsTest, TakesOneNumberInOrderAndLeavesTheRest) {
  v1::Target t;
  Unknown(&t)->AddVarint(6, 1);
  Unknown(&t)->AddVarint(7, 2);
  Unknown(&t)->AddVarint(6, 3);
  const std::vector<LegacyField> six = TakeLegacyFields(&t, 6);
  ASSERT_EQ(six.size(), 2u);
  EXPECT_EQ(six[0].varint, 1u);
  EXPECT_EQ(six[1].varint, 3u);
  EXPECT_EQ(t.GetReflection()->GetUnknownFields(t).field_count(), 1);
  EXPECT_TRUE(TakeLegacyFields(&t, 6).empty());
}

}  // namespace
}  // namespace valore
