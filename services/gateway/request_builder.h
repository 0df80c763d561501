// One HTTP request as the gRPC request of its route (AIP-127): the path's
// variables, then the body (the whole request for body "*", or one field),
// then every other field from the query string.
#ifndef VALORE_SERVICES_GATEWAY_REQUEST_BUILDER_H_
#define VALORE_SERVICES_GATEWAY_REQUEST_BUILDER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "services/gateway/route_table.h"

namespace valore::gateway {

// Query parameters in the order sent; a repeated field repeats its name.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;

// INVALID_ARGUMENT naming the field and the value: MALFORMED_BODY for a body
// that is not the request's JSON, INVALID_FIELD for a query parameter that
// is no field of the request (or one the body carries), a value of the wrong
// type, or a body that contradicts the path.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(
    const RouteMatch& match, const QueryParameters& query,
    absl::string_view body);

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_REQUEST_BUILDER_H_
