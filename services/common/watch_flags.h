// --watch_lease, taken by the servers others watch (catalog, capture).
#ifndef VALORE_SERVICES_COMMON_WATCH_FLAGS_H_
#define VALORE_SERVICES_COMMON_WATCH_FLAGS_H_

#include "absl/status/statusor.h"
#include "services/common/version_watch_hub.h"

namespace valore {

// The version watch's lease from --watch_lease; the acknowledgement timeout
// is half of it. INVALID_ARGUMENT below 100 ms: heartbeats would crowd out
// the work.
absl::StatusOr<VersionWatchHub::Options> WatchOptionsFromFlags();

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_WATCH_FLAGS_H_
