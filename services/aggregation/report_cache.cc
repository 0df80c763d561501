#include "services/aggregation/report_cache.h"

#include <algorithm>
#include <utility>

#include "services/common/deadlines.h"

namespace valore::aggregation {

std::shared_ptr<const ReportCache::Entry> ReportCache::Find(
    const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

std::shared_ptr<const ReportCache::Entry> ReportCache::Ask(
    const std::string& key, bool* asked_before) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    *asked_before = true;
    return it->second;
  }
  *asked_before = !asked_.insert(key).second;
  // Bounded: a sweep over thousands of entities must not grow it.
  if (asked_.size() > 4 * kMaxEntries) asked_.clear();
  return nullptr;
}

void ReportCache::Keep(const std::string& key,
                       std::shared_ptr<const Entry> entry, bool asked_before) {
  // A report asked once (one of a sweep over every entity) is not worth
  // keeping, nor one that cannot be revalidated.
  if (!asked_before || entry->catalog_etag.empty() ||
      entry->bytes.size() > kMaxEntryBytes ||
      std::any_of(entry->versions.begin(), entry->versions.end(),
                  [](const CaptureEtags& v) { return v.empty(); })) {
    return;
  }
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(entry);
}

void ReportCache::Forget(const std::string& key,
                         const std::shared_ptr<const Entry>& entry) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second == entry) {
    entries_.erase(it);
    asked_.insert(key);
  }
}

void ReportCache::Revalidate(const Entry& entry, Period period, int64_t as_of,
                             absl::Time deadline,
                             std::function<void(bool unchanged)> done) {
  if (sources_->WatchedUnchanged(entry.catalog_watch, entry.entities,
                                 entry.versions)) {
    watched_hits_.Increment();
    done(true);
    return;
  }
  sources_->RevalidateAsync(
      entry.catalog_etag,
      entry.periods.empty() ? std::vector<Period>{period, period.Previous(),
                                                  period.SameHalfLastYear()}
                            : entry.periods,
      as_of, entry.entities, entry.versions,
      ShareOfTimeLeft(deadline, kRevalidationShare), std::move(done));
}

}  // namespace valore::aggregation
