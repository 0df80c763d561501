#include "common/italian_number.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

ParsedNumber MustParse(absl::string_view text) {
  absl::StatusOr<ParsedNumber> number = ParseItalianNumber(text);
  EXPECT_TRUE(number.ok()) << text << ": " << number.status();
  return number.value_or(ParsedNumber{});
}

TEST(ParseItalianNumberTest, ThousandsAndDecimals) {
  EXPECT_EQ(MustParse("3.593").value, 3593);
  EXPECT_EQ(MustParse("1.037.852").value, 1037852);
  EXPECT_DOUBLE_EQ(MustParse("5.717.814,53").value, 5717814.53);
  EXPECT_DOUBLE_EQ(MustParse("0,865").value, 0.865);
  EXPECT_EQ(MustParse("2200").value, 2200);
  EXPECT_EQ(MustParse("0").value, 0);
}

TEST(ParseItalianNumberTest, DotNotFollowedByThreeDigitsIsDecimal) {
  EXPECT_DOUBLE_EQ(MustParse("2.24").value, 2.24);
  EXPECT_DOUBLE_EQ(MustParse("8.4").value, 8.4);
  EXPECT_DOUBLE_EQ(MustParse("1.0375").value, 1.0375);
  EXPECT_EQ(MustParse("2.240").value, 2240);
}

TEST(ParseItalianNumberTest, Percent) {
  ParsedNumber n = MustParse("80,5%");
  EXPECT_DOUBLE_EQ(n.value, 80.5);
  EXPECT_TRUE(n.percent);
  n = MustParse("37,5 %");
  EXPECT_DOUBLE_EQ(n.value, 37.5);
  EXPECT_TRUE(n.percent);
  EXPECT_FALSE(MustParse("80,5").percent);
}

TEST(ParseItalianNumberTest, SignsAndSurroundingSpaces) {
  EXPECT_EQ(MustParse("-3").value, -3);
  EXPECT_EQ(MustParse("+3").value, 3);
  EXPECT_DOUBLE_EQ(MustParse("  -1.234,5 ").value, -1234.5);
  EXPECT_FALSE(std::signbit(MustParse("-0").value));
}

class NotANumberTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NotANumberTest, IsInvalidArgumentNamingFieldAndText) {
  absl::StatusOr<ParsedNumber> number =
      ParseItalianNumber(GetParam(), "measurement.value");
  ASSERT_FALSE(number.ok()) << GetParam();
  EXPECT_EQ(number.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(number.status().message(), HasSubstr("measurement.value"));
}

INSTANTIATE_TEST_SUITE_P(
    Texts, NotANumberTest,
    ::testing::Values("", " ", "≥", "≥ 5", "abc", "nan", "NaN", "inf", "-inf",
                      "infinity", "1e5", "0x10", "3,", "3.", ",5", ".5",
                      "1.000.5", "1,5,3", "5%%", "- 3", "--3", "3 4",
                      "1.000,5.3", "%", "12a", std::string(65, '1'),
                      std::string(50, '9'), std::string("1\0", 2), "\xff\xfe"));

TEST(ParseItalianNumberTest, MessageQuotesTheText) {
  absl::StatusOr<ParsedNumber> number = ParseItalianNumber("≥", "target");
  ASSERT_FALSE(number.ok());
  EXPECT_THAT(number.status().message(),
              AllOf(HasSubstr("target"), HasSubstr("\"≥\"")));
}

TEST(ParseItalianNumberTest, LongInputIsRejectedWithoutEchoingAll) {
  const std::string text(10000, '7');
  absl::StatusOr<ParsedNumber> number = ParseItalianNumber(text);
  ASSERT_FALSE(number.ok());
  EXPECT_LT(number.status().message().size(), 300u);
  EXPECT_THAT(number.status().message(), HasSubstr("too long"));
}

TEST(ParseItalianNumberTest, ManyDigitsWithinTheLimitStayFinite) {
  // 48 digits normalised is the longest accepted; more is not a quantity.
  absl::StatusOr<ParsedNumber> big = ParseItalianNumber(std::string(48, '9'));
  ASSERT_TRUE(big.ok());
  EXPECT_TRUE(std::isfinite(big->value));
  EXPECT_FALSE(ParseItalianNumber(std::string(49, '9')).ok());
}

TEST(ConsumeItalianNumberTest, StopsAfterTheNumberAndItsPercent) {
  const absl::string_view text = "  95,4 % consigli - 44 nuovi";
  size_t pos = 0;
  std::optional<ParsedNumber> first = ConsumeItalianNumber(text, &pos);
  ASSERT_TRUE(first.has_value());
  EXPECT_DOUBLE_EQ(first->value, 95.4);
  EXPECT_TRUE(first->percent);
  EXPECT_EQ(text.substr(pos), " consigli - 44 nuovi");
}

TEST(ConsumeItalianNumberTest, LeavesAPeriodThatEndsASentence) {
  const absl::string_view text = "DCU 12. Svolte";
  size_t pos = 4;
  std::optional<ParsedNumber> n = ConsumeItalianNumber(text, &pos);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->value, 12);
  EXPECT_EQ(text.substr(pos), ". Svolte");
}

