#include "services/common/request_ids.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdBytes) {
    return InvalidFieldError(
        "request_id",
        absl::StrCat(request_id.size(), " bytes is over the limit of ",
                     kMaxRequestIdBytes));
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return InvalidFieldError(
          "request_id",
          absl::StrCat(QuoteForMessage(request_id),
                       " must be printable ASCII without spaces"));
    }
  }
  return absl::OkStatus();
}

std::string ReplayKey(absl::string_view method, absl::string_view principal,
                      absl::string_view request_id) {
  const std::string nul(1, '\0');
  return absl::StrCat(method, nul, principal, nul, request_id);
}

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> unkeyed(request.New());
  unkeyed->CopyFrom(request);
  const google::protobuf::FieldDescriptor* field =
      unkeyed->GetDescriptor()->FindFieldByName("request_id");
  if (field != nullptr) {
    unkeyed->GetReflection()->ClearField(unkeyed.get(), field);
  }
  return DeterministicBytes(*unkeyed);
}

std::string EncodeReplay(absl::string_view fingerprint,
                         absl::string_view response) {
  const uint32_t n = static_cast<uint32_t>(fingerprint.size());
  std::string out;
  out.reserve(4 + fingerprint.size() + response.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  }
  absl::StrAppend(&out, fingerprint, response);
  return out;
}

absl::StatusOr<std::string> MatchReplay(absl::string_view stored,
                                        absl::string_view fingerprint,
                                        absl::string_view request_id) {
  if (stored.size() < 4) return absl::DataLossError("replay record too short");
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) {
    n = (n << 8) | static_cast<unsigned char>(stored[i]);
  }
  if (stored.size() - 4 < n)
    return absl::DataLossError("replay record truncated");
  if (stored.substr(4, n) != fingerprint) {
    return InvalidFieldError(
        "request_id",
        absl::StrCat(
            QuoteForMessage(request_id),
            " was already used for a different request; use a new request_id"),
        v1::REQUEST_ID_REUSED);
  }
  return std::string(stored.substr(4 + n));
}

}  // namespace valore
