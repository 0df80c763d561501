#include "services/common/version_watch.h"

#include <algorithm>
#include <utility>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace valore {

// One watch call: reads versions, acknowledges each (one write in flight at
// a time, the newest acknowledgement replacing one that waits).
class VersionWatch::Reactor final
    : public grpc::ClientBidiReactor<v1::WatchAck, v1::VersionChange> {
 public:
  Reactor(VersionWatch* owner, v1::VersionWatchService::Stub* stub)
      : owner_(owner), stub_(stub) {}

  void Begin() ABSL_LOCKS_EXCLUDED(mu_) {
    {
      absl::MutexLock lock(&mu_);
      if (stop_requested_) {
        done_.Notify();
        return;
      }
      started_ = true;
    }
    stub_->async()->WatchVersion(&context_, this);
    // Stop writes from outside the reactions: the hold keeps the call's
    // stream alive until the last read has failed (OnReadDone), so that it
    // never writes to a stream gRPC has already freed.
    AddHold();
    StartRead(&in_);
    StartCall();
  }

  // Ends the call from this side: the server learns that this client has
  // stopped trusting it.
  void Stop() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    stop_requested_ = true;
    if (!started_ || ended_ || writes_done_ || writing_) {
      return;  // see OnWriteDone
    }
    writes_done_ = true;
    StartWritesDone();
  }

  void Cancel() { context_.TryCancel(); }

  bool AwaitDone(absl::Duration timeout) {
    return done_.WaitForNotificationWithTimeout(timeout);
  }
  bool received_any() const { return received_any_; }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // The call has ended: one read is always pending, so this comes once.
      owner_->Untrust();
      {
        absl::MutexLock lock(&mu_);
        ended_ = true;
      }
      RemoveHold();
      return;
    }
    received_any_ = true;
    owner_->Apply(in_);
    Ack(in_.sequence());
    StartRead(&in_);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    if (ok && has_pending_ && !stop_requested_) {
      out_.set_sequence(pending_);
      has_pending_ = false;
      StartWrite(&out_);
      return;
    }
    writing_ = false;
    if (stop_requested_ && !writes_done_) {
      writes_done_ = true;
      StartWritesDone();
    }
  }

  void OnDone(const grpc::Status&) override {
    owner_->Untrust();
    done_.Notify();
  }

 private:
  void Ack(uint64_t sequence) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    if (stop_requested_) return;
    if (writing_) {
      pending_ = sequence;
      has_pending_ = true;
      return;
    }
    writing_ = true;
    out_.set_sequence(sequence);
    StartWrite(&out_);
  }

  VersionWatch* const owner_;
  v1::VersionWatchService::Stub* const stub_;
  grpc::ClientContext context_;
  v1::VersionChange in_;
  bool received_any_ = false;
  absl::Notification done_;
  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool writes_done_ ABSL_GUARDED_BY(mu_) = false;
  // The last read has failed and the hold is gone: Stop must not write.
  bool ended_ ABSL_GUARDED_BY(mu_) = false;
  v1::WatchAck out_ ABSL_GUARDED_BY(mu_);
  uint64_t pending_ ABSL_GUARDED_BY(mu_) = 0;
  bool has_pending_ ABSL_GUARDED_BY(mu_) = false;
};

VersionWatch::VersionWatch(std::shared_ptr<grpc::Channel> channel)
    : stub_(v1::VersionWatchService::NewStub(std::move(channel))) {
  thread_ = std::thread([this] { Run(); });
}

VersionWatch::~VersionWatch() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    etag_.clear();
    trusted_until_ = Clock::time_point::min();
    if (reactor_ != nullptr) reactor_->Stop();
  }
  thread_.join();
}

void VersionWatch::Run() {
  // A server that is down, or offers no watch (an older version), is asked
  // again less and less often; one that served is asked again at once.
  constexpr absl::Duration kFirstBackoff = absl::Milliseconds(50);
  constexpr absl::Duration kMaxBackoff = absl::Seconds(2);
  absl::Duration backoff = kFirstBackoff;
  for (;;) {
    auto reactor = std::make_unique<Reactor>(this, stub_.get());
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      reactor_ = reactor.get();
    }
    reactor->Begin();
    bool stopping = false;
    while (!reactor->AwaitDone(absl::Milliseconds(200))) {
      absl::MutexLock lock(&mu_);
      // A server that does not end the call when told gets cut off.
      if (stopping_ && stopping) reactor->Cancel();
      stopping = stopping_;
    }
    {
      absl::MutexLock lock(&mu_);
      reactor_ = nullptr;
    }
    backoff = reactor->received_any() ? kFirstBackoff
                                      : std::min(backoff * 2, kMaxBackoff);
    reactor.reset();
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), backoff);
    if (stopping_) return;
  }
}

void VersionWatch::Apply(const v1::VersionChange& change) {
  const absl::Duration lease = absl::Seconds(change.lease().seconds()) +
                               absl::Nanoseconds(change.lease().nanos());
  absl::MutexLock lock(&mu_);
  if (stopping_) return;
  etag_ = change.etag();
  // Half the lease: the server waits the whole lease for a watcher that
  // has gone before it acknowledges a write without it.
  trusted_until_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      absl::ToChronoNanoseconds(lease / 2));
}

void VersionWatch::Untrust() {
  absl::MutexLock lock(&mu_);
  etag_.clear();
  trusted_until_ = Clock::time_point::min();
}

std::string VersionWatch::Trusted() const {
  absl::MutexLock lock(&mu_);
  return Clock::now() < trusted_until_ ? etag_ : std::string();
}

std::string VersionWatch::WaitTrusted(absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    std::string etag = Trusted();
    if (!etag.empty() || absl::Now() >= deadline) return etag;
    absl::SleepFor(absl::Milliseconds(5));
  }
}

}  // namespace valore
