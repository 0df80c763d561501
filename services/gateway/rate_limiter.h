// A per-caller request budget in fixed windows: `limit` requests per
// `window`, the window starting at the caller's first request in it. What
// the X-RateLimit-* headers report, and what turns a request into a 429.
#ifndef VALORE_SERVICES_GATEWAY_RATE_LIMITER_H_
#define VALORE_SERVICES_GATEWAY_RATE_LIMITER_H_

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace valore::gateway {

struct RateDecision {
  bool allowed = true;
  int64_t limit = 0;
  int64_t remaining = 0;
  // Whole seconds until the caller's window ends (at least 1).
  int64_t reset_seconds = 0;
};

class RateLimiter {
 public:
  // limit 0 lets every request through (the headers then say 0).
  RateLimiter(int64_t limit, absl::Duration window);

  // Counts one request of `caller` at `now`.
  RateDecision Take(absl::string_view caller, absl::Time now);

 private:
  struct Window {
    absl::Time start;
    int64_t used = 0;
  };
  // Forgets callers whose window has ended, so idle callers cost nothing.
  void ForgetEnded(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const int64_t limit_;
  const absl::Duration window_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Window> windows_ ABSL_GUARDED_BY(mutex_);
  absl::Time next_sweep_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_RATE_LIMITER_H_
