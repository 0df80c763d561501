// How long a service may wait for another on behalf of its caller.
#ifndef VALORE_SERVICES_COMMON_DEADLINES_H_
#define VALORE_SERVICES_COMMON_DEADLINES_H_

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"

namespace valore {

// The deadline of a call made on behalf of `context`: a tenth before the
// caller's own deadline, so that our answer (UNAVAILABLE naming the
// dependency) reaches the caller before its deadline fires, and never later
// than `max` from now (a caller without a deadline waits that long at most).
absl::Time DependencyDeadline(const grpc::ServerContextBase& context,
                              absl::Duration max);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_DEADLINES_H_
