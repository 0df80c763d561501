// The services as one signed-in person calls them from the web app: every
// call goes through the gateway's routing with that person's own bearer
// token and a deadline, so a page can never do more than its reader may.
#ifndef VALORE_SERVICES_WEB_SERVICE_CALLS_H_
#define VALORE_SERVICES_WEB_SERVICE_CALLS_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/gateway.h"
#include "valore/v1/aggregation.grpc.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::web {

class ServiceCalls {
 public:
  ServiceCalls(const gateway::Gateway& gateway, std::string authorization,
               absl::Time deadline)
      : gateway_(gateway),
        authorization_(std::move(authorization)),
        deadline_(deadline) {}

  template <typename Response, typename Request>
  absl::StatusOr<Response> Catalog(absl::string_view method,
                                   const Request& request) const {
    return Call<Response>(Service(v1::CatalogService::service_full_name()),
                          method, request);
  }
  template <typename Response, typename Request>
  absl::StatusOr<Response> Capture(absl::string_view method,
                                   const Request& request) const {
    return Call<Response>(Service(v1::CaptureService::service_full_name()),
                          method, request);
  }
  // The bytes of an aggregation answer, for a page that keeps what it made
  // of them (a report read again and again).
  template <typename Request>
  absl::StatusOr<std::string> AggregationBytes(absl::string_view method,
                                               const Request& request) const {
    const google::protobuf::MethodDescriptor* found =
        Method(Service(v1::AggregationService::service_full_name()), method);
    if (found == nullptr) {
      return absl::InternalError(absl::StrCat("no method ", method));
    }
    return gateway_.CallForBytes(*found, request, authorization_, deadline_);
  }
  template <typename Response, typename Request>
  absl::StatusOr<Response> Aggregation(absl::string_view method,
                                       const Request& request) const {
    return Call<Response>(Service(v1::AggregationService::service_full_name()),
                          method, request);
  }

 private:
  static const google::protobuf::ServiceDescriptor* Service(
      const char* full_name) {
    return google::protobuf::DescriptorPool::generated_pool()
        ->FindServiceByName(full_name);
  }
  static const google::protobuf::MethodDescriptor* Method(
      const google::protobuf::ServiceDescriptor* service,
      absl::string_view method) {
    return service == nullptr ? nullptr
                              : service->FindMethodByName(std::string(method));
  }
  template <typename Response, typename Request>
  absl::StatusOr<Response> Call(
      const google::protobuf::ServiceDescriptor* service,
      absl::string_view method, const Request& request) const {
    const google::protobuf::MethodDescriptor* found = Method(service, method);
    if (found == nullptr) {
      return absl::InternalError(absl::StrCat("no method ", method));
    }
    Response response;
    absl::Status status =
        gateway_.Call(*found, request, authorization_, deadline_, &response);
    if (!status.ok()) return status;
    return response;
  }

  const gateway::Gateway& gateway_;
  const std::string authorization_;
  const absl::Time deadline_;
};

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_SERVICE_CALLS_H_
