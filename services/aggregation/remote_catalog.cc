// RemoteSources' catalog: the version in force for a period as of a moment,
// read from the catalog service, cached by question and revalidated by etag
// on every call.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

using internal::AskCatalogFor;

namespace {

// The cache key of a catalog question: "2023S2@0" (as_of 0 = now).
std::string CatalogKey(Period period, int64_t as_of_micros) {
  return absl::StrCat(period.ToString(), "@", as_of_micros);
}

}  // namespace

std::shared_ptr<const v1::Catalog> RemoteSources::CachedCatalog(
    const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = cached_.find(key);
  return it == cached_.end() ? nullptr : it->second;
}

void RemoteSources::CacheCatalog(const std::string& key,
                                 std::shared_ptr<const v1::Catalog> catalog) {
  absl::MutexLock lock(&mu_);
  // Bounded: reports as of many moments must not grow it for ever.
  if (cached_.size() >= kMaxCachedCatalogs && cached_.count(key) == 0) {
    cached_.clear();
  }
  cached_[key] = std::move(catalog);
}

absl::StatusOr<std::shared_ptr<const v1::Catalog>> RemoteSources::Catalog(
    Period period, int64_t as_of_micros, absl::Time deadline) {
  const std::string key = CatalogKey(period, as_of_micros);
  v1::ExportCatalogRequest request;
  AskCatalogFor(period, as_of_micros, &request);
  std::shared_ptr<const v1::Catalog> cached = CachedCatalog(key);
  if (cached != nullptr) request.set_if_none_match(cached->etag());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::ExportCatalogResponse response;
  grpc::Status status = catalog_->ExportCatalog(&context, request, &response);
  if (!status.ok()) return CatalogFailed(status);
  if (response.not_modified() && cached != nullptr) return cached;
  auto fresh =
      std::make_shared<v1::Catalog>(std::move(*response.mutable_catalog()));
  CacheCatalog(key, fresh);
  return std::shared_ptr<const v1::Catalog>(fresh);
}

void RemoteSources::CatalogAsync(
    Period period, int64_t as_of_micros, absl::Time deadline,
    std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
        done) {
  struct Call {
    grpc::ClientContext context;
    v1::ExportCatalogRequest request;
    v1::ExportCatalogResponse response;
    std::string key;
    std::shared_ptr<const v1::Catalog> cached;
  };
  auto call = std::make_shared<Call>();
  call->key = CatalogKey(period, as_of_micros);
  AskCatalogFor(period, as_of_micros, &call->request);
  call->cached = CachedCatalog(call->key);
  if (call->cached != nullptr) {
    call->request.set_if_none_match(call->cached->etag());
  }
  call->context.set_deadline(absl::ToChronoTime(deadline));
  catalog_->async()->ExportCatalog(
      &call->context, &call->request, &call->response,
      [this, call, done = std::move(done)](grpc::Status status) {
        if (!status.ok()) {
          done(CatalogFailed(status));
          return;
        }
        if (call->response.not_modified() && call->cached != nullptr) {
          done(call->cached);
          return;
        }
        auto fresh = std::make_shared<v1::Catalog>(
            std::move(*call->response.mutable_catalog()));
        CacheCatalog(call->key, fresh);
        done(std::shared_ptr<const v1::Catalog>(fresh));
      });
}

}  // namespace valore::aggregation
