#include "services/common/version_watch_hub.h"

#include <algorithm>
#include <limits>
#include <random>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"

namespace valore {

std::string NewInstanceId() {
  std::random_device random;
  const uint64_t bits = (static_cast<uint64_t>(random()) << 32) ^ random();
  return absl::StrCat(absl::Hex(bits, absl::kZeroPad16));
}

// One watch stream: one write in flight at a time, later versions replacing
// one that waits (only the newest matters), acknowledgements read in a loop.
class VersionWatchHub::Reactor final
    : public grpc::ServerBidiReactor<v1::WatchAck, v1::VersionChange> {
 public:
  Reactor(VersionWatchHub* hub, grpc::CallbackServerContext* context)
      : hub_(hub), context_(context) {}

  // Admits the watcher, or finishes at once with why not.
  void Start(const grpc::Status& admitted) {
    if (!admitted.ok()) {
      Drop(admitted);
      return;
    }
    StartRead(&ack_);
    hub_->Add(this);
  }

  // Called with the hub's lock held.
  void Send(v1::VersionChange change) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    if (finishing_) return;
    if (writing_) {
      pending_ = std::move(change);
      has_pending_ = true;
      return;
    }
    writing_ = true;
    out_ = std::move(change);
    StartWrite(&out_);
  }

  void Drop(const grpc::Status& status) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    if (finishing_) return;
    finishing_ = true;
    // gRPC wants no write in flight at Finish: the last write finishes it.
    if (writing_) {
      finish_status_ = status;
      finish_after_write_ = true;
    } else {
      Finish(status);
    }
  }

  void OnReadDone(bool ok) override {
    if (ok) {
      hub_->Acked(this, ack_.sequence());
      StartRead(&ack_);
      return;
    }
    // The client closed its side: a client that ends its watch has stopped
    // trusting it first (a cancelled call proves nothing of the kind).
    released_ = !context_->IsCancelled();
    Drop(grpc::Status::OK);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    if (finish_after_write_) {
      finish_after_write_ = false;
      Finish(finish_status_);
      return;
    }
    if (!ok || finishing_ || !has_pending_) {
      writing_ = false;
      return;
    }
    out_ = std::move(pending_);
    has_pending_ = false;
    StartWrite(&out_);
  }

  void OnCancel() override { Drop(grpc::Status::CANCELLED); }

  void OnDone() override {
    hub_->Gone(this);
    delete this;
  }

  bool released() const { return released_; }

 private:
  VersionWatchHub* const hub_;
  grpc::CallbackServerContext* const context_;
  v1::WatchAck ack_;
  bool released_ = false;  // set before Drop, read after Finish
  absl::Mutex mu_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finishing_ ABSL_GUARDED_BY(mu_) = false;
  bool finish_after_write_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status finish_status_ ABSL_GUARDED_BY(mu_);
  v1::VersionChange out_ ABSL_GUARDED_BY(mu_);
  v1::VersionChange pending_ ABSL_GUARDED_BY(mu_);
  bool has_pending_ ABSL_GUARDED_BY(mu_) = false;
};

namespace {

std::chrono::steady_clock::duration ToClock(absl::Duration d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      absl::ToChronoNanoseconds(d));
}

}  // namespace

VersionWatchHub::VersionWatchHub(std::function<std::string()> version,
                                 const TokenStore* tokens, Options options)
    : version_(std::move(version)),
      tokens_(tokens),
      lease_(ToClock(options.lease)),
      ack_timeout_(ToClock(options.ack_timeout)) {
  ticker_ = std::thread([this] {
    for (;;) {
      {
        absl::MutexLock lock(&mu_);
        stop_.WaitWithTimeout(&mu_, absl::FromChrono(lease_ / 8));
        if (stopping_) return;
      }
      Tick();
    }
  });
}

VersionWatchHub::~VersionWatchHub() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    stop_.SignalAll();
  }
  ticker_.join();
}

grpc::ServerBidiReactor<v1::WatchAck, v1::VersionChange>*
VersionWatchHub::WatchVersion(grpc::CallbackServerContext* context) {
  auto* reactor = new Reactor(this, context);
  grpc::Status admitted = grpc::Status::OK;
  if (tokens_ != nullptr) {
    // Any principal may watch: a version tells no more than the etag of a
    // read does.
    absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, "");
    if (!p.ok()) admitted = ToGrpcStatus(p.status());
  }
  {
    absl::MutexLock lock(&mu_);
    if (admitted.ok() && closed_) {
      admitted = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                              "the server is shutting down");
    }
  }
  reactor->Start(admitted);
  return reactor;
}

