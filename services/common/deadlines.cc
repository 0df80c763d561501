#include "services/common/deadlines.h"

namespace valore {

absl::Time ShareOfTimeLeft(absl::Time deadline, TimeShare share,
                           absl::Time now) {
  if (deadline <= now || deadline == absl::InfiniteFuture()) return deadline;
  return now + (deadline - now) * share.numerator / share.denominator;
}

absl::Time DependencyDeadline(const grpc::ServerContextBase& context,
                              absl::Duration max) {
  const absl::Time now = absl::Now();
  const absl::Time caller = absl::FromChrono(context.deadline());
  const absl::Time ours = now + max;
  if (caller >= ours) return ours;
  return ShareOfTimeLeft(caller, kDependencyShare, now);
}

}  // namespace valore
