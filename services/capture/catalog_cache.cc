#include "services/capture/catalog_cache.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/text_util.h"
#include "services/common/grpc_status.h"

namespace valore::capture {

CatalogCache::CatalogCache(std::shared_ptr<grpc::Channel> channel,
                           std::string address, Options options)
    : stub_(v1::CatalogService::NewStub(std::move(channel))),
      dependency_(absl::StrCat("catalog service at ", address)),
      options_(options) {}

absl::Status CatalogCache::CheckEntity(absl::string_view entity,
                                       absl::Time deadline) {
  auto known = [&] {
    absl::MutexLock lock(&mu_);
    return entities_.contains(entity);
  };
  if (known()) return absl::OkStatus();
  if (absl::Status s = Refresh(deadline); !s.ok()) return s;
  if (known()) return absl::OkStatus();
  return WithReason(
      absl::NotFoundError(absl::StrCat("entity ", QuoteForMessage(entity),
                                       " is not in the catalog")),
      v1::ENTITY_NOT_FOUND, {{"entity", std::string(entity)}});
}

absl::StatusOr<std::shared_ptr<const ItemRule>> CatalogCache::Rule(
    absl::string_view item, absl::Time deadline) {
  bool stale = false;
  if (std::shared_ptr<const ItemRule> rule = Find(item, &stale)) {
    // An unreachable catalog leaves the rule known last in force: writes
    // of known items go on while the catalog is down.
    if (!stale || !Refresh(deadline).ok()) return rule;
  } else if (absl::Status s = Refresh(deadline); !s.ok()) {
    return s;
  }
  if (std::shared_ptr<const ItemRule> rule = Find(item, &stale)) return rule;
  return WithReason(absl::NotFoundError(absl::StrCat(
                        "item ", QuoteForMessage(item),
                        " is not in the catalog (no indicator or executive "
                        "objective has that code)")),
                    v1::ITEM_NOT_FOUND, {{"item", std::string(item)}});
}

std::shared_ptr<const ItemRule> CatalogCache::Find(absl::string_view item,
                                                   bool* stale) const {
  absl::MutexLock lock(&mu_);
  *stale = absl::Now() - last_refresh_ >= options_.max_staleness;
  auto it = items_.find(item);
  return it == items_.end() ? nullptr : it->second;
}

absl::Status CatalogCache::Refresh(absl::Time deadline) {
  absl::MutexLock refresh_lock(&refresh_mu_);
  v1::ExportCatalogRequest request;
  {
    absl::MutexLock lock(&mu_);
    if (absl::Now() - last_refresh_ < options_.min_refresh_interval &&
        loaded_) {
      return absl::OkStatus();
    }
    request.set_if_none_match(etag_);
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(
      std::min(deadline, absl::Now() + options_.call_timeout)));
  v1::ExportCatalogResponse response;
  grpc::Status status = stub_->ExportCatalog(&context, request, &response);
  if (!status.ok()) return FromDependency(status, dependency_);

  absl::MutexLock lock(&mu_);
  last_refresh_ = absl::Now();
  loaded_ = true;
  if (response.not_modified()) return absl::OkStatus();
  etag_ = response.etag();
  entities_.clear();
  items_.clear();
  for (const v1::Entity& e : response.catalog().entities())
    entities_.insert(e.id());
  for (const v1::Indicator& i : response.catalog().indicators()) {
    auto rule = std::make_shared<ItemRule>();
    rule->unit = i.unit();
    for (const v1::YearlyTarget& y : i.targets()) {
      *rule->indicator.add_targets() = y;
    }
    items_[i.code()] = std::move(rule);
  }
  for (const v1::ExecutiveObjective& o :
       response.catalog().executive_objectives()) {
    auto rule = std::make_shared<ItemRule>();
    rule->unit = v1::UNIT_PERCENT;
    items_[o.code()] = std::move(rule);
  }
  return absl::OkStatus();
}

}  // namespace valore::capture
