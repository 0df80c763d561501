#include "services/gateway/problem.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/text_util.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace valore::gateway {
namespace {

std::string ToJson(const google::protobuf::Struct& document) {
  std::string json;
  // A Struct always prints.
  (void)google::protobuf::util::MessageToJsonString(document, &json);
  return json;
}

// JSON strings are UTF-8: a path or a message may echo bytes that are not.
void Put(google::protobuf::Struct* document, const std::string& key,
         absl::string_view text) {
  (*document->mutable_fields())[key].set_string_value(ToValidUtf8(text));
}

}  // namespace

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    default:
      return 500;
  }
}

absl::string_view HttpReasonPhrase(int http_status) {
  switch (http_status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 499:
      return "Client Closed Request";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Internal Server Error";
  }
}

std::string ProblemJson(const absl::Status& status, absl::string_view instance,
                        int http_status) {
  if (http_status == 0) http_status = HttpStatusOf(status.code());
  google::protobuf::Struct document;
  Put(&document, "type",
      absl::StrCat(kProblemTypePrefix, ErrorInfoOf(status).reason()));
  Put(&document, "title", HttpReasonPhrase(http_status));
  (*document.mutable_fields())["status"].set_number_value(http_status);
  Put(&document, "detail", status.message());
  Put(&document, "instance", instance);
  google::protobuf::ListValue* violations =
      (*document.mutable_fields())["violations"].mutable_list_value();
  const google::rpc::BadRequest bad_request = BadRequestOf(status);
  for (const auto& violation : bad_request.field_violations()) {
    google::protobuf::Struct* entry =
        violations->add_values()->mutable_struct_value();
    Put(entry, "field", violation.field());
    Put(entry, "description", violation.description());
  }
  return ToJson(document);
}

std::string OkStatusJson(absl::string_view detail) {
  google::protobuf::Struct document;
  Put(&document, "title", "OK");
  (*document.mutable_fields())["status"].set_number_value(200);
  Put(&document, "detail", detail);
  return ToJson(document);
}

}  // namespace valore::gateway
