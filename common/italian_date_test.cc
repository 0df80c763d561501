#include "common/italian_date.h"

#include <gtest/gtest.h>

namespace valore {
namespace {

TEST(ItalianDateTest, DayMonthYearInRomeTime) {
  // 2023-12-31 23:30 UTC is already 1 January in Rome (UTC+1 in winter).
  const absl::Time new_year = absl::FromCivil(
      absl::CivilMinute(2023, 12, 31, 23, 30), absl::UTCTimeZone());
  EXPECT_EQ(FormatItalianDate(new_year), "01/01/2024");
  EXPECT_EQ(FormatItalianDateTime(new_year), "01/01/2024 00:30");
  const absl::Time summer = absl::FromCivil(
      absl::CivilMinute(2023, 6, 30, 8, 5), absl::UTCTimeZone());
  EXPECT_EQ(FormatItalianDateTime(summer), "30/06/2023 10:05");
  google::protobuf::Timestamp stamp;
  stamp.set_seconds(absl::ToUnixSeconds(summer));
  EXPECT_EQ(FormatItalianDate(stamp), "30/06/2023");
  EXPECT_EQ(FormatItalianDateTime(stamp), "30/06/2023 10:05");
}

}  // namespace
}  // namespace valore
