#include "tools/openapi/document_frame.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/openapi/comments.h"

namespace valore::openapi {
namespace {

constexpr char kServer[] = "https://localhost:8443/rest/valore/v1";
constexpr char kSummary[] =
    "Public-value indicators of the Unione delle Terre d'Argine: catalog, "
    "semiannual measurements, reports and snapshots.";
constexpr char kDescription[] =
    R"(The REST/JSON edge of valore, served by valore-gateway. Every operation but those tagged Status is a gRPC method of CatalogService, CaptureService or AggregationService, transcoded by its `google.api.http` rule; AdminService stays gRPC-only.

## Security

Every call carries `Authorization: Bearer <token>`, a valore token (`valore token create`), which the gateway passes to the services as is: they decide what the principal's role and entities allow. Without a valid token the answer is 401, the same whether the token is missing or unknown. Where the deployment asks for it, the connection is also mutual TLS (ModI ID_AUTH_CHANNEL_02): the client presents a certificate the gateway trusts. The status endpoint and this document need no token.

## JSON

As protobuf's JSON mapping writes it: field names as in the .proto files (snake_case), enums by name, 64-bit integers as strings, timestamps in RFC 3339 (`2024-01-15T10:00:00Z`). Responses write every field, defaults included; requests may leave out any field not marked required; a field the message does not have is an error.

## URLs

A resource name ("entities/carpi/items/00002/periods/2023S2") is the URL path after the version ("/entities/carpi/items/00002/periods/2023S2"), with each collection in kebab-case ("executiveObjectives/S5.00016" is "/executive-objectives/S5.00016"). A shared objective's code writes its '/' as '~'.

## Errors

Every error is `application/problem+json` (RFC 7807), its `type` "urn:valore:problem:<REASON>" (see the Problem schema), its HTTP status that of the gRPC code as google/rpc/code.proto maps it. Besides: a body that is not the request's JSON is 400 (MALFORMED_BODY), a body not sent as application/json 415, a known path asked with another method 405 with `Allow`, an unknown path 404.

## Deadlines and streams

A request may set its deadline with `Request-Timeout: <seconds>` (the gateway caps it); otherwise the gateway's default applies. A server-streaming method answers `{"results": [...]}`, or one JSON document per line (`application/x-ndjson`) when the request sends `Accept: application/x-ndjson`.

## Rate limits

Every 2xx and 4xx response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset; 429 and 503 carry Retry-After.
)";

Json IntegerHeader(absl::string_view description) {
  return Json::Object()
      .Set("description", description)
      .Set("schema", Json::Object()
                         .Set("type", "integer")
                         .Set("format", "int32")
                         .Set("minimum", 0));
}

Json HeaderRef(absl::string_view name) {
  return Json::Object().Set("$ref",
                            absl::StrCat("#/components/headers/", name));
}

Json Headers() {
  return Json::Object()
      .Set("X-RateLimit-Limit",
           IntegerHeader("How many calls the client may make in the current "
                         "window."))
      .Set("X-RateLimit-Remaining",
           IntegerHeader("How many calls the client has left in the current "
                         "window."))
      .Set("X-RateLimit-Reset",
           IntegerHeader("Seconds until the current window resets."))
      .Set("Retry-After",
           IntegerHeader("Seconds to wait before calling again."));
}

Json ProblemContent() {
  return Json::Object().Set(
      kProblemJson, Json::Object().Set(
                        "schema", Json::Object().Set(
                                      "$ref", "#/components/schemas/Problem")));
}

struct ErrorResponse {
  const char* status;
  const char* name;
  const char* description;
  bool rate_limited;  // a 4xx: X-RateLimit-*
  bool retry_after;   // 429, 503
};

constexpr ErrorResponse kErrorResponses[] = {
    {"400", "BadRequest",
     "The request is not valid (gRPC INVALID_ARGUMENT, FAILED_PRECONDITION, "
     "OUT_OF_RANGE): `violations` names the fields at fault.",
     true, false},
    {"401", "Unauthorized",
     "No token, or one the services do not know (gRPC UNAUTHENTICATED).", true,
     false},
    {"403", "Forbidden",
     "The principal's role or entities do not allow the call (gRPC "
     "PERMISSION_DENIED).",
     true, false},
    {"404", "NotFound",
     "What the request names does not exist (gRPC NOT_FOUND).", true, false},
    {"409", "Conflict",
     "It exists already, or another change happened at the same time (gRPC "
     "ALREADY_EXISTS, ABORTED): retry.",
     true, false},
    {"429", "TooManyRequests",
     "Too many calls, or a request larger than accepted (gRPC "
     "RESOURCE_EXHAUSTED).",
     true, true},
    {"500", "InternalServerError",
     "A fault of a service (gRPC INTERNAL, UNKNOWN, DATA_LOSS).", false, false},
    {"503", "ServiceUnavailable",
     "A service cannot serve now (gRPC UNAVAILABLE): retry after Retry-After "
     "seconds.",
     false, true},
    {"default", "Default",
     "Any other error: 499 (gRPC CANCELLED), 501 (UNIMPLEMENTED), 504 "
     "(DEADLINE_EXCEEDED).",
     false, false},
};

Json ErrorResponseObject(const ErrorResponse& r) {
  Json response = Json::Object().Set("description", r.description);
  Json headers = r.rate_limited ? RateLimitHeaders() : Json::Object();
  if (r.retry_after) headers.Set("Retry-After", HeaderRef("Retry-After"));
  if (headers.size() > 0) response.Set("headers", std::move(headers));
  response.Set("content", ProblemContent());
  return response;
}

Json ComponentResponses() {
  Json responses = Json::Object();
  for (const ErrorResponse& r : kErrorResponses) {
    responses.Set(r.name, ErrorResponseObject(r));
  }
  return responses;
}

Json StringProperty(int64_t max_length, absl::string_view description) {
  return Json::Object()
      .Set("type", "string")
      .Set("maxLength", max_length)
      .Set("description", description);
}

Json ProblemSchema(const google::protobuf::EnumDescriptor& reasons) {
  std::string type_description =
      "\"urn:valore:problem:<REASON>\", REASON the google.rpc.ErrorInfo "
      "reason of the error (domain \"valore.v1\"); \"about:blank\" when the "
      "error carries none. A program switches on it, never on `detail`. "
      "Reasons may be added; none is renamed or reused:\n";
  for (int i = 0; i < reasons.value_count(); ++i) {
    const auto& value = *reasons.value(i);
    if (value.number() == 0) continue;
    absl::StrAppend(&type_description, "\n- `", value.name(), "`");
    if (std::string comment = CommentOf(value); !comment.empty()) {
      absl::StrAppend(&type_description, ": ", comment);
    }
  }
  Json type = StringProperty(128, type_description);
  type.Set("format", "uri").Set("example", "urn:valore:problem:FIELD_REQUIRED");
  Json instance = StringProperty(2048, "The URL path of the call that failed.");
  instance.Set("format", "uri-reference");
  Json properties =
      Json::Object()
          .Set("type", std::move(type))
          .Set("title", StringProperty(256,
                                       "The HTTP status's reason phrase "
                                       "(\"Bad Request\")."))
          .Set("status", Json::Object()
                             .Set("type", "integer")
                             .Set("format", "int32")
                             .Set("minimum", 100)
                             .Set("maximum", 600)
                             .Set("description", "The HTTP status code."))
          .Set("detail", StringProperty(4096,
                                        "What went wrong, for a person: the "
                                        "service's status message."))
          .Set("instance", std::move(instance))
          .Set("violations",
               Json::Object()
                   .Set("type", "array")
                   .Set("description",
                        "One per bad field (google.rpc.BadRequest); present "
                        "on 400 when the request has bad fields. A status's "
                        "details hold at most 4096 bytes, so fewer than this "
                        "many fit.")
                   .Set("maxItems", 1000)
                   .Set("items",
                        Json::Object().Set(
                            "$ref", "#/components/schemas/ProblemViolation")));
  return Json::Object()
      .Set("type", "object")
      .Set("description",
           "Problem details (RFC 7807), as the Italian interoperability "
           "guidelines use them. The HTTP status follows the gRPC code: "
           "INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE 400; "
           "UNAUTHENTICATED 401; PERMISSION_DENIED 403; NOT_FOUND 404; "
           "ALREADY_EXISTS, ABORTED 409; RESOURCE_EXHAUSTED 429; CANCELLED "
           "499; INTERNAL, UNKNOWN, DATA_LOSS 500; UNIMPLEMENTED 501; "
           "UNAVAILABLE 503; DEADLINE_EXCEEDED 504.")
      .Set("properties", std::move(properties));
}

Json ViolationSchema() {
  return Json::Object()
      .Set("type", "object")
      .Set("description",
           "One bad field (google.rpc.BadRequest.FieldViolation).")
      .Set(
          "properties",
          Json::Object()
              .Set("field", StringProperty(256,
                                           "The field at fault, as a path "
                                           "into the request "
                                           "(\"measurements[1].value_text\")."))
              .Set("description",
                   StringProperty(4096, "What is wrong with it.")))
      .Set("required", Json::ArrayOf({"field", "description"}))
      .Set("additionalProperties", false);
}

Json ProblemExample(int status, absl::string_view title, absl::string_view type,
                    absl::string_view detail) {
  Json example = Json::Object();
  if (!type.empty()) example.Set("type", type);
  example.Set("title", title).Set("status", status);
  if (!detail.empty()) example.Set("detail", detail);
  return example;
}

Json GatewayOperation(absl::string_view operation_id, absl::string_view summary,
                      absl::string_view description, Json success) {
  Json responses = Json::Object().Set("200", std::move(success));
  const Json errors = ErrorResponses();
  for (const auto& [status, ref] : errors.members()) {
    responses.Set(status, ref);
  }
  // Served without a token: load balancers and clients read them first.
  return Json::Object()
      .Set("security", Json::Array())
      .Set("tags", Json::ArrayOf({"Status"}))
      .Set("summary", summary)
      .Set("description", description)
      .Set("operationId", operation_id)
      .Set("responses", std::move(responses));
}

Json StatusPaths() {
  Json status_ok =
      Json::Object()
          .Set("description", "The gateway and every service it calls answer.")
          .Set("headers", RateLimitHeaders())
          .Set("content",
               Json::Object().Set(
                   kProblemJson,
                   Json::Object()
                       .Set("schema",
                            Json::Object().Set("$ref",
                                               "#/components/schemas/Problem"))
                       .Set("example", ProblemExample(200, "OK", "", ""))));
  Json status = GatewayOperation(
      "getStatus", "Whether the gateway and the services it calls can serve",
      "ModI's status endpoint: 200 with {\"status\": 200, \"title\": \"OK\"} "
      "when the gateway and the catalog, capture and aggregation services "
      "answer; 503 naming the service that does not.",
      std::move(status_ok));
  Json down =
      Json::Object()
          .Set("description",
               "A service the gateway calls does not answer; `detail` names "
               "it.")
          .Set("headers",
               Json::Object().Set("Retry-After", HeaderRef("Retry-After")))
          .Set("content",
               Json::Object().Set(
                   kProblemJson,
                   Json::Object()
                       .Set("schema",
                            Json::Object().Set("$ref",
                                               "#/components/schemas/Problem"))
                       .Set("example",
                            ProblemExample(
                                503, "Service Unavailable",
                                "urn:valore:problem:SERVICE_UNAVAILABLE",
                                "not serving: capture (UNAVAILABLE)"))));
  status["responses"].Set("503", std::move(down));

  Json document_ok =
      Json::Object()
          .Set("description", "This document.")
          .Set("headers", RateLimitHeaders())
          .Set("content",
               Json::Object().Set(
                   kJson,
                   Json::Object().Set(
                       "schema",
                       Json::Object()
                           .Set("type", "object")
                           .Set("description", "An OpenAPI 3.0.3 document.")
                           .Set("additionalProperties", true))));
  Json document = GatewayOperation(
      "getOpenApiDocument", "This OpenAPI document",
      "The description of the REST edge the gateway serves, built from the "
      ".proto contracts with the gateway itself.",
      std::move(document_ok));
  return Json::Object()
      .Set("/status", Json::Object().Set("get", std::move(status)))
      .Set("/openapi.json", Json::Object().Set("get", std::move(document)));
}

bool IsSemanticVersion(absl::string_view version) {
  std::vector<absl::string_view> parts = absl::StrSplit(version, '.');
  if (parts.size() != 3) return false;
  for (absl::string_view part : parts) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

}  // namespace

Json RateLimitHeaders() {
  return Json::Object()
      .Set("X-RateLimit-Limit", HeaderRef("X-RateLimit-Limit"))
      .Set("X-RateLimit-Remaining", HeaderRef("X-RateLimit-Remaining"))
      .Set("X-RateLimit-Reset", HeaderRef("X-RateLimit-Reset"));
}

Json ErrorResponses() {
  Json responses = Json::Object();
  for (const ErrorResponse& r : kErrorResponses) {
    responses.Set(r.status,
                  Json::Object().Set(
                      "$ref", absl::StrCat("#/components/responses/", r.name)));
  }
  return responses;
}

absl::StatusOr<Json> AssembleDocument(DocumentParts parts) {
  if (!IsSemanticVersion(parts.version)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "version \"", parts.version, "\" is not N.N.N (pass version=...)"));
  }
  if (parts.error_reasons == nullptr) {
    return absl::FailedPreconditionError(
        "valore.v1.ErrorReason is missing: give protoc valore/v1/errors.proto");
  }
  Json info =
      Json::Object()
          .Set("title", "valore REST API")
          .Set("version", parts.version)
          .Set("x-summary", kSummary)
          .Set("description", kDescription)
          .Set("termsOfService", "https://www.terredargine.it/note-legali")
          .Set("contact",
               Json::Object()
                   .Set("name",
                        "Unione delle Terre d'Argine — Servizio "
                        "pianificazione e controllo")
                   .Set("url", "https://www.terredargine.it")
                   .Set("email", "pianificazione.controllo@terredargine.it"))
          .Set("license",
               Json::Object()
                   .Set("name", "EUPL-1.2")
                   .Set("url",
                        "https://joinup.ec.europa.eu/collection/eupl/"
                        "eupl-text-eupl-12"));
  Json servers = Json::Array();
  servers.Append(Json::Object()
                     .Set("url", kServer)
                     .Set("description",
                          "A gateway on this host (its default base path "
                          "/rest/valore). Where the deployment asks for "
                          "it, present a client certificate the gateway "
                          "trusts (ModI ID_AUTH_CHANNEL_02)."));
  parts.tags.Append(
      Json::Object()
          .Set("name", "Status")
          .Set("description",
               "The gateway's own endpoints: ModI's status and this "
               "document."));
  Json paths = StatusPaths();
  for (auto& [path, item] : parts.paths.members()) paths.Set(path, item);

  parts.schemas.Set("Problem", ProblemSchema(*parts.error_reasons));
  parts.schemas.Set("ProblemViolation", ViolationSchema());
  Json security_schemes = Json::Object().Set(
      "bearerAuth",
      Json::Object()
          .Set("type", "http")
          .Set("scheme", "bearer")
          .Set("description",
               "A valore token, as `valore token create` prints it; the "
               "gateway passes it to the services as is."));
  Json security = Json::Array();
  security.Append(Json::Object().Set("bearerAuth", Json::Array()));

  return Json::Object()
      .Set("openapi", "3.0.3")
      .Set("info", std::move(info))
      .Set("servers", std::move(servers))
      .Set("security", std::move(security))
      .Set("tags", std::move(parts.tags))
      .Set("paths", std::move(paths))
      .Set("components",
           Json::Object()
               .Set("schemas", std::move(parts.schemas))
               .Set("responses", ComponentResponses())
               .Set("headers", Headers())
               .Set("securitySchemes", std::move(security_schemes)));
}

}  // namespace valore::openapi
