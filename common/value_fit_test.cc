#include "common/value_fit.h"

#include <limits>

#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;

v1::Quantity Q(double value, v1::Unit unit = v1::UNIT_UNSPECIFIED) {
  v1::Quantity q;
  q.set_value(value);
  q.set_unit(unit);
  return q;
}

v1::Value Number(double value, v1::Unit unit = v1::UNIT_UNSPECIFIED) {
  v1::Value v;
  *v.mutable_number() = Q(value, unit);
  return v;
}

v1::Value Parts(std::vector<v1::Quantity> parts) {
  v1::Value v;
  for (const v1::Quantity& q : parts) *v.mutable_composite()->add_parts() = q;
  return v;
}

v1::Target Parsed(const std::string& text) {
  absl::StatusOr<v1::Target> t = ParseTarget(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(ValueFitTest, PartsMatchTheTargetsConditions) {
  const v1::Target three =
      Parsed("≥ 750 iscritti; ≥ 650 scrutinati ≥ 320 promossi");
  ASSERT_EQ(three.threshold().components_size(), 3);
  EXPECT_TRUE(
      CheckValueFits(Parts({Q(800), Q(700), Q(400)}), &three, v1::UNIT_COUNT)
          .ok());
  const absl::Status four = CheckValueFits(
      Parts({Q(800), Q(700), Q(400), Q(1)}), &three, v1::UNIT_COUNT);
  EXPECT_EQ(four.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(four.message(), HasSubstr("value.composite.parts: 4 parts"));
  EXPECT_THAT(four.message(), HasSubstr("3 conditions"));
  for (const v1::Value& fewer :
       {Parts({Q(800)}), Parts({Q(800), Q(700)}), Number(800)}) {
    EXPECT_EQ(CheckValueFits(fewer, &three, v1::UNIT_COUNT).code(),
              absl::StatusCode::kInvalidArgument)
        << fewer.DebugString();
  }
  const v1::Target one = Parsed("> 85%");
  EXPECT_THAT(CheckValueFits(Parts({Q(90, v1::UNIT_PERCENT), Q(1)}), &one,
                             v1::UNIT_PERCENT)
                  .message(),
              HasSubstr("2 parts"));
  EXPECT_TRUE(
      CheckValueFits(Parts({Q(90, v1::UNIT_PERCENT)}), &one, v1::UNIT_PERCENT)
          .ok());
}

TEST(ValueFitTest, UnitsMustBeComparable) {
  const v1::Target percent = Parsed("> 85%");
  EXPECT_TRUE(
      CheckValueFits(Number(90, v1::UNIT_PERCENT), &percent, v1::UNIT_PERCENT)
          .ok());
  EXPECT_TRUE(
      CheckValueFits(Number(0.9, v1::UNIT_RATIO), &percent, v1::UNIT_PERCENT)
          .ok());
  EXPECT_TRUE(CheckValueFits(Number(90), &percent, v1::UNIT_PERCENT).ok());
  const absl::Status euro =
      CheckValueFits(Number(90, v1::UNIT_EURO), &percent, v1::UNIT_PERCENT);
  EXPECT_EQ(euro.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(euro.message(), HasSubstr("UNIT_EURO"));
  EXPECT_THAT(euro.message(), HasSubstr("a percentage"));
  // With no target for the year, the indicator's unit decides.
  EXPECT_EQ(
      CheckValueFits(Number(3, v1::UNIT_DAYS), nullptr, v1::UNIT_EURO).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(
      CheckValueFits(Number(3, v1::UNIT_EURO), nullptr, v1::UNIT_EURO).ok());
}

TEST(ValueFitTest, EnumsAreDefinedAndNumbersBounded) {
  const v1::Target percent = Parsed("> 85%");
  const absl::Status unknown = CheckValueFits(
      Number(90, static_cast<v1::Unit>(99)), &percent, v1::UNIT_PERCENT);
  EXPECT_THAT(unknown.message(), HasSubstr("value.number.unit: 99"));
  EXPECT_EQ(CheckValueFits(Number(1e308), nullptr, v1::UNIT_NUMBER).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckValueFits(Number(std::numeric_limits<double>::infinity()),
                           nullptr, v1::UNIT_NUMBER)
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      CheckValueFits(Number(std::nan("")), nullptr, v1::UNIT_NUMBER).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(
      CheckValueFits(Number(-MaxMagnitude(v1::UNIT_EURO), v1::UNIT_EURO),
                     nullptr, v1::UNIT_EURO)
          .ok());
  EXPECT_THAT(CheckValueFits(Number(2e6, v1::UNIT_PERCENT), &percent,
                             v1::UNIT_PERCENT, "measurements[2].")
                  .message(),
              HasSubstr("measurements[2].value.number.value"));
}

TEST(ValueFitTest, TextAndNotMeasurableCarryNoNumber) {
  const v1::Target percent = Parsed("> 85%");
  v1::Value not_measurable;
  not_measurable.mutable_not_measurable()->set_reason("Non rilevabile");
  EXPECT_TRUE(CheckValueFits(not_measurable, &percent, v1::UNIT_PERCENT).ok());
  const v1::Target qualitative = Parsed("Report semestrale");
  v1::Value text;
  text.set_text("fatto");
  EXPECT_TRUE(CheckValueFits(text, &qualitative, v1::UNIT_TEXT).ok());
}

TEST(ValueFitTest, TheEntitysOwnTargetWins) {
  v1::Indicator indicator;
  v1::YearlyTarget* general = indicator.add_targets();
  general->set_year(2023);
  general->mutable_target()->set_text("general");
  v1::YearlyTarget* carpi = indicator.add_targets();
  carpi->set_year(2023);
  carpi->set_entity("carpi");
  carpi->mutable_target()->set_text("carpi");
  EXPECT_EQ(TargetFor(indicator, 2023, "carpi")->text(), "carpi");
  EXPECT_EQ(TargetFor(indicator, 2023, "soliera")->text(), "general");
  EXPECT_EQ(TargetFor(indicator, 2023, "")->text(), "general");
  EXPECT_EQ(TargetFor(indicator, 2024, "carpi"), nullptr);
}

}  // namespace
}  // namespace valore
