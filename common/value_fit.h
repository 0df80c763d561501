// Whether a measured value fits the item it is written for: as many numbers
// as the target has conditions, in units the target (or the indicator) can
// be compared with, finite and within the bound of their unit. A value that
// does not fit is refused when written, not found out when a report is
// built.
#ifndef VALORE_COMMON_VALUE_FIT_H_
#define VALORE_COMMON_VALUE_FIT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "valore/v1/catalog.pb.h"
#include "valore/v1/common.pb.h"

namespace valore {

// The largest magnitude a number of `unit` may have. Far above any figure of
// a municipality (a budget in euro, a population, a rate), and far enough
// below the largest double that a sum over every entity of a national data
// set stays finite.
double MaxMagnitude(v1::Unit unit);

// What a number of `unit` is, for a message: "a percentage", "a count".
std::string UnitName(v1::Unit unit);

// The target of `year` for `entity` (its own when it has one, else the
// general one), or null when the indicator has none for that year.
const v1::Target* TargetFor(const v1::Indicator& indicator, int year,
                            absl::string_view entity);

// OK, or INVALID_ARGUMENT naming the field ("value.composite.parts", under
// `prefix`), the value and what was expected. `target` may be null (no
// target for the period's year); `unit` is the indicator's unit, or
// UNIT_PERCENT for an executive objective's % achieved.
absl::Status CheckValueFits(const v1::Value& value, const v1::Target* target,
                            v1::Unit unit, absl::string_view prefix = "");

}  // namespace valore

#endif  // VALORE_COMMON_VALUE_FIT_H_
