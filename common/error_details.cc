#include "common/error_details.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/text_util.h"

namespace valore {

namespace {

constexpr absl::string_view kErrorInfoUrl =
    "type.googleapis.com/google.rpc.ErrorInfo";
constexpr absl::string_view kBadRequestUrl =
    "type.googleapis.com/google.rpc.BadRequest";

// What a status of `code` means when its producer named no reason.
v1::ErrorReason DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return v1::ERROR_REASON_UNSPECIFIED;
    case absl::StatusCode::kInvalidArgument:
      return v1::INVALID_FIELD;
    case absl::StatusCode::kNotFound:
      return v1::RESOURCE_NOT_FOUND;
    case absl::StatusCode::kFailedPrecondition:
      return v1::PRECONDITION_NOT_MET;
    case absl::StatusCode::kAborted:
      return v1::CONCURRENT_CHANGE;
    case absl::StatusCode::kAlreadyExists:
      return v1::ALREADY_EXISTS;
    case absl::StatusCode::kUnauthenticated:
      return v1::CREDENTIALS_MISSING_OR_INVALID;
    case absl::StatusCode::kPermissionDenied:
      return v1::ROLE_NOT_ALLOWED;
    case absl::StatusCode::kResourceExhausted:
      return v1::REQUEST_TOO_LARGE;
    case absl::StatusCode::kUnavailable:
      return v1::SERVICE_UNAVAILABLE;
    case absl::StatusCode::kDeadlineExceeded:
      return v1::TIMED_OUT;
    case absl::StatusCode::kCancelled:
      return v1::CANCELLED_BY_CLIENT;
    case absl::StatusCode::kDataLoss:
      return v1::STORED_DATA_UNREADABLE;
    case absl::StatusCode::kUnimplemented:
      return v1::NOT_IMPLEMENTED;
    case absl::StatusCode::kOutOfRange:
      return v1::OUT_OF_RANGE_VALUE;
    default:
      return v1::INTERNAL_FAILURE;
  }
}

template <typename Message>
bool ParsePayload(const absl::Status& status, absl::string_view url,
                  Message* message) {
  const auto payload = status.GetPayload(url);
  return payload.has_value() && message->ParseFromString(std::string(*payload));
}

}  // namespace

absl::Status WithReason(
    absl::Status status, v1::ErrorReason reason,
    std::vector<std::pair<std::string, std::string>> metadata) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(v1::ErrorReason_Name(reason));
  info.set_domain(std::string(kErrorDomain));
  // Values may echo a request: valid UTF-8 (or the ErrorInfo would not
  // parse) and short (the details travel in a trailer).
  constexpr size_t kMaxMetadataBytes = 100;
  for (const auto& [key, value] : metadata) {
    std::string kept = ToValidUtf8(value);
    if (kept.size() > kMaxMetadataBytes) {
      kept = ToValidUtf8(absl::string_view(kept).substr(0, kMaxMetadataBytes));
    }
    (*info.mutable_metadata())[ToValidUtf8(key)] = std::move(kept);
  }
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Status WithFieldViolation(absl::Status status, absl::string_view field,
                                absl::string_view description) {
  if (status.ok()) return status;
  google::rpc::BadRequest bad_request = BadRequestOf(status);
  auto* violation = bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(description));
  status.SetPayload(kBadRequestUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status InvalidFieldError(absl::string_view field,
                               absl::string_view description,
                               v1::ErrorReason reason) {
  absl::Status status =
      absl::InvalidArgumentError(absl::StrCat(field, ": ", description));
  return WithFieldViolation(WithReason(std::move(status), reason), field,
                            description);
}

google::rpc::ErrorInfo ErrorInfoOf(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (status.ok()) return info;
  if (ParsePayload(status, kErrorInfoUrl, &info)) return info;
  info.Clear();
  info.set_reason(v1::ErrorReason_Name(DefaultReason(status.code())));
  info.set_domain(std::string(kErrorDomain));
  return info;
}

v1::ErrorReason ReasonOf(const absl::Status& status) {
  v1::ErrorReason reason = v1::ERROR_REASON_UNSPECIFIED;
  if (!v1::ErrorReason_Parse(ErrorInfoOf(status).reason(), &reason)) {
    return DefaultReason(status.code());
  }
  return reason;
}

google::rpc::BadRequest BadRequestOf(const absl::Status& status) {
  google::rpc::BadRequest bad_request;
  if (!ParsePayload(status, kBadRequestUrl, &bad_request)) bad_request.Clear();
  return bad_request;
}

absl::Status WithDetailsOf(absl::Status to, const absl::Status& from) {
  if (to.ok()) return to;
  for (const absl::string_view url : {kErrorInfoUrl, kBadRequestUrl}) {
    if (auto payload = from.GetPayload(url)) to.SetPayload(url, *payload);
  }
  return to;
}

}  // namespace valore
