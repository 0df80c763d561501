// Wiring shared by the three servers: listening port (0 picks a free one),
// grpc.health.v1 health, server reflection, the call log, message limits,
// Prometheus metrics, and a clean shutdown on SIGINT/SIGTERM.
#ifndef VALORE_SERVICES_COMMON_SERVER_RUNNER_H_
#define VALORE_SERVICES_COMMON_SERVER_RUNNER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/health_reporter.h"
#include "services/common/metrics.h"
#include "services/common/metrics_server.h"

namespace valore {

// Largest request or response, in bytes.
inline constexpr int kMaxMessageBytes = 64 << 20;

struct ServerConfig {
  std::string name;    // "valore-catalog"
  std::string listen;  // "127.0.0.1:0"
  std::vector<grpc::Service*> services;
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // Called on SIGHUP (e.g. to read the token file again); may be empty.
  std::function<void()> on_hangup;
  // Called at Shutdown before the drain, to end the calls that never end by
  // themselves (version watches); may be empty.
  std::function<void()> before_drain;
  // Per-service health statuses, applied to grpc.health.v1 while the server
  // runs (detached at Shutdown, so it may outlive the server); may be null.
  HealthReporter* health = nullptr;
  // Where GET /metrics answers ("HOST:PORT", port 0 picks one); empty: no
  // metrics endpoint, and no gRPC metrics are kept.
  std::string metrics_listen;
  // The server's metrics (its components' counters, storage gauges); the
  // gRPC metrics are added to them. Required with metrics_listen; must
  // outlive the server.
  Metrics* metrics = nullptr;
};

class RunningServer {
 public:
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(
      const ServerConfig& config);
  ~RunningServer();

  // "127.0.0.1:40123": the bound address, with the port chosen.
  const std::string& address() const { return address_; }
  int port() const { return port_; }
  // The bound address of GET /metrics; empty without metrics_listen.
  const std::string& metrics_address() const;
  grpc::Server* server() { return server_.get(); }
  // Stops accepting calls and waits up to `drain_seconds` for running ones.
  void Shutdown(int drain_seconds = 5);

 private:
  RunningServer() = default;
  std::string name_;
  std::string address_;
  std::function<void()> before_drain_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<MetricsServer> metrics_;
  HealthReporter* health_ = nullptr;
  bool shut_down_ = false;
};

// Call first in main(), before any thread starts, so that SIGINT, SIGTERM
// and SIGHUP reach only WaitForSignal.
void BlockShutdownSignals();
// Call in main() too: large blocks (a request of megabytes) go back to the
// system when freed instead of staying with the process.
void ReturnLargeBlocksWhenFreed();
// Call in main() after ReturnLargeBlocksWhenFreed, in a service that frees
// and again allocates megabytes on every request (capture's bulk writes): up
// to `bytes` freed at the top of a heap stays with the process for the next
// request, instead of going back to the system to be faulted in again.
void KeepFreedHeapTopUpTo(int bytes);
// Call in main() too: absl::Mutex skips its lock-order (deadlock) checks,
// as in a release build of Abseil. Debian builds Abseil without NDEBUG, so
// they would otherwise run on every lock; the tests keep them.
void SkipMutexDeadlockChecks();
// Blocks until SIGINT, SIGTERM or SIGHUP; returns the signal number.
int WaitForSignal();

// Starts the server, prints "<name> listening on <address>" on stdout, calls
// on_hangup on each SIGHUP, waits for a shutdown signal, drains and returns
// the process exit code.
int ServeUntilSignal(const ServerConfig& config);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_SERVER_RUNNER_H_
