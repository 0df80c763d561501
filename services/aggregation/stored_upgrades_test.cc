#include "services/aggregation/stored_upgrades.h"

#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

// A figure as the first release stored it: its percentage printed in
// field 5.
v1::PublishedFigure StoredFirstRelease(const std::string& percent) {
  v1::PublishedFigure f;
  f.set_table("esiti");
  f.set_count(19);
  f.GetReflection()->MutableUnknownFields(&f)->AddLengthDelimited(5, percent);
  v1::PublishedFigure read;
  read.ParseFromString(f.SerializeAsString());
  return read;
}

TEST(StoredUpgradesTest, APrintedPercentageIsReadAsItsNumber) {
  v1::PublishedFigure f = StoredFirstRelease("53,49%");
  EXPECT_FALSE(f.has_percent());
  UpgradeStoredFigure(&f);
  ASSERT_TRUE(f.has_percent());
  EXPECT_DOUBLE_EQ(f.percent(), 53.49);
  EXPECT_EQ(f.GetReflection()->GetUnknownFields(f).field_count(), 0);
  // Read again: nothing left to upgrade, nothing changed.
  UpgradeStoredFigure(&f);
  EXPECT_DOUBLE_EQ(f.percent(), 53.49);
}

TEST(StoredUpgradesTest, AFrozenReportsComparisonsAreUpgraded) {
  v1::Report report;
  v1::FigureComparison* c = report.add_published();
  *c->mutable_published() = StoredFirstRelease("100,00%");
  c->GetReflection()->MutableUnknownFields(c)->AddLengthDelimited(3, "50,00%");
  v1::Report read;
  read.ParseFromString(report.SerializeAsString());
  UpgradeStoredReport(&read);
  EXPECT_DOUBLE_EQ(read.published(0).published().percent(), 100);
  ASSERT_TRUE(read.published(0).has_computed_percent());
  EXPECT_DOUBLE_EQ(read.published(0).computed_percent(), 50);
}

TEST(StoredUpgradesTest, AFigureWithoutPercentageKeepsNone) {
  v1::PublishedFigure f = StoredFirstRelease("");
  UpgradeStoredFigure(&f);
  EXPECT_FALSE(f.has_percent());
}

}  // namespace
}  // namespace valore::aggregation
