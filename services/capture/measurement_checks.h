// Shape checks of a measurement before its item is looked up: names, text
// lengths, the count of composite parts. Whether the numbers fit the item
// (finite, bounded, in a comparable unit) is common/value_fit.h's.
#ifndef VALORE_SERVICES_CAPTURE_MEASUREMENT_CHECKS_H_
#define VALORE_SERVICES_CAPTURE_MEASUREMENT_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/target_parser.h"
#include "valore/v1/capture.pb.h"

namespace valore::capture {

inline constexpr size_t kMaxTextBytes = 4096;
inline constexpr size_t kMaxNameBytes = 256;
// As many parts as a target may have conditions.
inline constexpr int kMaxComponents = kMaxTargetComponents;
inline constexpr int kMaxBatchRecords = 10000;

// Checks the value, note and names (not their existence in the catalog).
// INVALID_ARGUMENT names the field under `prefix` ("measurements[3].").
absl::Status CheckMeasurementShape(const v1::Measurement& m,
                                   absl::string_view prefix);

// A required, bounded free text (a reason, an author).
absl::Status CheckText(absl::string_view field, absl::string_view text,
                       bool required, size_t limit = kMaxTextBytes);

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_MEASUREMENT_CHECKS_H_
