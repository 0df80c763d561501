// RemoteSources' version watches: whether a cached report's catalog and
// values are unchanged, told without a call while the watches may be
// trusted.
#include <string>
#include <vector>

#include "services/aggregation/sources.h"

namespace valore::aggregation {

std::string RemoteSources::WatchedCatalog() const {
  return catalog_watch_->Trusted();
}

bool RemoteSources::WatchedUnchanged(
    const std::string& catalog_watch, const std::vector<std::string>& entities,
    const std::vector<CaptureEtags>& versions) const {
  if (catalog_watch.empty() || catalog_watch_->Trusted() != catalog_watch) {
    return false;
  }
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty() || groups.empty() || versions.empty()) return false;
  for (const auto& [address, served] : groups) {
    auto watch = capture_watches_.find(address);
    if (watch == capture_watches_.end()) return false;
    const std::string now = watch->second->Trusted();
    if (now.empty()) return false;
    // An etag names the service's whole state: every period read from it
    // is unchanged when it is.
    for (const CaptureEtags& period : versions) {
      auto it = period.find(address);
      if (it == period.end() || it->second != now) return false;
    }
  }
  return true;
}

}  // namespace valore::aggregation
