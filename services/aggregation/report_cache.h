// Reports kept by question (period, scope, as_of, allow_partial) while what
// they were built from does not change: the catalog version, the values of
// their three periods at each capture service, and the local database. A
// question is kept from the second time it is asked, and every answer from
// the cache is revalidated first, in one way (Revalidate): by the version
// watches while they may be trusted, else by conditional calls.
#ifndef VALORE_SERVICES_AGGREGATION_REPORT_CACHE_H_
#define VALORE_SERVICES_AGGREGATION_REPORT_CACHE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "services/aggregation/sources.h"

namespace valore::aggregation {

class ReportCache {
 public:
  // A report with what it was built from.
  struct Entry {
    std::string catalog_etag;
    // The catalog's version as its watch told it before the catalog was
    // read; empty when the watch could not be trusted then.
    std::string catalog_watch;
    // Of the report's period, the one before and the same one a year
    // before: the capture services' etags.
    std::vector<CaptureEtags> versions;
    // The periods of `versions`, in order, when the report read more than
    // those three (a first half's forecast reads earlier years); empty for
    // the three.
    std::vector<Period> periods;
    std::vector<std::string> entities;
    // The local database's sequence (validated outcomes, published
    // figures).
    uint64_t local = 0;
    std::string bytes;  // the report, serialized
  };
  static constexpr size_t kMaxEntries = 64;
  static constexpr size_t kMaxEntryBytes = 8 << 20;

  // `sources` must outlive the cache.
  // `watched_hits` counts the revalidations the version watches answered.
  explicit ReportCache(Sources* sources, CounterRef watched_hits = {})
      : sources_(sources), watched_hits_(watched_hits) {}

  // The entry kept for `key`, or null.
  std::shared_ptr<const Entry> Find(const std::string& key);
  // The same, noting that `key` was asked; `*asked_before` tells whether it
  // was asked before (kept or not).
  std::shared_ptr<const Entry> Ask(const std::string& key, bool* asked_before);
  // Keeps `entry` for `key`, when it is worth keeping: asked before, small
  // enough, and every input versioned.
  void Keep(const std::string& key, std::shared_ptr<const Entry> entry,
            bool asked_before);
  // Forgets `entry` of `key`, found stale; `key` stays asked, so the report
  // built again is kept.
  void Forget(const std::string& key,
              const std::shared_ptr<const Entry>& entry);

  // The one revalidation of an entry: whether its catalog and the values of
  // its three periods are as they were. Told by the version watches when
  // they may be trusted (`done` runs at once, no call made), else asked.
  // `done` may run on another thread.
  void Revalidate(const Entry& entry, Period period, int64_t as_of,
                  absl::Time deadline,
                  std::function<void(bool unchanged)> done);

 private:
  Sources* sources_;
  const CounterRef watched_hits_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const Entry>> entries_
      ABSL_GUARDED_BY(mu_);
  // Keys asked and not kept yet.
  absl::flat_hash_set<std::string> asked_ ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_REPORT_CACHE_H_
