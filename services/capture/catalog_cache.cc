#include "services/capture/catalog_cache.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/text_util.h"
#include "services/common/grpc_status.h"

namespace valore::capture {
namespace {

// " in force for 2023S2", or nothing for the newest version.
std::string InForce(absl::string_view period) {
  return period.empty() ? std::string()
                        : absl::StrCat(" in force for ", period);
}

}  // namespace

CatalogCache::CatalogCache(std::shared_ptr<grpc::Channel> channel,
                           std::string address, Options options)
    : stub_(v1::CatalogService::NewStub(std::move(channel))),
      dependency_(absl::StrCat("catalog service at ", address)),
      options_(options) {}

absl::Status CatalogCache::CheckEntity(absl::string_view entity,
                                       absl::string_view period,
                                       absl::Time deadline) {
  auto known = [&] {
    std::shared_ptr<const View> view = Find(period);
    return view != nullptr && view->entities->contains(entity);
  };
  if (known()) return absl::OkStatus();
  if (absl::Status s = Refresh(period, deadline); !s.ok()) return s;
  if (known()) return absl::OkStatus();
  return WithReason(absl::NotFoundError(absl::StrCat(
                        "entity ", QuoteForMessage(entity),
                        " is not in the catalog", InForce(period))),
                    v1::ENTITY_NOT_FOUND, {{"entity", std::string(entity)}});
}

absl::StatusOr<std::shared_ptr<const ItemRule>> CatalogCache::Rule(
    absl::string_view item, absl::string_view period, absl::Time deadline) {
  bool stale = false;
  if (std::shared_ptr<const ItemRule> rule = FindRule(item, period, &stale)) {
    // An unreachable catalog leaves the rule known last in force: writes
    // of known items go on while the catalog is down.
    if (!stale || !Refresh(period, deadline).ok()) return rule;
  } else if (absl::Status s = Refresh(period, deadline); !s.ok()) {
    return s;
  }
  if (std::shared_ptr<const ItemRule> rule = FindRule(item, period, &stale)) {
    return rule;
  }
  return WithReason(absl::NotFoundError(absl::StrCat(
                        "item ", QuoteForMessage(item),
                        " is not in the catalog", InForce(period),
                        " (no indicator or executive objective has that "
                        "code)")),
                    v1::ITEM_NOT_FOUND, {{"item", std::string(item)}});
}

std::shared_ptr<const ItemRegistry::RuleTable> CatalogCache::Rules(
    absl::string_view period, absl::Time deadline) {
  std::shared_ptr<const View> view = Find(period);
  if (view == nullptr || Stale(*view)) {
    // A failed refresh leaves the view known last, if any.
    if (Refresh(period, deadline).ok()) view = Find(period);
  }
  return view == nullptr ? nullptr : view->items;
}

bool CatalogCache::Stale(const View& view) const {
  return absl::Now() - view.last_refresh >= options_.max_staleness;
}

std::shared_ptr<const CatalogCache::View> CatalogCache::Find(
    absl::string_view period) const {
  absl::MutexLock lock(&mu_);
  auto it = views_.find(period);
  return it == views_.end() ? nullptr : it->second;
}

std::shared_ptr<const ItemRule> CatalogCache::FindRule(absl::string_view item,
                                                       absl::string_view period,
                                                       bool* stale) const {
  std::shared_ptr<const View> view = Find(period);
  if (view == nullptr) {
    *stale = true;
    return nullptr;
  }
  *stale = Stale(*view);
  auto it = view->items->find(item);
  return it == view->items->end() ? nullptr : it->second;
}

absl::Status CatalogCache::Refresh(absl::string_view period,
                                   absl::Time deadline) {
  absl::MutexLock refresh_lock(&refresh_mu_);
  // The version the answer may find unchanged: this period's view; for a
  // period not seen yet, the newest version's (or any other period's),
  // most often the one in force for it too, so that a view is added for
  // the cost of a small reply.
  std::shared_ptr<const View> known;
  {
    absl::MutexLock lock(&mu_);
    auto it = views_.find(period);
    if (it != views_.end()) {
      if (absl::Now() - it->second->last_refresh <
          options_.min_refresh_interval) {
        return absl::OkStatus();
      }
      known = it->second;
    } else if (auto newest = views_.find(absl::string_view());
               newest != views_.end()) {
      known = newest->second;
    } else if (!views_.empty()) {
      known = views_.begin()->second;
    }
  }
  if (known != nullptr && known->etag.empty()) known = nullptr;
  v1::ExportCatalogRequest request;
  request.set_period(std::string(period));
  if (known != nullptr) request.set_if_none_match(known->etag);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(
      std::min(deadline, absl::Now() + options_.call_timeout)));
  v1::ExportCatalogResponse response;
  grpc::Status status = stub_->ExportCatalog(&context, request, &response);
  if (!status.ok()) {
    options_.catalog_errors.Increment();
    return FromDependency(status, dependency_);
  }

  auto fresh = std::make_shared<View>();
  fresh->last_refresh = absl::Now();
  if (response.not_modified() && known != nullptr) {
    fresh->etag = known->etag;
    fresh->entities = known->entities;
    fresh->items = known->items;
  } else {
    fresh->etag = response.etag();
    // Another period's view of the same version lends its names and rules.
    if (!fresh->etag.empty()) {
      absl::MutexLock lock(&mu_);
      for (const auto& entry : views_) {
        const View& other = *entry.second;
        if (other.etag == fresh->etag) {
          fresh->entities = other.entities;
          fresh->items = other.items;
          break;
        }
      }
    }
    if (fresh->items == nullptr) {
      const v1::Catalog& catalog = response.catalog();
      auto entities = std::make_shared<Entities>();
      for (const v1::Entity& e : catalog.entities()) entities->insert(e.id());
      auto items = std::make_shared<Items>();
      for (const v1::Indicator& i : catalog.indicators()) {
        (*items)[i.code()] = std::make_shared<ItemRule>(RuleOfIndicator(i));
      }
      for (const v1::ExecutiveObjective& o : catalog.executive_objectives()) {
        (*items)[o.code()] = std::make_shared<ItemRule>(RuleOfObjective());
      }
      fresh->entities = std::move(entities);
      fresh->items = std::move(items);
    }
  }

  absl::MutexLock lock(&mu_);
  // Bounded: reads and writes across many periods must not grow it for
  // ever.
  if (views_.size() >= kMaxViews && !views_.contains(period)) views_.clear();
  views_[std::string(period)] = std::move(fresh);
  return absl::OkStatus();
}

}  // namespace valore::capture
