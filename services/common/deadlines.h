// How long a service may wait, for another service or for one step of a
// call, on behalf of its caller: every share of a caller's time is chosen
// here.
#ifndef VALORE_SERVICES_COMMON_DEADLINES_H_
#define VALORE_SERVICES_COMMON_DEADLINES_H_

#include <grpcpp/grpcpp.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace valore {

// A share of the time left before a deadline, as a fraction.
struct TimeShare {
  int numerator;
  int denominator;
};

// A call to a dependency gets nine tenths of the caller's time, so that our
// answer (UNAVAILABLE naming the dependency) reaches the caller before its
// deadline fires.
inline constexpr TimeShare kDependencyShare = {9, 10};
// Revalidating a cached report gets half: if a service does not answer, the
// report is built (and its error named) in the time left.
inline constexpr TimeShare kRevalidationShare = {1, 2};
// A partial report's reads get six tenths: they may wait for a capture
// service that is gone, and the report must still be answered in time.
inline constexpr TimeShare kPartialReadShare = {6, 10};

// `now` plus `share` of the time left before `deadline`; `deadline` itself
// when it is already past (or infinite: the share of no bound is none).
absl::Time ShareOfTimeLeft(absl::Time deadline, TimeShare share,
                           absl::Time now = absl::Now());

// The deadline of a call made on behalf of `context`: kDependencyShare of
// the caller's time left, and never later than `max` from now (a caller
// without a deadline waits that long at most).
absl::Time DependencyDeadline(const grpc::ServerContextBase& context,
                              absl::Duration max);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_DEADLINES_H_
