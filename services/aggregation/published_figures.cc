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

// The cell fields `f.table()` needs are set; `prefix` names the figure.
absl::Status CheckFigureCell(const v1::PublishedFigure& f,
                             const std::string& prefix) {
  auto required = [&](absl::string_view field) {
    return InvalidFieldError(absl::StrCat(prefix, field),
                             absl::StrCat("required for a figure of table ",
                                          v1::FigureTable_Name(f.table())),
                             v1::FIELD_REQUIRED);
  };
  switch (f.table()) {
    case v1::FIGURE_TABLE_OUTCOMES:
      if (f.outcome_row() == v1::OUTCOME_TABLE_ROW_UNSPECIFIED ||
          !v1::OutcomeTableRow_IsValid(f.outcome_row())) {
        return required("outcome_row");
      }
      if (!v1::Outcome_IsValid(f.outcome_column())) {
        return InvalidFieldError(
            absl::StrCat(prefix, "outcome_column"),
            absl::StrCat(f.outcome_column(), " is not an outcome"));
      }
      return absl::OkStatus();
    case v1::FIGURE_TABLE_DIMENSIONS:
      if (!v1::WellbeingDimension_IsValid(f.dimension())) {
        return InvalidFieldError(
            absl::StrCat(prefix, "dimension"),
            absl::StrCat(f.dimension(), " is not a dimension"));
      }
      if (f.dimension_column() == v1::DIMENSION_COLUMN_UNSPECIFIED ||
          !v1::DimensionColumn_IsValid(f.dimension_column())) {
        return required("dimension_column");
      }
      return absl::OkStatus();
    case v1::FIGURE_TABLE_ENTITY_FIGURES:
      if (f.indicator().empty()) return required("indicator");
      return absl::OkStatus();
    default:
      return InvalidFieldError(
          absl::StrCat(prefix, "table"),
          absl::StrCat(f.table(),
                       " is not FIGURE_TABLE_OUTCOMES, _DIMENSIONS or "
                       "_ENTITY_FIGURES"),
          v1::FIELD_REQUIRED);
  }
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
    const v1::PublishedFigure& f = r.figures(i);
    if (absl::Status s = CheckFigureCell(f, absl::StrCat("figures[", i, "]."));
        !s.ok()) {
      return s;
    }
    if (!std::isfinite(f.count())) {
      return InvalidFieldError(absl::StrCat("figures[", i, "].count"),
                               absl::StrCat(f.count(), " is not finite"));
    }
    // A share of a table: 0 to 100 percentage points.
    if (f.has_percent() && !(std::isfinite(f.percent()) && f.percent() >= 0 &&
                             f.percent() <= 100)) {
      return InvalidFieldError(
          absl::StrCat("figures[", i, "].percent"),
          absl::StrCat(f.percent(), " is not a percentage from 0 to 100"));
    }
  }
  absl::StatusOr<std::string> answer = Idempotent(
      "ImportPublishedFigures", author, r.request_id(), r,
      [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
        v1::ImportPublishedFiguresRequest stored = r;
        stored.clear_request_id();
        stored.set_author(author);
        batch->Put(published_, PublishedKey(period->ordinal()),
                   stored.SerializeAsString());
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(r.request_id());
        event.set_method("AggregationService.ImportPublishedFigures");
        event.set_period(period->ToString());
        event.set_new_value(
            absl::StrCat(r.figures_size(), " cifre pubblicate"));
        audit_->Append(std::move(event), now, batch);
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
