// Per-service statuses for grpc.health.v1, kept apart from grpc::Server: a
// core reports through a callback before the server exists, and after it
// is gone, without depending on gRPC's server.
//
// What the statuses mean (docs/operations.md, Monitoring): the whole
// server's status "" is gRPC's own, SERVING from start to shutdown — the
// liveness answer, which a server waiting for a peer must keep. Each
// service name ("valore.v1.CaptureService") is the readiness answer:
// SERVING only while that service can do its work.
#ifndef VALORE_SERVICES_COMMON_HEALTH_REPORTER_H_
#define VALORE_SERVICES_COMMON_HEALTH_REPORTER_H_

#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace grpc {
class HealthCheckServiceInterface;
}  // namespace grpc

namespace valore {

class HealthReporter {
 public:
  // `server_name` ("valore-capture") prefixes the log line of each change.
  explicit HealthReporter(std::string server_name);
  HealthReporter(const HealthReporter&) = delete;
  HealthReporter& operator=(const HealthReporter&) = delete;

  // Sets the status of `service`, a full service name. A change is logged
  // (with `why`, when given) and passed on to the attached health service.
  // "" is ignored: the whole server's status stays gRPC's (see above).
  // Thread-safe.
  void SetServing(const std::string& service, bool serving,
                  const std::string& why = "");
  // The status last set; false for a service never set.
  bool IsServing(const std::string& service) const;

  // Applies every status set so far to `health` and passes on later changes
  // until Detach. RunningServer calls both (ServerConfig::health).
  void Attach(grpc::HealthCheckServiceInterface* health);
  // After it returns the health service is not touched again (the server
  // that owns it may be destroyed); statuses are still kept.
  void Detach();

 private:
  const std::string server_name_;
  mutable absl::Mutex mu_;
  std::map<std::string, bool> serving_ ABSL_GUARDED_BY(mu_);
  grpc::HealthCheckServiceInterface* health_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_HEALTH_REPORTER_H_
