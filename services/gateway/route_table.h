// The gateway's routes, read at start-up from the google.api.http rules of
// the services it fronts: no handler is written per method.
#ifndef VALORE_SERVICES_GATEWAY_ROUTE_TABLE_H_
#define VALORE_SERVICES_GATEWAY_ROUTE_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/gateway/path_template.h"

namespace valore::gateway {

struct Route {
  std::string http_method;  // "GET", "POST", "PUT", "PATCH", "DELETE"
  PathTemplate path;
  // The URL as OpenAPI writes it ("/v1/entities/{entity}"): the route's
  // label in logs and metrics, free of ids.
  std::string url_template;
  // "" (no body: every unbound field comes from the query), "*" (the whole
  // request but the path's fields) or the name of one request field.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;
};

struct RouteMatch {
  const Route* route = nullptr;
  FieldBindings bindings;
};

class RouteTable {
 public:
  // The routes of every method of `services` (full names, e.g.
  // "valore.v1.CatalogService") in the generated descriptor pool. A method
  // without a rule has no route; a rule the gateway cannot serve fails here,
  // naming the method.
  static absl::StatusOr<RouteTable> FromServices(
      const std::vector<std::string>& services);

  // The route of `http_method` whose template matches `segments` (the URL
  // path after the base path), the most specific first. NOT_FOUND when no
  // template matches; when only other methods' do, FAILED_PRECONDITION whose
  // message is the comma-separated list of those methods (for Allow).
  absl::StatusOr<RouteMatch> Match(
      absl::string_view http_method,
      const std::vector<std::string>& segments) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_ROUTE_TABLE_H_
