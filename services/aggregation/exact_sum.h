// The sum of many doubles, rounded once: the Union-wide total of an
// indicator is the same whatever order its entities' values arrive in (the
// report adds them in catalog order, the overview as the capture services
// stream them), and no closer to one order's rounding than another's.
#ifndef VALORE_SERVICES_AGGREGATION_EXACT_SUM_H_
#define VALORE_SERVICES_AGGREGATION_EXACT_SUM_H_

#include <vector>

namespace valore::aggregation {

// Shewchuk's non-overlapping partials (as Python's math.fsum keeps them):
// the running sum is held exactly, and Value() rounds it to nearest, ties
// to even.
class ExactSum {
 public:
  void Add(double x);
  // The exact sum rounded to a double; meaningful only when finite().
  double Value() const;
  // False once a term was not finite or the sum passed what a double holds.
  bool finite() const { return finite_; }

 private:
  // Increasing magnitude, no two overlapping; their exact sum is the total.
  std::vector<double> partials_;
  bool finite_ = true;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_EXACT_SUM_H_
