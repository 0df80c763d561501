#include "common/timestamp.h"

#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;

google::protobuf::Timestamp At(int64_t seconds, int32_t nanos = 0) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  return t;
}

TEST(TimestampMicrosTest, ConvertsTheDocumentedRange) {
  EXPECT_EQ(*TimestampMicros(At(0), "as_of"), 0);
  EXPECT_EQ(*TimestampMicros(At(1704067200, 123456789), "as_of"),
            int64_t{1704067200123456});
  EXPECT_EQ(*TimestampMicros(At(kMinTimestampSeconds), "as_of"),
            kMinTimestampSeconds * 1000000);
  EXPECT_EQ(*TimestampMicros(At(kMaxTimestampSeconds, 999999999), "as_of"),
            kMaxTimestampSeconds * 1000000 + 999999);
}

// Regression, found by the capture and aggregation fuzzers (as_of, and the
// audit trail's start_time and end_time): seconds of 1e14 made the
// microseconds overflow int64 (undefined behaviour).
TEST(TimestampMicrosTest, RefusesSecondsThatWouldOverflow) {
  for (int64_t seconds :
       {int64_t{100000000000000}, kMaxTimestampSeconds + 1,
        kMinTimestampSeconds - 1, std::numeric_limits<int64_t>::max(),
        std::numeric_limits<int64_t>::min()}) {
    absl::StatusOr<int64_t> micros = TimestampMicros(At(seconds), "as_of");
    EXPECT_TRUE(absl::IsInvalidArgument(micros.status())) << seconds;
    EXPECT_THAT(micros.status().message(), HasSubstr("as_of.seconds"));
  }
}

TEST(TimestampMicrosTest, RefusesNanosOutOfRange) {
  for (int32_t nanos : {-1, 1000000000, std::numeric_limits<int32_t>::max()}) {
    absl::StatusOr<int64_t> micros = TimestampMicros(At(0, nanos), "end_time");
    EXPECT_TRUE(absl::IsInvalidArgument(micros.status())) << nanos;
    EXPECT_THAT(micros.status().message(), HasSubstr("end_time.nanos"));
  }
}

}  // namespace
}  // namespace valore

namespace valore {
namespace {

TEST(TimestampFromMicrosTest, RoundTripsThroughTimestampMicros) {
  const int64_t micros = 1764892800123456;  // 2025-12-05T00:00:00.123456Z
  const google::protobuf::Timestamp t = TimestampFromMicros(micros);
  EXPECT_EQ(t.seconds(), 1764892800);
  EXPECT_EQ(t.nanos(), 123456000);
  EXPECT_EQ(*TimestampMicros(t, "t"), micros);
}

}  // namespace
}  // namespace valore
