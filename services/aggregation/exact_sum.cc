#include "services/aggregation/exact_sum.h"

#include <cmath>
#include <cstddef>
#include <utility>

namespace valore::aggregation {

void ExactSum::Add(double x) {
  if (!finite_) return;
  if (!std::isfinite(x)) {
    finite_ = false;
    return;
  }
  // Each partial is folded into x; what each addition loses (lo) is kept as
  // a smaller partial, so nothing is lost.
  size_t kept = 0;
  for (double y : partials_) {
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    const double hi = x + y;
    const double lo = y - (hi - x);
    if (lo != 0) partials_[kept++] = lo;
    x = hi;
  }
  if (!std::isfinite(x)) {
    finite_ = false;
    return;
  }
  partials_.resize(kept);
  if (x != 0) partials_.push_back(x);
}

double ExactSum::Value() const {
  if (!finite_ || partials_.empty()) return 0;
  size_t n = partials_.size() - 1;
  double hi = partials_[n];
  double lo = 0;
  // From the largest down, until an addition is inexact.
  while (n > 0) {
    const double x = hi;
    const double y = partials_[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo != 0) break;
  }
  // The rounding of hi + lo went one way; if the partials below lo push the
  // same way, the exact sum lies past the halfway point: round the other.
  if (n > 0 &&
      ((lo < 0 && partials_[n - 1] < 0) || (lo > 0 && partials_[n - 1] > 0))) {
    const double y = lo * 2;
    const double x = hi + y;
    if (y == x - hi) hi = x;
  }
  return hi;
}

}  // namespace valore::aggregation
