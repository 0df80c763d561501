#include "services/common/grpc_status.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

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

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Bounded(status.message()));
}

absl::Status FromDependency(const grpc::Status& status,
                            absl::string_view dependency) {
  if (status.ok()) return absl::OkStatus();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::UnavailableError(
        absl::StrCat(dependency, " is unavailable: ", status.error_message()));
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(dependency, ": ", status.error_message()));
}

}  // namespace valore
