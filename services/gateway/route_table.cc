#include "services/gateway/route_table.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::gateway {
namespace {

using google::protobuf::MethodDescriptor;

// The method and path of one HttpRule (without its additional bindings).
absl::Status AddRule(const google::api::HttpRule& rule,
                     const MethodDescriptor* method,
                     std::vector<Route>* routes) {
  Route route;
  route.method = method;
  route.body = rule.body();
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET";
      path = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST";
      path = rule.post();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT";
      path = rule.put();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH";
      path = rule.patch();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE";
      path = rule.delete_();
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          method->full_name(), ": its HTTP rule has no supported method"));
  }
  absl::StatusOr<PathTemplate> parsed = ParsePathTemplate(path);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method->full_name(), ": ", parsed.status().message()));
  }
  const google::protobuf::Descriptor* request = method->input_type();
  if (!route.body.empty() && route.body != "*" &&
      request->FindFieldByName(route.body) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(method->full_name(), ": body \"", route.body,
                     "\" is not a field of ", request->full_name()));
  }
  if ((route.http_method == "GET" || route.http_method == "DELETE") &&
      !route.body.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        method->full_name(), ": a ", route.http_method, " takes no body"));
  }
  route.path = *std::move(parsed);
  route.url_template = UrlTemplateOf(route.path).path;
  routes->push_back(std::move(route));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RouteTable> RouteTable::FromServices(
    const std::vector<std::string>& services) {
  // A generated file registers its descriptors only when its code is linked
  // in: naming one message of each keeps them in the binary.
  for (const google::protobuf::Descriptor* linked :
       {v1::GetEntityRequest::descriptor(),
        v1::WriteMeasurementRequest::descriptor(),
        v1::GetReportRequest::descriptor()}) {
    (void)linked;
  }
  RouteTable table;
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    if (service == nullptr) {
      return absl::NotFoundError(absl::StrCat("no service ", name));
    }
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (method->client_streaming()) continue;
      if (!method->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule =
          method->options().GetExtension(google::api::http);
      absl::Status added = AddRule(rule, method, &table.routes_);
      for (const google::api::HttpRule& more : rule.additional_bindings()) {
        if (added.ok()) added = AddRule(more, method, &table.routes_);
      }
      if (!added.ok()) return added;
    }
  }
  // Most specific first: "/v1/catalog/audit-events" before a template with a
  // wildcard in its place.
  std::stable_sort(table.routes_.begin(), table.routes_.end(),
                   [](const Route& a, const Route& b) {
                     return LiteralCount(a.path) > LiteralCount(b.path);
                   });
  return table;
}

absl::StatusOr<RouteMatch> RouteTable::Match(
    absl::string_view http_method,
    const std::vector<std::string>& segments) const {
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    std::optional<FieldBindings> bindings = MatchPath(route.path, segments);
    if (!bindings.has_value()) continue;
    if (route.http_method == http_method) {
      return RouteMatch{&route, *std::move(bindings)};
    }
    if (std::find(allowed.begin(), allowed.end(), route.http_method) ==
        allowed.end()) {
      allowed.push_back(route.http_method);
    }
  }
  if (allowed.empty()) return absl::NotFoundError("no route");
  return absl::FailedPreconditionError(absl::StrJoin(allowed, ", "));
}

}  // namespace valore::gateway
