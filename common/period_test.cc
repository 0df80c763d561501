#include "common/period.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(PeriodTest, ParsesBothHalves) {
  absl::StatusOr<Period> s1 = Period::Parse("2023S1");
  ASSERT_TRUE(s1.ok()) << s1.status();
  EXPECT_EQ(s1->year(), 2023);
  EXPECT_EQ(s1->half(), 1);
  absl::StatusOr<Period> s2 = Period::Parse("2023S2");
  ASSERT_TRUE(s2.ok()) << s2.status();
  EXPECT_EQ(s2->half(), 2);
  EXPECT_EQ(s2->ToString(), "2023S2");
}

TEST(PeriodTest, AcceptsTheYearBounds) {
  EXPECT_TRUE(Period::Parse("1900S1").ok());
  EXPECT_TRUE(Period::Parse("9999S2").ok());
  EXPECT_FALSE(Period::Parse("1899S2").ok());
  EXPECT_FALSE(Period::Parse("0000S1").ok());
}

class BadPeriodTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadPeriodTest, IsInvalidArgumentNamingFieldAndValue) {
  absl::StatusOr<Period> period = Period::Parse(GetParam(), "filter.period");
  ASSERT_FALSE(period.ok());
  EXPECT_EQ(period.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      period.status().message(),
      AllOf(HasSubstr("filter.period"), HasSubstr("\"" + GetParam() + "\"")));
}

INSTANTIATE_TEST_SUITE_P(Forms, BadPeriodTest,
                         ::testing::Values("2023S3", "23S1", "", "2023s1",
                                           "2023S", "2023S12", " 2023S1",
                                           "99999S1", "2023S0", "2023-S1",
                                           "S12023", "2O23S1", "+023S1"));

TEST(PeriodTest, MessageSaysWhatIsExpected) {
  absl::StatusOr<Period> period = Period::Parse("2023S3");
  ASSERT_FALSE(period.ok());
  EXPECT_EQ(period.status().message(),
            "period: \"2023S3\" is not a semester; expected YYYYS1 or YYYYS2");
}

TEST(PeriodTest, MessageEscapesControlCharacters) {
  absl::StatusOr<Period> period = Period::Parse(std::string("20\0\n", 4));
  ASSERT_FALSE(period.ok());
  EXPECT_THAT(period.status().message(), HasSubstr("\"20\\000\\n\""));
}

TEST(PeriodTest, OrdersByTime) {
  const Period a(2022, 2), b(2023, 1), c(2023, 2);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LE(b, b);
  EXPECT_GT(c, a);
  EXPECT_GE(c, c);
  EXPECT_EQ(b, Period(2023, 1));
  EXPECT_NE(b, c);
}

TEST(PeriodTest, OrdinalIsDenseAndRoundTrips) {
  EXPECT_EQ(Period(2023, 1).ordinal(), 4046);
  EXPECT_EQ(Period(2023, 2).ordinal(), 4047);
  EXPECT_EQ(Period(2024, 1).ordinal(), 4048);
  for (const Period p : {Period(1900, 1), Period(2023, 2), Period(9999, 2)}) {
    EXPECT_EQ(Period::FromOrdinal(p.ordinal()), p) << p.ToString();
  }
}

TEST(PeriodTest, Neighbours) {
  EXPECT_EQ(Period(2023, 1).Previous(), Period(2022, 2));
  EXPECT_EQ(Period(2023, 2).Previous(), Period(2023, 1));
  EXPECT_EQ(Period(2023, 1).Next(), Period(2023, 2));
  EXPECT_EQ(Period(2023, 2).Next(), Period(2024, 1));
  EXPECT_EQ(Period(2023, 2).SameHalfLastYear(), Period(2022, 2));
  EXPECT_EQ(Period(2023, 1).SameHalfLastYear(), Period(2022, 1));
  EXPECT_EQ(Period(2023, 1).YearClose(), Period(2023, 2));
  EXPECT_EQ(Period(2023, 2).YearClose(), Period(2023, 2));
}

TEST(PeriodTest, EndDate) {
  EXPECT_EQ(Period(2023, 1).EndDate(), "2023-06-30");
  EXPECT_EQ(Period(2023, 2).EndDate(), "2023-12-31");
}

TEST(PeriodTest, ToStringPadsTheYear) {
  EXPECT_EQ(Period(2023, 1).ToString(), "2023S1");
}

}  // namespace
}  // namespace valore
