// Watches the servers a service needs through their grpc.health.v1 status,
// so that its own status can tell whether it can work right now.
#ifndef VALORE_SERVICES_COMMON_DEPENDENCY_PROBER_H_
#define VALORE_SERVICES_COMMON_DEPENDENCY_PROBER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace valore {

struct Dependency {
  // How messages name it: "catalog service at 127.0.0.1:7001".
  std::string name;
  std::shared_ptr<grpc::Channel> channel;
};

class DependencyProber {
 public:
  struct Options {
    // Between the end of one round and the start of the next.
    absl::Duration interval = absl::Seconds(1);
    // Bound on each round's checks (they run in parallel); above a first
    // TLS handshake over a slow link, so that a live peer is not taken for
    // a dead one.
    absl::Duration timeout = absl::Seconds(2);
  };
  // Called after every round: `serving` when every dependency answered
  // SERVING for the whole server (""), else `why` names the first that did
  // not. The whole server's status is asked, not a service's: a dependency
  // that is up answers reads even when its own readiness is off (a capture
  // that refuses writes still serves its values).
  using Report = std::function<void(bool serving, const std::string& why)>;

  // Starts at once, on a thread of its own.
  DependencyProber(std::vector<Dependency> dependencies, Options options,
                   Report report);
  // Stop().
  ~DependencyProber();
  DependencyProber(const DependencyProber&) = delete;
  DependencyProber& operator=(const DependencyProber&) = delete;

  // Ends the thread, waiting for a round under way (at most `timeout`);
  // `report` is not called once it returns. Call from one thread only.
  void Stop();

 private:
  void Run();

  const std::vector<Dependency> dependencies_;
  const Options options_;
  const Report report_;
  absl::Notification stop_;
  // Last: started once everything above is set.
  std::thread thread_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_DEPENDENCY_PROBER_H_
