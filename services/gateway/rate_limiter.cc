#include "services/gateway/rate_limiter.h"

#include <algorithm>

namespace valore::gateway {

RateLimiter::RateLimiter(int64_t limit, absl::Duration window)
    : limit_(limit), window_(window) {}

RateDecision RateLimiter::Take(absl::string_view caller, absl::Time now) {
  RateDecision decision;
  decision.limit = limit_;
  if (limit_ <= 0) {
    decision.reset_seconds = 0;
    return decision;
  }
  absl::MutexLock lock(&mutex_);
  if (now >= next_sweep_) {
    ForgetEnded(now);
    next_sweep_ = now + window_;
  }
  Window& window = windows_[caller];
  if (window.used == 0 || now >= window.start + window_) {
    window.start = now;
    window.used = 0;
  }
  decision.allowed = window.used < limit_;
  if (decision.allowed) ++window.used;
  decision.remaining = limit_ - window.used;
  decision.reset_seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(
             absl::Ceil(window.start + window_ - now, absl::Seconds(1))));
  return decision;
}

void RateLimiter::ForgetEnded(absl::Time now) {
  absl::erase_if(windows_, [&](const auto& entry) {
    return now >= entry.second.start + window_;
  });
}

}  // namespace valore::gateway
