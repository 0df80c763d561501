#include "services/aggregation/published_figure_store.h"

#include <optional>
#include <utility>

#include "services/aggregation/stored_upgrades.h"
#include "storage/key_codec.h"

namespace valore::aggregation {
namespace {

std::string PublishedKey(Period period) {
  std::string key;
  storage::AppendU16(&key, period.ordinal());
  return key;
}

}  // namespace

PublishedFigureStore::PublishedFigureStore(storage::KvStore* kv)
    : kv_(kv), family_(kv->Family(kFamily)) {}

absl::StatusOr<std::vector<v1::PublishedFigure>> PublishedFigureStore::Load(
    Period period) const {
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(family_, PublishedKey(period));
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::vector<v1::PublishedFigure>();
  v1::ImportPublishedFiguresRequest figures;
  if (!figures.ParseFromString(**stored)) {
    return absl::DataLossError("aggregation: published figures unreadable");
  }
  for (v1::PublishedFigure& f : *figures.mutable_figures()) {
    UpgradeStoredFigure(&f);
  }
  return std::vector<v1::PublishedFigure>(figures.figures().begin(),
                                          figures.figures().end());
}

void PublishedFigureStore::Put(Period period,
                               const v1::ImportPublishedFiguresRequest& figures,
                               const std::string& author,
                               storage::Transaction& tx) const {
  v1::ImportPublishedFiguresRequest stored = figures;
  stored.clear_request_id();
  stored.set_author(author);
  tx.Put(family_, PublishedKey(period), stored.SerializeAsString());
  v1::AuditEvent event;
  event.set_principal(author);
  event.set_request_id(figures.request_id());
  event.set_method("AggregationService.ImportPublishedFigures");
  event.set_period(period.ToString());
  event.mutable_change()->mutable_published_figures()->set_figures(
      figures.figures_size());
  tx.Audit(std::move(event));
}

}  // namespace valore::aggregation
