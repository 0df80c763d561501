// The catalog as capture sees it, fetched from CatalogService and cached:
// one view per period asked for, each the catalog version in force for that
// period (the newest version for the empty period). A known name is
// answered from memory; an unknown one triggers at most one refresh of its
// view per interval (ExportCatalog for the view's period with the view's
// etag, so an unchanged version costs one small reply), so new catalog items
// are seen without a restart and a flood of bad names cannot flood the
// catalog.
#ifndef VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_
#define VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_

#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/capture/item_registry.h"
#include "services/common/metrics.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::capture {

class CatalogCache final : public ItemRegistry {
 public:
  struct Options {
    absl::Duration call_timeout = absl::Seconds(5);
    // Of each view: an unknown name asks the catalog again at most this
    // often.
    absl::Duration min_refresh_interval = absl::Milliseconds(500);
    // How old a view's rules of items may be before a write asks the
    // catalog again (one small not-modified answer while nothing changed),
    // so that a re-imported target applies to the next writes.
    absl::Duration max_staleness = absl::Seconds(2);
    // Counts the calls to the catalog that fail; counts nothing by default.
    CounterRef catalog_errors;
  };
  // `address` only names the dependency in error messages.
  CatalogCache(std::shared_ptr<grpc::Channel> channel, std::string address,
               Options options);

  absl::Status CheckEntity(absl::string_view entity, absl::string_view period,
                           absl::Time deadline) override;
  absl::StatusOr<std::shared_ptr<const ItemRule>> Rule(
      absl::string_view item, absl::string_view period,
      absl::Time deadline) override;
  // The view's table of rules, refreshed first when it is stale, as Rule
  // would (the rules known last when the catalog cannot be reached).
  std::shared_ptr<const RuleTable> Rules(absl::string_view period,
                                         absl::Time deadline) override;

 private:
  using Entities = absl::flat_hash_set<std::string>;
  using Items = RuleTable;
  // The catalog version in force for one period, as last fetched. Never
  // changed once cached: a refresh caches a new view. Views of the same
  // version (same etag) share their entities and items.
  struct View {
    std::string etag;
    absl::Time last_refresh = absl::InfinitePast();
    std::shared_ptr<const Entities> entities;
    std::shared_ptr<const Items> items;
  };
  // Past this many views cached, the cache starts afresh.
  static constexpr size_t kMaxViews = 64;

  // The view is older than max_staleness: its rules are asked again.
  bool Stale(const View& view) const;
  // The view cached for `period`, or null.
  std::shared_ptr<const View> Find(absl::string_view period) const;
  // The item's rule in the view of `period`, or null; `stale`: the view is
  // older than max_staleness (or there is none). One lock per record of a
  // bulk write.
  std::shared_ptr<const ItemRule> FindRule(absl::string_view item,
                                           absl::string_view period,
                                           bool* stale) const;
  // Fetches the view of `period` unless fetched within
  // min_refresh_interval, waiting until `deadline` or call_timeout,
  // whichever comes first.
  absl::Status Refresh(absl::string_view period, absl::Time deadline);

  std::unique_ptr<v1::CatalogService::Stub> stub_;
  const std::string dependency_;
  const Options options_;

  // Held by one refresh at a time.
  absl::Mutex refresh_mu_;
  mutable absl::Mutex mu_;
  // Period ("" for the newest version) -> its view.
  absl::flat_hash_map<std::string, std::shared_ptr<const View>> views_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_
