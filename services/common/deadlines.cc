#include "services/common/deadlines.h"

#include "absl/time/clock.h"

namespace valore {

absl::Time DependencyDeadline(const grpc::ServerContextBase& context,
                              absl::Duration max) {
  const absl::Time now = absl::Now();
  const absl::Time caller = absl::FromChrono(context.deadline());
  const absl::Time ours = now + max;
  if (caller >= ours) return ours;
  return now + (caller - now) * 9 / 10;
}

}  // namespace valore
