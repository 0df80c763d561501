// The client side of VersionWatchService (watch.proto): one watch on one
// server, kept open on a thread of its own, established again after the
// server restarts or the link is cut, and acknowledging every version it
// receives. It tells the server's version only while it may be trusted:
// within half the lease of the last message.
#ifndef VALORE_SERVICES_COMMON_VERSION_WATCH_H_
#define VALORE_SERVICES_COMMON_VERSION_WATCH_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "valore/v1/watch.grpc.pb.h"

namespace valore {

class VersionWatch {
 public:
  // Starts watching at once.
  explicit VersionWatch(std::shared_ptr<grpc::Channel> channel);
  // Stops trusting, ends the watch (telling the server so, which spares its
  // writers the wait for the lease) and joins the thread.
  ~VersionWatch();
  VersionWatch(const VersionWatch&) = delete;
  VersionWatch& operator=(const VersionWatch&) = delete;

  // The server's version if it may be trusted now; empty otherwise.
  std::string Trusted() const ABSL_LOCKS_EXCLUDED(mu_);
  // Waits up to `timeout` for a version that may be trusted; it or empty.
  std::string WaitTrusted(absl::Duration timeout) const
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  class Reactor;
  using Clock = std::chrono::steady_clock;

  void Run();
  // From the reactor: a version received (and about to be acknowledged).
  void Apply(const v1::VersionChange& change) ABSL_LOCKS_EXCLUDED(mu_);
  void Untrust() ABSL_LOCKS_EXCLUDED(mu_);

  std::unique_ptr<v1::VersionWatchService::Stub> stub_;
  mutable absl::Mutex mu_;
  std::string etag_ ABSL_GUARDED_BY(mu_);
  Clock::time_point trusted_until_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  Reactor* reactor_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::thread thread_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_VERSION_WATCH_H_
