// The catalog as capture sees it, fetched from CatalogService and cached.
// A known name is answered from memory; an unknown one triggers at most one
// refresh per interval (ExportCatalog with the cached etag, so an unchanged
// catalog costs one small reply), so new catalog items are seen without a
// restart and a flood of bad names cannot flood the catalog.
#ifndef VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_
#define VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/capture/item_registry.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::capture {

class CatalogCache final : public ItemRegistry {
 public:
  struct Options {
    absl::Duration call_timeout = absl::Seconds(5);
    absl::Duration min_refresh_interval = absl::Milliseconds(500);
    // How old the cached rules of items may be before a write asks the
    // catalog again (one small not-modified answer while nothing changed),
    // so that a re-imported target applies to the next writes.
    absl::Duration max_staleness = absl::Seconds(2);
  };
  // `address` only names the dependency in error messages.
  CatalogCache(std::shared_ptr<grpc::Channel> channel, std::string address,
               Options options);

  absl::Status CheckEntity(absl::string_view entity,
                           absl::Time deadline) override;
  absl::StatusOr<std::shared_ptr<const ItemRule>> Rule(
      absl::string_view item, absl::Time deadline) override;

 private:
  // The item's rule, or null; `stale`: the rules are older than
  // max_staleness. One lock per record of a bulk write.
  std::shared_ptr<const ItemRule> Find(absl::string_view item,
                                       bool* stale) const;
  // Fetches the catalog unless fetched within min_refresh_interval, waiting
  // until `deadline` or call_timeout, whichever comes first.
  absl::Status Refresh(absl::Time deadline);

  std::unique_ptr<v1::CatalogService::Stub> stub_;
  const std::string dependency_;
  const Options options_;

  absl::Mutex refresh_mu_;
  mutable absl::Mutex mu_;
  std::string etag_ ABSL_GUARDED_BY(mu_);
  absl::Time last_refresh_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool loaded_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<std::string> entities_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<const ItemRule>> items_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_CATALOG_CACHE_H_
