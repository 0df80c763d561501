// Calls to one of the services behind the gateway through grpc::GenericStub:
// the request and response travel as serialized bytes, so one client serves
// every method. Each call carries the HTTP caller's own Authorization
// header, as it came, and the caller's deadline: the gateway adds no
// credential of its own, so it can never widen what a caller may do.
#ifndef VALORE_SERVICES_GATEWAY_BACKEND_H_
#define VALORE_SERVICES_GATEWAY_BACKEND_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "services/common/metrics.h"

namespace valore::gateway {

struct BackendCall {
  // "/valore.v1.CatalogService/GetEntity".
  std::string method;
  // The HTTP Authorization header ("Bearer …"); empty: none.
  std::string authorization;
  absl::Time deadline;
};

class Backend {
 public:
  // `name` ("catalog") names the service in errors; `unavailable` counts
  // the calls it did not answer (dependency errors).
  Backend(std::string name, std::shared_ptr<grpc::Channel> channel,
          CounterRef unavailable = {});

  const std::string& name() const { return name_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // The serialized response, or the service's status with its reason and
  // bad fields. UNAVAILABLE names the service, not its address.
  absl::StatusOr<std::string> Unary(const BackendCall& call,
                                    const std::string& request) const;

  // A server-streaming call: `on_message` gets each serialized message in
  // order; returning false cancels the rest.
  absl::Status ServerStream(
      const BackendCall& call, const std::string& request,
      const std::function<bool(const std::string&)>& on_message) const;

 private:
  std::string name_;
  std::shared_ptr<grpc::Channel> channel_;
  CounterRef unavailable_;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_BACKEND_H_
