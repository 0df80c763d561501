#include "services/common/deadlines.h"

#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(DeadlinesTest, AShareOfTheTimeLeft) {
  const absl::Time now = absl::FromUnixSeconds(1000);
  EXPECT_EQ(ShareOfTimeLeft(now + absl::Seconds(10), kDependencyShare, now),
            now + absl::Seconds(9));
  EXPECT_EQ(ShareOfTimeLeft(now + absl::Seconds(10), kRevalidationShare, now),
            now + absl::Seconds(5));
  EXPECT_EQ(ShareOfTimeLeft(now + absl::Seconds(10), kPartialReadShare, now),
            now + absl::Seconds(6));
}

TEST(DeadlinesTest, APastOrInfiniteDeadlineStaysAsItIs) {
  const absl::Time now = absl::FromUnixSeconds(1000);
  const absl::Time past = now - absl::Seconds(1);
  EXPECT_EQ(ShareOfTimeLeft(past, kRevalidationShare, now), past);
  EXPECT_EQ(ShareOfTimeLeft(absl::InfiniteFuture(), kRevalidationShare, now),
            absl::InfiniteFuture());
}

}  // namespace
}  // namespace valore
