// A grpc.health.v1 Check without the health proto (Debian ships none): the
// request carries the service name in field 1 and the reply the status in
// field 1.
#ifndef VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_
#define VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace valore {

// grpc.health.v1 HealthCheckResponse.ServingStatus.
enum class ServingStatus {
  kUnknown = 0,
  kServing = 1,
  kNotServing = 2,
  kServiceUnknown = 3,  // sent only by Watch
};

// "SERVING", "NOT_SERVING", ...
const char* ServingStatusName(ServingStatus status);

// What the server behind `channel` reports for `service` ("" is the whole
// server). NOT_FOUND when the server has no status for `service`; the
// call's error (see FromDependency) when it does not answer within
// `timeout`.
absl::StatusOr<ServingStatus> QueryHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout);

// QueryHealth of several servers, all calls in flight together, so that one
// silent server costs `timeout` once, not once per server. The answers are
// in the order of `channels`.
std::vector<absl::StatusOr<ServingStatus>> QueryHealthAll(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& service, absl::Duration timeout);

// OK when the server answers SERVING (for the whole server) within
// `timeout`.
absl::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         absl::Duration timeout);

// Retries CheckHealth until it succeeds or `timeout` passes.
absl::Status WaitUntilServing(const std::shared_ptr<grpc::Channel>& channel,
                              absl::Duration timeout);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_
