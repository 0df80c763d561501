#include "services/aggregation/exact_sum.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"

namespace valore::aggregation {
namespace {

double SumOf(const std::vector<double>& terms) {
  ExactSum sum;
  for (double t : terms) sum.Add(t);
  EXPECT_TRUE(sum.finite());
  return sum.Value();
}

TEST(ExactSumTest, TenthsAddUpToOne) {
  // Added one at a time, doubles give 0.9999999999999999.
  double naive = 0;
  for (int i = 0; i < 10; ++i) naive += 0.1;
  ASSERT_NE(naive, 1.0);
  EXPECT_EQ(SumOf(std::vector<double>(10, 0.1)), 1.0);
}

TEST(ExactSumTest, EveryOrderGivesTheSameSum) {
  std::vector<double> terms = {1e16, 1.0, -1e16, 0.1, 0.2, 3.3, 1e-3, 7.77};
  std::sort(terms.begin(), terms.end());
  const double first = SumOf(terms);
  int orders = 0;
  bool naive_differs = false;
  do {
    EXPECT_EQ(SumOf(terms), first);
    double naive = 0;
    for (double t : terms) naive += t;
    naive_differs = naive_differs || naive != first;
    ++orders;
  } while (std::next_permutation(terms.begin(), terms.end()));
  EXPECT_EQ(orders, 40320);
  // Rounding once is what makes the orders agree.
  EXPECT_TRUE(naive_differs);
}

TEST(ExactSumTest, CancellationKeepsWhatSmallTermsAdd) {
  EXPECT_EQ(SumOf({1e100, 1.0, -1e100}), 1.0);
  EXPECT_EQ(SumOf({}), 0.0);
  EXPECT_EQ(SumOf({2.5, -2.5}), 0.0);
}

TEST(ExactSumTest, HalfwayCasesRoundToEven) {
  // 1 + 2^-53 is halfway between 1 and the next double: ties to even (1),
  // but a further 2^-106 puts the exact sum past halfway.
  const double half_ulp = std::ldexp(1.0, -53);
  EXPECT_EQ(SumOf({1.0, half_ulp}), 1.0);
  EXPECT_EQ(SumOf({1.0, half_ulp, std::ldexp(1.0, -106)}),
            std::nextafter(1.0, 2.0));
}

TEST(ExactSumTest, NotFiniteTermsOrTotalsAreSaid) {
  ExactSum overflow;
  overflow.Add(std::numeric_limits<double>::max());
  overflow.Add(std::numeric_limits<double>::max());
  EXPECT_FALSE(overflow.finite());
  ExactSum infinite;
  infinite.Add(1);
  infinite.Add(std::numeric_limits<double>::infinity());
  EXPECT_FALSE(infinite.finite());
  ExactSum nan;
  nan.Add(std::nan(""));
  EXPECT_FALSE(nan.finite());
}

}  // namespace
}  // namespace valore::aggregation
