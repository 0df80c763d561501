// The server side of VersionWatchService (watch.proto): a service whose data
// others build on (catalog, capture) tells each watcher its version, and
// holds the acknowledgement of a write until every watcher knows of it. That
// is what lets aggregation answer a cached report without asking whether it
// is still current, and still never answer one that misses an acknowledged
// write.
#ifndef VALORE_SERVICES_COMMON_VERSION_WATCH_HUB_H_
#define VALORE_SERVICES_COMMON_VERSION_WATCH_HUB_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/auth.h"
#include "services/common/token_store.h"
#include "valore/v1/watch.grpc.pb.h"

namespace valore {

// 64 random bits in hex, new at every opening of a store: the first part of
// a version, so that no version repeats across restarts or instances.
std::string NewInstanceId();

class VersionWatchHub final : public v1::VersionWatchService::CallbackService {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    // How long a watcher may trust a version without another message; it
    // stops at half of it. A write waits at most about ack_timeout + lease
    // for a watcher that has stopped answering.
    absl::Duration lease = absl::Seconds(2);
    // A watcher that has not acknowledged a version this long after it was
    // sent is dropped.
    absl::Duration ack_timeout = absl::Seconds(1);
  };

  // `version` gives the service's version now (an etag); it is called with
  // the hub's lock held and must not call back into the hub. `tokens` judges
  // who may watch (any principal; null in insecure mode).
  VersionWatchHub(std::function<std::string()> version,
                  const TokenStore* tokens, Options options);
  explicit VersionWatchHub(std::function<std::string()> version,
                           const TokenStore* tokens = nullptr)
      : VersionWatchHub(std::move(version), tokens, Options()) {}
  // Close() first, and stop the server, so that no watch is left.
  ~VersionWatchHub() override;

  grpc::ServerBidiReactor<v1::WatchAck, v1::VersionChange>* WatchVersion(
      grpc::CallbackServerContext* context) override;

  // After a write has committed: sends the version now to every watcher,
  // and returns once each has acknowledged it, or has gone and can trust
  // nothing any more (its lease has run out).
  void Publish() ABSL_LOCKS_EXCLUDED(mu_);

  // Ends every watch and refuses new ones (before the server drains).
  void Close() ABSL_LOCKS_EXCLUDED(mu_);

  // Watchers connected now.
  size_t watchers() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  class Reactor;
  // One watcher, as the hub keeps it; outlives its stream until its lease
  // has run out, so that a write waiting on it can tell.
  struct Watcher {
    Reactor* reactor = nullptr;  // null once the stream is done
    uint64_t sent = 0;           // the last sequence sent
    uint64_t acked = 0;          // the last sequence acknowledged
    Clock::time_point last_sent;
    // Sequences sent and not yet acknowledged, with when.
    std::deque<std::pair<uint64_t, Clock::time_point>> unacked;
    bool dropped = false;  // no more messages go to it
  };

  void Add(Reactor* reactor) ABSL_LOCKS_EXCLUDED(mu_);
  void Acked(Reactor* reactor, uint64_t sequence) ABSL_LOCKS_EXCLUDED(mu_);
  void Gone(Reactor* reactor) ABSL_LOCKS_EXCLUDED(mu_);
  // Sends the version now to `w` with the next sequence; the sequence.
  uint64_t SendLocked(Watcher& w, Clock::time_point now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Whether `w` knows of `sequence`, or can no longer trust anything.
  bool SettledLocked(const Watcher& w, uint64_t sequence,
                     Clock::time_point now) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Heartbeats, acknowledgement timeouts and forgetting expired watchers.
  void Tick() ABSL_LOCKS_EXCLUDED(mu_);

  const std::function<std::string()> version_;
  const TokenStore* const tokens_;
  const Clock::duration lease_;
  const Clock::duration ack_timeout_;
  mutable absl::Mutex mu_;
  absl::CondVar changed_;  // acknowledgements, drops, ticks
  absl::CondVar stop_;
  std::vector<std::shared_ptr<Watcher>> watchers_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread ticker_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_VERSION_WATCH_HUB_H_
