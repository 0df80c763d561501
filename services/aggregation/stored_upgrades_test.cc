#include "services/aggregation/stored_upgrades.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

// A figure as the first release stored it: its cell in the document's words
// (fields 1 to 3) and its percentage printed in field 5.
v1::PublishedFigure StoredFirstRelease(const std::string& percent) {
  v1::PublishedFigure f;
  f.set_count(19);
  google::protobuf::UnknownFieldSet* old =
      f.GetReflection()->MutableUnknownFields(&f);
  old->AddLengthDelimited(1, "esiti");
  old->AddLengthDelimited(2, "Totale complessivo DUP (linea programmazione)");
  old->AddLengthDelimited(3, "Raggiunto");
  old->AddLengthDelimited(5, percent);
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
  EXPECT_EQ(f.table(), v1::FIGURE_TABLE_OUTCOMES);
  EXPECT_EQ(f.outcome_row(), v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  EXPECT_EQ(f.outcome_column(), v1::OUTCOME_ACHIEVED);
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

// A validated outcome as stored before scopes were named: the entity id in
// field 4, empty for the Union.
TEST(StoredUpgradesTest, AValidatedOutcomeGetsItsScopeAndName) {
  for (const auto& [entity, scope] :
       std::vector<std::pair<std::string, std::string>>{
           {"", "scopes/union"}, {"carpi", "entities/carpi"}}) {
    v1::ValidatedOutcome stored;
    stored.set_item("DG.00005/S4.00004");
    stored.set_period("2023S2");
    if (!entity.empty()) {
      stored.GetReflection()->MutableUnknownFields(&stored)->AddLengthDelimited(
          4, entity);
    }
    v1::ValidatedOutcome read;
    ASSERT_TRUE(read.ParseFromString(stored.SerializeAsString()));
    UpgradeStoredValidated(&read);
    EXPECT_EQ(read.scope(), scope);
    EXPECT_EQ(read.name(),
              scope + "/periods/2023S2/validatedOutcomes/DG.00005~S4.00004");
  }
}

// A frozen report's target as stored with the form as an enum and its
// parameters flat: a band of ±3% and a threshold of two conditions.
TEST(StoredUpgradesTest, AFrozenReportsTargetsGetTheirForm) {
  v1::Report report;
  v1::Target* band = report.add_indicators()->mutable_target();
  band->set_text("±3%");
  google::protobuf::UnknownFieldSet* old =
      band->GetReflection()->MutableUnknownFields(band);
  old->AddVarint(1, 4);  // FORM_BAND
  double width = 3;
  uint64_t bits = 0;
  std::memcpy(&bits, &width, sizeof(bits));
  old->AddFixed64(4, bits);
  old->AddVarint(5, 1);
  v1::Target* threshold = report.add_indicators()->mutable_target();
  old = threshold->GetReflection()->MutableUnknownFields(threshold);
  old->AddVarint(1, 3);  // FORM_THRESHOLD
  for (double value : {650.0, 300.0}) {
    v1::TargetComponent component;
    component.set_comparator(v1::COMPARATOR_AT_LEAST);
    component.mutable_threshold()->set_value(value);
    old->AddLengthDelimited(3, component.SerializeAsString());
  }
  v1::Report read;
  ASSERT_TRUE(read.ParseFromString(report.SerializeAsString()));
  UpgradeStoredReport(&read);
  ASSERT_TRUE(read.indicators(0).target().has_band());
  EXPECT_DOUBLE_EQ(read.indicators(0).target().band().width(), 3);
  EXPECT_TRUE(read.indicators(0).target().band().relative());
  EXPECT_EQ(read.indicators(0).target().text(), "±3%");
  ASSERT_TRUE(read.indicators(1).target().has_threshold());
  ASSERT_EQ(read.indicators(1).target().threshold().components_size(), 2);
  EXPECT_DOUBLE_EQ(
      read.indicators(1).target().threshold().components(1).threshold().value(),
      300);
}

// A report frozen before reports carried their chart gets it, counted from
// its lines and objectives.
TEST(StoredUpgradesTest, AFrozenReportGetsItsChart) {
  v1::Report report;
  v1::LineResult* line = report.add_lines();
  line->set_dimension(v1::WELLBEING_DIMENSION_SOCIAL_URBAN);
  line->set_final(v1::OUTCOME_ACHIEVED);
  v1::ObjectiveResult* objective = report.add_objectives();
  objective->set_dimension(v1::WELLBEING_DIMENSION_SOCIAL);
  objective->set_final(v1::OUTCOME_NOT_ACHIEVED);
  UpgradeStoredReport(&report);
  ASSERT_EQ(report.chart_size(), 6);
  const v1::ChartColumn& social = report.chart(4);
  EXPECT_EQ(social.dimension(), v1::WELLBEING_DIMENSION_SOCIAL);
  EXPECT_EQ(social.total(), 2);
  EXPECT_EQ(report.chart(0).total(), 0);
}

TEST(StoredUpgradesTest, AFigureWithoutPercentageKeepsNone) {
  v1::PublishedFigure f = StoredFirstRelease("");
  UpgradeStoredFigure(&f);
  EXPECT_FALSE(f.has_percent());
}

}  // namespace
}  // namespace valore::aggregation