TEST(ConsumeItalianNumberTest, NoNumberLeavesPosition) {
  const absl::string_view text = "abc";
  size_t pos = 0;
  EXPECT_FALSE(ConsumeItalianNumber(text, &pos).has_value());
  EXPECT_EQ(pos, 0u);
  pos = 3;
  EXPECT_FALSE(ConsumeItalianNumber(text, &pos).has_value());
  EXPECT_EQ(pos, 3u);
  const absl::string_view sign = "-";
  pos = 0;
  EXPECT_FALSE(ConsumeItalianNumber(sign, &pos).has_value());
}

TEST(FormatItalianTest, GroupsAndDecimalComma) {
  EXPECT_EQ(FormatItalian(5717814.53, 2), "5.717.814,53");
  EXPECT_EQ(FormatItalian(3593, 0), "3.593");
  EXPECT_EQ(FormatItalian(999, 0), "999");
  EXPECT_EQ(FormatItalian(1000, 0), "1.000");
  EXPECT_EQ(FormatItalian(0.865, 3), "0,865");
  EXPECT_EQ(FormatItalian(1234567, 1), "1.234.567,0");
}

TEST(FormatItalianTest, NegativeNumbers) {
  EXPECT_EQ(FormatItalian(-1234.5, 2), "-1.234,50");
  EXPECT_EQ(FormatItalian(-3, 0), "-3");
  EXPECT_EQ(FormatItalian(-0.001, 2), "0,00");
}

TEST(FormatItalianTest, Rounding) {
  EXPECT_EQ(FormatItalian(53.488, 2), "53,49");
  EXPECT_EQ(FormatItalian(999.996, 2), "1.000,00");
  EXPECT_EQ(FormatItalian(2.5, 0), "2");  // round half to even, as printf
  EXPECT_EQ(FormatItalian(0.125, 2), "0,12");
}

TEST(FormatItalianTest, OutOfRangeDecimalsAndNonFinite) {
  EXPECT_EQ(FormatItalian(1.5, -3), "2");
  EXPECT_EQ(FormatItalian(1, 100), "1,000000000000000");
  EXPECT_EQ(FormatItalian(std::numeric_limits<double>::quiet_NaN(), 2), "n.d.");
  EXPECT_EQ(FormatItalian(std::numeric_limits<double>::infinity(), 2), "+∞");
  EXPECT_EQ(FormatItalian(-std::numeric_limits<double>::infinity(), 2), "-∞");
  EXPECT_EQ(FormatItalian(1e20, 0), "100.000.000.000.000.000.000");
}

TEST(FormatPercentTest, TwoDecimalsByDefault) {
  EXPECT_EQ(FormatPercent(53.488), "53,49%");
  EXPECT_EQ(FormatPercent(100), "100,00%");
  EXPECT_EQ(FormatPercent(4.6511, 1), "4,7%");
  EXPECT_EQ(FormatPercent(-2.5), "-2,50%");
}

TEST(FormatItalianCompactTest, ShortestFaithfulForm) {
  EXPECT_EQ(FormatItalianCompact(3593), "3.593");
  EXPECT_EQ(FormatItalianCompact(80.5), "80,5");
  EXPECT_EQ(FormatItalianCompact(0.865), "0,865");
  EXPECT_EQ(FormatItalianCompact(5717814.53), "5.717.814,53");
  EXPECT_EQ(FormatItalianCompact(-3), "-3");
  EXPECT_EQ(FormatItalianCompact(-0.5), "-0,5");
  EXPECT_EQ(FormatItalianCompact(0), "0");
  EXPECT_EQ(FormatItalianCompact(2.0 / 3.0), "0,6667");
  EXPECT_EQ(FormatItalianCompact(2.0 / 3.0, 2), "0,67");
  EXPECT_EQ(FormatItalianCompact(1.99999), "2");
  EXPECT_EQ(FormatItalianCompact(-0.00001), "0");
  EXPECT_EQ(FormatItalianCompact(1234.5, 0), "1.234");
}

TEST(FormatAndParseTest, RoundTrip) {
  for (double v : {0.0, 1.0, 3593.0, 80.5, 0.865, 5717814.53, -1234.25}) {
    absl::StatusOr<ParsedNumber> back =
        ParseItalianNumber(FormatItalianCompact(v));
    ASSERT_TRUE(back.ok()) << v;
    EXPECT_DOUBLE_EQ(back->value, v);
  }
}

}  // namespace
}  // namespace valore
