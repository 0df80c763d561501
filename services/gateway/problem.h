// Errors over HTTP as RFC 7807 problem documents (application/problem+json,
// as the Italian interoperability guidelines ask): the HTTP status from
// google/rpc/code.proto's mapping of the gRPC code, the type from the
// error's reason ("urn:valore:problem:PERIOD_LOCKED"), and the bad fields.
#ifndef VALORE_SERVICES_GATEWAY_PROBLEM_H_
#define VALORE_SERVICES_GATEWAY_PROBLEM_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace valore::gateway {

inline constexpr absl::string_view kProblemContentType =
    "application/problem+json";
inline constexpr absl::string_view kProblemTypePrefix = "urn:valore:problem:";

// google/rpc/code.proto's HTTP mapping: NOT_FOUND 404, UNAVAILABLE 503, ...
int HttpStatusOf(absl::StatusCode code);

// "Not Found", "Service Unavailable", ...
absl::string_view HttpReasonPhrase(int http_status);

// The document for `status` (not OK) at `instance` (the request's path).
// `http_status` 0 takes the code's mapping; the gateway's own refusals that
// code.proto has no status for (405, 415) pass theirs.
std::string ProblemJson(const absl::Status& status, absl::string_view instance,
                        int http_status = 0);

// A successful status document: {"status": 200, "title": "OK", ...}, as
// ModI's status endpoint answers.
std::string OkStatusJson(absl::string_view detail);

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_PROBLEM_H_
