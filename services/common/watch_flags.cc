#include "services/common/watch_flags.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

ABSL_FLAG(absl::Duration, watch_lease, absl::Seconds(2),
          "How long a watcher (aggregation) may trust this server's version "
          "without hearing from it; it stops at half, and a write waits at "
          "most about 1.5 times this for a watcher that vanished");

namespace valore {

absl::StatusOr<VersionWatchHub::Options> WatchOptionsFromFlags() {
  VersionWatchHub::Options options;
  options.lease = absl::GetFlag(FLAGS_watch_lease);
  if (options.lease < absl::Milliseconds(100)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--watch_lease: ", absl::FormatDuration(options.lease),
                     " is below the minimum of 100ms"));
  }
  options.ack_timeout = options.lease / 2;
  return options;
}

}  // namespace valore
