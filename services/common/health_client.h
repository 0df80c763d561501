// A grpc.health.v1 Check without the health proto (Debian ships none): the
// request is the empty message and the reply carries the status in field 1.
#ifndef VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_
#define VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace valore {

// OK when the server answers SERVING within `timeout`.
absl::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         absl::Duration timeout);

// Retries CheckHealth until it succeeds or `timeout` passes.
absl::Status WaitUntilServing(const std::shared_ptr<grpc::Channel>& channel,
                              absl::Duration timeout);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_HEALTH_CLIENT_H_
