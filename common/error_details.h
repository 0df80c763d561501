// The reason of an error and its bad fields travel inside absl::Status as
// payloads (google.rpc.ErrorInfo, google.rpc.BadRequest), so that the code
// that finds a problem names it and each edge only copies it out: the gRPC
// edge into the status details (ToGrpcStatus), a dependency's answer back in
// (FromDependency). The reasons are the values of valore.v1.ErrorReason
// (proto/valore/v1/errors.proto).
#ifndef VALORE_COMMON_ERROR_DETAILS_H_
#define VALORE_COMMON_ERROR_DETAILS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "valore/v1/errors.pb.h"

namespace valore {

// The ErrorInfo.domain of every valore error.
inline constexpr absl::string_view kErrorDomain = "valore.v1";

// `status` with `reason` (replacing one it had). Metadata pairs name what the
// reason is about: {{"entity", "carpi"}}. An OK status stays OK.
absl::Status WithReason(
    absl::Status status, v1::ErrorReason reason,
    std::vector<std::pair<std::string, std::string>> metadata = {});

// `status` with one more field violation (google.rpc.BadRequest).
absl::Status WithFieldViolation(absl::Status status, absl::string_view field,
                                absl::string_view description);

// INVALID_ARGUMENT "field: description" with `reason` and the one violation.
absl::Status InvalidFieldError(absl::string_view field,
                               absl::string_view description,
                               v1::ErrorReason reason = v1::INVALID_FIELD);

// The ErrorInfo of `status`: the one attached, else the reason every status
// of that code gets (INVALID_FIELD for INVALID_ARGUMENT, ...). Empty for OK.
google::rpc::ErrorInfo ErrorInfoOf(const absl::Status& status);

// The reason alone, as ErrorInfoOf gives it.
v1::ErrorReason ReasonOf(const absl::Status& status);

// The field violations attached to `status`, in the order they were added.
google::rpc::BadRequest BadRequestOf(const absl::Status& status);

// Copies the reason and the violations of `from` onto `to`.
absl::Status WithDetailsOf(absl::Status to, const absl::Status& from);

}  // namespace valore

#endif  // VALORE_COMMON_ERROR_DETAILS_H_
