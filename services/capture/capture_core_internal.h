// Helpers shared by the files of CaptureCore (capture_core.cc,
// capture_writes.cc, period_locks.cc). Not part of the core's interface.
#ifndef VALORE_SERVICES_CAPTURE_CAPTURE_CORE_INTERNAL_H_
#define VALORE_SERVICES_CAPTURE_CAPTURE_CORE_INTERNAL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "valore/v1/capture.pb.h"

namespace valore::capture::internal {

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* t);

// "entities/<entity>/items/<item>/periods/<period>".
std::string CellName(const v1::Measurement& m);

// A stored replay answer, parsed into `T`.
template <typename T>
absl::StatusOr<T> Replayed(const std::string& bytes) {
  T out;
  if (!out.ParseFromString(bytes)) {
    return absl::DataLossError(
        "capture: stored answer of a request unreadable");
  }
  return out;
}

}  // namespace valore::capture::internal

#endif  // VALORE_SERVICES_CAPTURE_CAPTURE_CORE_INTERNAL_H_
