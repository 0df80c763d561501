// The one place where absl::Status meets grpc::Status. Abseil's codes equal
// gRPC's numerically, so the mapping keeps code and message as they are.
#ifndef VALORE_SERVICES_COMMON_GRPC_STATUS_H_
#define VALORE_SERVICES_COMMON_GRPC_STATUS_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"

namespace valore {

// Status messages are cut below this many bytes: a message travels in a
// header, and clients refuse headers over 8 KiB (the real error would then
// read "received initial metadata size exceeds limit").
inline constexpr size_t kMaxStatusMessageBytes = 2048;
// The field violations sent with a status stay under half of this.
inline constexpr size_t kMaxStatusDetailsBytes = 4096;

// Keeps the code; a message of kMaxStatusMessageBytes or more is cut at a
// line (or a character) boundary and says how much was left out. The details
// (a google.rpc.Status in the grpc-status-details-bin trailer) carry the
// status's ErrorInfo, always, and its BadRequest, when it names bad fields.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The google.rpc.Status a server sent with `status`; empty when it sent none.
google::rpc::Status StatusDetailsOf(const grpc::Status& status);

// Moves a successful result into the response, or maps the error.
template <typename T>
grpc::Status Reply(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

// A status received from another service as absl::Status: its code, its
// message, its reason and its bad fields, all as they came.
absl::Status FromGrpcStatus(const grpc::Status& status);

// A failed call to another service. UNAVAILABLE and DEADLINE_EXCEEDED become
// UNAVAILABLE naming `dependency` ("catalog service at 127.0.0.1:7001"), so
// that the caller's own client learns which part is down; other codes keep
// their code, reason and bad fields, and gain the dependency as context.
absl::Status FromDependency(const grpc::Status& status,
                            absl::string_view dependency);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_GRPC_STATUS_H_
