// AggregationCore's published figures: imported by period, and read into
// reports.
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/stored_upgrades.h"
#include "storage/key_codec.h"

namespace valore::aggregation {
namespace {

std::string PublishedKey(uint16_t period) {
  std::string key;
  storage::AppendU16(&key, period);
  return key;
}

}  // namespace

absl::StatusOr<std::vector<v1::PublishedFigure>> AggregationCore::LoadPublished(
    uint16_t period) const {
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(published_, PublishedKey(period));
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

absl::StatusOr<v1::ImportPublishedFiguresResponse>
AggregationCore::ImportPublishedFigures(
    const v1::ImportPublishedFiguresRequest& r, const std::string& author,
    absl::Time now) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (r.figures_size() > kMaxBatchOutcomes) {
    return InvalidFieldError(
        "figures", absl::StrCat(r.figures_size(), " is over the limit of ",
                                kMaxBatchOutcomes));
  }
  for (int i = 0; i < r.figures_size(); ++i) {
    if (absl::Status s = CheckPublishedFigure(
            r.figures(i), absl::StrCat("figures[", i, "]."));
        !s.ok()) {
      return s;
    }
  }
  absl::StatusOr<std::string> answer = Idempotent(
      "ImportPublishedFigures", author, r.request_id(), r, now,
      [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
        v1::ImportPublishedFiguresRequest stored = r;
        stored.clear_request_id();
        stored.set_author(author);
        tx.Put(published_, PublishedKey(period->ordinal()),
               stored.SerializeAsString());
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(r.request_id());
        event.set_method("AggregationService.ImportPublishedFigures");
        event.set_period(period->ToString());
        event.mutable_change()->mutable_published_figures()->set_figures(
            r.figures_size());
        tx.Audit(std::move(event));
        v1::ImportPublishedFiguresResponse response;
        response.set_figures(r.figures_size());
        return response.SerializeAsString();
      });
  if (!answer.ok()) return answer.status();
  v1::ImportPublishedFiguresResponse response;
  response.ParseFromString(*answer);
  return response;
}

}  // namespace valore::aggregation
