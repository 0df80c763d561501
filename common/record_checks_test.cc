#include "common/record_checks.h"

#include "common/error_details.h"
#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;

v1::Catalog SmallCatalog() {
  v1::Catalog c;
  c.add_entities()->set_id("carpi");
  c.add_lines()->set_code("01.01.01");
  v1::Indicator* i = c.add_indicators();
  i->set_code("00002");
  i->set_unit(v1::UNIT_PERCENT);
  v1::YearlyTarget* y = i->add_targets();
  y->set_year(2023);
  *y->mutable_target() = *ParseTarget("≥ 90%");
  c.add_executive_objectives()->set_code("S1.00001");
  return c;
}

TEST(MeasurementChecksTest, ShapeNamesTheField) {
  v1::Measurement m;
  m.set_item("00002");
  m.mutable_value()->mutable_number()->set_value(1);
  absl::Status s = CheckMeasurementShape(m, "measurements[3].");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("measurements[3].entity"));
  m.set_entity("carpi");
  EXPECT_TRUE(CheckMeasurementShape(m, "").ok());
  m.set_value_text("95%");
  EXPECT_THAT(CheckMeasurementShape(m, "").message(),
              HasSubstr("either value or value_text"));
}

TEST(MeasurementChecksTest, ValueAgainstTheItemsRule) {
  const v1::Catalog catalog = SmallCatalog();
  EXPECT_FALSE(FindItemRule(catalog, "99999").has_value());
  ASSERT_TRUE(FindItemRule(catalog, "S1.00001").has_value());
  EXPECT_EQ(FindItemRule(catalog, "S1.00001")->unit, v1::UNIT_PERCENT);
  std::optional<ItemRule> rule = FindItemRule(catalog, "00002");
  ASSERT_TRUE(rule.has_value());

  v1::Measurement m;
  m.set_entity("carpi");
  m.set_item("00002");
  m.set_value_text("95%");
  v1::Value parsed;
  ASSERT_TRUE(
      CheckMeasurementValue(m, *rule, Period(2023, 2), "", &parsed).ok());
  EXPECT_DOUBLE_EQ(parsed.number().value(), 95);
  m.set_value_text("molto bene");
  absl::Status words =
      CheckMeasurementValue(m, *rule, Period(2023, 2), "m.", &parsed);
  EXPECT_EQ(words.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(words.message(), HasSubstr("m.value_text"));
  m.clear_value_text();
  m.mutable_value()->mutable_number()->set_value(95);
  m.mutable_value()->mutable_number()->set_unit(v1::UNIT_EURO);
  EXPECT_EQ(
      CheckMeasurementValue(m, *rule, Period(2023, 2), "", &parsed).code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(ValidatedOutcomeChecksTest, FieldsThenCatalog) {
  const v1::Catalog catalog = SmallCatalog();
  v1::ValidatedOutcome v;
  v.set_period("2023S2");
  v.set_scope("entities/carpi");
  v.set_item_type(v1::ITEM_TYPE_INDICATOR);
  v.set_item("00002");
  v.set_outcome(v1::OUTCOME_ACHIEVED);
  absl::StatusOr<CheckedOutcome> checked = CheckValidatedOutcome(v, "v.");
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->entity, "carpi");
  EXPECT_TRUE(CheckValidatedInCatalog(v, "carpi", catalog, "v.").ok());

  v1::ValidatedOutcome bad_period = v;
  bad_period.set_period("2023S3");
  EXPECT_THAT(CheckValidatedOutcome(bad_period, "v.").status().message(),
              HasSubstr("v.period"));
  v1::ValidatedOutcome long_reason = v;
  long_reason.set_justification(std::string(kMaxJustificationBytes + 1, 'x'));
  EXPECT_THAT(CheckValidatedOutcome(long_reason, "v.").status().message(),
              HasSubstr("v.justification"));

  v1::ValidatedOutcome unknown = v;
  unknown.set_item("99999");
  absl::Status missing = CheckValidatedInCatalog(unknown, "carpi", catalog, "");
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(missing), v1::ITEM_NOT_FOUND);
  EXPECT_EQ(CheckValidatedInCatalog(v, "modena", catalog, "").code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(CatalogHasEntity(catalog, "carpi"));
  EXPECT_FALSE(CatalogHasEntity(catalog, "modena"));
}

TEST(PublishedFigureChecksTest, CellCountAndPercent) {
  v1::PublishedFigure f;
  f.set_table(v1::FIGURE_TABLE_OUTCOMES);
  f.set_outcome_row(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  f.set_count(19);
  f.set_percent(50);
  EXPECT_TRUE(CheckPublishedFigure(f, "figures[0].").ok());
  f.set_percent(101);
  EXPECT_THAT(CheckPublishedFigure(f, "figures[0].").message(),
              HasSubstr("figures[0].percent"));
  f.clear_percent();
  f.clear_outcome_row();
  EXPECT_THAT(CheckPublishedFigure(f, "figures[0].").message(),
              HasSubstr("figures[0].outcome_row"));
}

}  // namespace
}  // namespace valore
