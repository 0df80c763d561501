#include "services/gateway/rate_limiter.h"

#include "gtest/gtest.h"

namespace valore::gateway {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

TEST(RateLimiterTest, CountsEachCallerInItsOwnWindow) {
  RateLimiter limiter(2, absl::Minutes(1));
  RateDecision first = limiter.Take("a", kStart);
  EXPECT_TRUE(first.allowed);
  EXPECT_EQ(first.limit, 2);
  EXPECT_EQ(first.remaining, 1);
  EXPECT_EQ(first.reset_seconds, 60);
  RateDecision second = limiter.Take("a", kStart + absl::Seconds(10));
  EXPECT_TRUE(second.allowed);
  EXPECT_EQ(second.remaining, 0);
  EXPECT_EQ(second.reset_seconds, 50);
  RateDecision third = limiter.Take("a", kStart + absl::Seconds(20));
  EXPECT_FALSE(third.allowed);
  EXPECT_EQ(third.remaining, 0);
  EXPECT_EQ(third.reset_seconds, 40);
  // Another caller has its own budget.
  EXPECT_TRUE(limiter.Take("b", kStart + absl::Seconds(20)).allowed);
  // A new window starts when the old one ends.
  RateDecision later = limiter.Take("a", kStart + absl::Seconds(61));
  EXPECT_TRUE(later.allowed);
  EXPECT_EQ(later.remaining, 1);
}

TEST(RateLimiterTest, ResetIsRoundedUpToAWholeSecond) {
  RateLimiter limiter(1, absl::Seconds(2));
  (void)limiter.Take("a", kStart);
  RateDecision refused = limiter.Take("a", kStart + absl::Milliseconds(1500));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.reset_seconds, 1);
}

TEST(RateLimiterTest, ZeroLimitLetsEverythingThrough) {
  RateLimiter limiter(0, absl::Minutes(1));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Take("a", kStart).allowed);
}

}  // namespace
}  // namespace valore::gateway