void VersionWatchHub::Add(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  auto w = std::make_shared<Watcher>();
  w->reactor = reactor;
  // Registered and told the version under one lock: a write that committed
  // before is in this version, one that publishes after waits for this
  // watcher.
  SendLocked(*w, Clock::now());
  watchers_.push_back(std::move(w));
}

uint64_t VersionWatchHub::SendLocked(Watcher& w, Clock::time_point now) {
  v1::VersionChange change;
  change.set_etag(version_());
  change.set_sequence(++w.sent);
  const absl::Duration lease = absl::FromChrono(lease_);
  change.mutable_lease()->set_seconds(absl::ToInt64Seconds(lease));
  change.mutable_lease()->set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(lease % absl::Seconds(1))));
  w.last_sent = now;
  w.unacked.emplace_back(w.sent, now);
  w.reactor->Send(std::move(change));
  return w.sent;
}

void VersionWatchHub::Acked(Reactor* reactor, uint64_t sequence) {
  absl::MutexLock lock(&mu_);
  for (const auto& w : watchers_) {
    if (w->reactor != reactor) continue;
    // A client cannot acknowledge what it was not sent.
    w->acked = std::max(w->acked, std::min(sequence, w->sent));
    while (!w->unacked.empty() && w->unacked.front().first <= w->acked) {
      w->unacked.pop_front();
    }
    break;
  }
  changed_.SignalAll();
}

void VersionWatchHub::Gone(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  for (auto it = watchers_.begin(); it != watchers_.end(); ++it) {
    if ((*it)->reactor != reactor) continue;
    const bool dropped_here = (*it)->dropped;
    (*it)->reactor = nullptr;
    (*it)->dropped = true;
    // A client that ended its watch itself trusts nothing any more; one this
    // hub dropped may not have heard yet, and keeps its lease.
    if (reactor->released() && !dropped_here) watchers_.erase(it);
    break;
  }
  changed_.SignalAll();
}

bool VersionWatchHub::SettledLocked(const Watcher& w, uint64_t sequence,
                                    Clock::time_point now) const {
  return (!w.dropped && w.acked >= sequence) ||
         (w.dropped && now >= w.last_sent + lease_);
}

void VersionWatchHub::Publish() {
  absl::MutexLock lock(&mu_);
  const Clock::time_point now = Clock::now();
  std::vector<std::pair<std::shared_ptr<Watcher>, uint64_t>> waits;
  for (const auto& w : watchers_) {
    const uint64_t sequence =
        w->dropped ? std::numeric_limits<uint64_t>::max() : SendLocked(*w, now);
    if (!SettledLocked(*w, sequence, now)) waits.emplace_back(w, sequence);
  }
  for (;;) {
    const Clock::time_point at = Clock::now();
    waits.erase(std::remove_if(waits.begin(), waits.end(),
                               [&](const auto& wait) {
                                 return SettledLocked(*wait.first, wait.second,
                                                      at);
                               }),
                waits.end());
    if (waits.empty()) return;
    // Woken by acknowledgements; the ticker drops the silent and the
    // timeout notices leases running out.
    changed_.WaitWithTimeout(&mu_, absl::FromChrono(lease_ / 8));
  }
}

void VersionWatchHub::Tick() {
  absl::MutexLock lock(&mu_);
  const Clock::time_point now = Clock::now();
  for (const auto& w : watchers_) {
    if (w->dropped) continue;
    if (!w->unacked.empty() && now - w->unacked.front().second > ack_timeout_) {
      w->dropped = true;
      w->reactor->Drop(grpc::Status(
          grpc::StatusCode::UNAVAILABLE,
          "watch: a version was not acknowledged in time; watch again"));
      continue;
    }
    if (now - w->last_sent >= lease_ / 4) SendLocked(*w, now);
  }
  // A watcher gone, whose lease has run out, is of no more concern.
  watchers_.erase(std::remove_if(watchers_.begin(), watchers_.end(),
                                 [&](const std::shared_ptr<Watcher>& w) {
                                   return w->reactor == nullptr &&
                                          now >= w->last_sent + lease_;
                                 }),
                  watchers_.end());
  changed_.SignalAll();
}

void VersionWatchHub::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
  for (const auto& w : watchers_) {
    if (w->dropped) continue;
    w->dropped = true;
    w->reactor->Drop(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                  "the server is shutting down"));
  }
  changed_.SignalAll();
}

size_t VersionWatchHub::watchers() const {
  absl::MutexLock lock(&mu_);
  return std::count_if(
      watchers_.begin(), watchers_.end(),
      [](const std::shared_ptr<Watcher>& w) { return !w->dropped; });
}

}  // namespace valore
