// RemoteSources' catalog: read from the catalog service, and revalidated by
// etag on every call.
#include <functional>
#include <memory>
#include <utility>

#include "services/aggregation/sources.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

absl::StatusOr<std::shared_ptr<const v1::Catalog>> RemoteSources::Catalog(
    absl::Time deadline) {
  v1::ExportCatalogRequest request;
  std::shared_ptr<const v1::Catalog> cached;
  {
    absl::MutexLock lock(&mu_);
    cached = cached_;
  }
  if (cached != nullptr) request.set_if_none_match(cached->etag());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::ExportCatalogResponse response;
  grpc::Status status = catalog_->ExportCatalog(&context, request, &response);
  if (!status.ok()) return FromDependency(status, catalog_name_);
  if (response.not_modified() && cached != nullptr) return cached;
  auto fresh =
      std::make_shared<v1::Catalog>(std::move(*response.mutable_catalog()));
  absl::MutexLock lock(&mu_);
  cached_ = fresh;
  return std::shared_ptr<const v1::Catalog>(fresh);
}

void RemoteSources::CatalogAsync(
    absl::Time deadline,
    std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
        done) {
  struct Call {
    grpc::ClientContext context;
    v1::ExportCatalogRequest request;
    v1::ExportCatalogResponse response;
    std::shared_ptr<const v1::Catalog> cached;
  };
  auto call = std::make_shared<Call>();
  {
    absl::MutexLock lock(&mu_);
    call->cached = cached_;
  }
  if (call->cached != nullptr) {
    call->request.set_if_none_match(call->cached->etag());
  }
  call->context.set_deadline(absl::ToChronoTime(deadline));
  catalog_->async()->ExportCatalog(
      &call->context, &call->request, &call->response,
      [this, call, done = std::move(done)](grpc::Status status) {
        if (!status.ok()) {
          done(FromDependency(status, catalog_name_));
          return;
        }
        if (call->response.not_modified() && call->cached != nullptr) {
          done(call->cached);
          return;
        }
        auto fresh = std::make_shared<v1::Catalog>(
            std::move(*call->response.mutable_catalog()));
        {
          absl::MutexLock lock(&mu_);
          cached_ = fresh;
        }
        done(std::shared_ptr<const v1::Catalog>(fresh));
      });
}

}  // namespace valore::aggregation
