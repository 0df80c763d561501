// What the document says beyond the operations of the contracts: info,
// servers, security, the Problem schema of every error, the shared
// responses and headers, and the gateway's own endpoints (/status,
// /openapi.json). The conventions are the gateway's (services/gateway/).
#ifndef VALORE_TOOLS_OPENAPI_DOCUMENT_FRAME_H_
#define VALORE_TOOLS_OPENAPI_DOCUMENT_FRAME_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "tools/openapi/json.h"

namespace valore::openapi {

// The rule paths' version prefix; the document's paths are without it and
// its servers' urls end with it.
inline constexpr char kVersionPrefix[] = "/v1";
inline constexpr char kJson[] = "application/json";
inline constexpr char kProblemJson[] = "application/problem+json";
inline constexpr char kNdjson[] = "application/x-ndjson";

// The headers of every 2xx and 4xx response: X-RateLimit-*.
Json RateLimitHeaders();

// The responses every operation lists besides its success: 400, 401, 403,
// 404, 409, 429, 500, 503 and default, each a Reference Object.
Json ErrorResponses();

struct DocumentParts {
  std::string version;  // "0.1.0"
  // google.rpc code mapping and reasons come from valore.v1.ErrorReason.
  const google::protobuf::EnumDescriptor* error_reasons = nullptr;
  Json tags = Json::Array();
  Json paths = Json::Object();
  Json schemas = Json::Object();
};

// The whole document, in the order a reader expects. FAILED_PRECONDITION
// when `version` is not N.N.N.
absl::StatusOr<Json> AssembleDocument(DocumentParts parts);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_DOCUMENT_FRAME_H_
