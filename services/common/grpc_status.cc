#include "services/common/grpc_status.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "google/rpc/status.pb.h"

namespace valore {

namespace {

// `message` cut to leave room for the note of what was left out.
std::string Bounded(absl::string_view message) {
  if (message.size() < kMaxStatusMessageBytes) return std::string(message);
  constexpr size_t kKept = kMaxStatusMessageBytes - 200;
  size_t cut = message.rfind('\n', kKept);
  const bool at_line = cut != absl::string_view::npos && cut > kKept / 2;
  if (!at_line) {
    cut = kKept;
    // Not inside a UTF-8 character: back off continuation bytes.
    while (cut > 0 &&
           (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) {
      --cut;
    }
  }
  const absl::string_view rest = message.substr(cut);
  const size_t lines = std::count(rest.begin(), rest.end(), '\n');
  if (at_line) {
    return absl::StrCat(message.substr(0, cut), "\n  ... and ", lines,
                        " more lines (", message.size(), " bytes in all)");
  }
  return absl::StrCat(message.substr(0, cut), "... (", message.size(),
                      " bytes in all)");
}

// Keeps the violations that fit in kMaxStatusDetailsBytes, each cut to a
// readable length: the details travel in a trailer, under the same header
// limit as the message.
google::rpc::BadRequest BoundedViolations(
    const google::rpc::BadRequest& bad_request) {
  constexpr size_t kMaxPart = 200;
  google::rpc::BadRequest kept;
  size_t bytes = 0;
  for (const auto& violation : bad_request.field_violations()) {
    google::rpc::BadRequest::FieldViolation cut;
    cut.set_field(violation.field().substr(0, kMaxPart));
    cut.set_description(violation.description().substr(0, kMaxPart));
    bytes += cut.ByteSizeLong() + 4;
    if (bytes > kMaxStatusDetailsBytes / 2) break;
    *kept.add_field_violations() = std::move(cut);
  }
  return kept;
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(Bounded(status.message()));
  details.add_details()->PackFrom(ErrorInfoOf(status));
  const google::rpc::BadRequest bad_request = BadRequestOf(status);
  if (bad_request.field_violations_size() > 0) {
    details.add_details()->PackFrom(BoundedViolations(bad_request));
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      details.message(), details.SerializeAsString());
}

google::rpc::Status StatusDetailsOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) details.Clear();
  return details;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
  const google::rpc::Status details = StatusDetailsOf(status);
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&info)) {
      v1::ErrorReason reason;
      if (info.domain() == kErrorDomain &&
          v1::ErrorReason_Parse(info.reason(), &reason)) {
        std::vector<std::pair<std::string, std::string>> metadata(
            info.metadata().begin(), info.metadata().end());
        result = WithReason(std::move(result), reason, std::move(metadata));
      }
    } else if (any.UnpackTo(&bad_request)) {
      for (const auto& violation : bad_request.field_violations()) {
        result = WithFieldViolation(std::move(result), violation.field(),
                                    violation.description());
      }
    }
  }
  return result;
}

absl::Status FromDependency(const grpc::Status& status,
                            absl::string_view dependency) {
  if (status.ok()) return absl::OkStatus();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return WithReason(
        absl::UnavailableError(absl::StrCat(
            dependency, " is unavailable: ", status.error_message())),
        v1::DEPENDENCY_UNAVAILABLE, {{"dependency", std::string(dependency)}});
  }
  // The dependency's reason and bad fields are the caller's too.
  return WithDetailsOf(
      absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                   absl::StrCat(dependency, ": ", status.error_message())),
      FromGrpcStatus(status));
}

}  // namespace valore
