// Helpers shared by the files of the evaluation rules (evaluation.cc,
// objective_scoring.cc, rollup.cc). Not part of their interface.
#ifndef VALORE_SERVICES_AGGREGATION_EVALUATION_INTERNAL_H_
#define VALORE_SERVICES_AGGREGATION_EVALUATION_INTERNAL_H_

#include <string>
#include <vector>

#include "services/aggregation/evaluation.h"
#include "valore/v1/common.pb.h"

namespace valore::aggregation::internal {

// Tolerance for comparisons, so that 0,865 × 100 against 86,5 or 200/300
// against 2/3 are not decided by the last bit of a double.
inline constexpr double kEpsilon = 1e-9;

// Achievement ratios are reported as they are, but never as NaN, infinite or
// negative.
double SafeRatio(double ratio);

// A quantity as the report writes it: "86,5%", "2.250".
std::string FormatQuantity(double value, v1::Unit unit);

// The numbers of a value in the target's order: one for a number, one per
// part for a composite; empty for text, not measurable or an unset value.
std::vector<v1::Quantity> Quantities(const v1::Value& value);

// Non valutabile, for the reason given.
Evaluation NotAssessable(std::string explanation);

}  // namespace valore::aggregation::internal

#endif  // VALORE_SERVICES_AGGREGATION_EVALUATION_INTERNAL_H_
