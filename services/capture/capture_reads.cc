// CaptureCore's reads: series, a period of many entities, the stream of
// period values and a cell's revisions.
#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/resource_names.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "services/capture/capture_core.h"
#include "services/capture/period_stream.h"

namespace valore::capture {

absl::Status CaptureCore::CheckKnownForRead(NameCheck check,
                                            absl::string_view name,
                                            absl::string_view period,
                                            absl::Time deadline) const {
  absl::Status in_force = (registry_->*check)(name, period, deadline);
  if (!absl::IsNotFound(in_force) || period.empty()) return in_force;
  // A read of values kept: the name may be one the newest version still (or
  // already) has. UNAVAILABLE when that cannot be told.
  absl::Status newest = (registry_->*check)(name, "", deadline);
  return absl::IsNotFound(newest) ? in_force : newest;
}

absl::Status CaptureCore::CheckNames(
    const google::protobuf::RepeatedPtrField<std::string>& names,
    absl::string_view field, NameCheck check, absl::string_view period,
    absl::Time deadline) const {
  for (int i = 0; i < names.size(); ++i) {
    absl::Status s = CheckKnownForRead(check, names[i], period, deadline);
    if (!s.ok()) {
      return WithDetailsOf(
          absl::Status(s.code(),
                       absl::StrCat(field, "[", i, "]: ", s.message())),
          s);
    }
  }
  return absl::OkStatus();
}

namespace {

// The cell or series `name` in `field`, required; its ids within the
// limits of a name.
absl::StatusOr<CellRef> ParseCellField(
    absl::string_view field, const std::string& name,
    absl::StatusOr<CellRef> (*parse)(absl::string_view, absl::string_view)) {
  if (absl::Status s = CheckText(field, name, true, 3 * kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<CellRef> cell = parse(name, field);
  if (!cell.ok()) return cell.status();
  if (cell->entity.size() > kMaxNameBytes ||
      cell->item.size() > kMaxNameBytes) {
    return InvalidFieldError(
        field, absl::StrCat(QuoteForMessage(name), " has an id over ",
                            kMaxNameBytes, " bytes"));
  }
  return cell;
}

}  // namespace

absl::StatusOr<CellRef> CaptureCore::KnownCell(const std::string& name,
                                               absl::Time deadline) const {
  absl::StatusOr<CellRef> cell =
      ParseCellField("name", name, &ParseMeasurementName);
  if (!cell.ok()) return cell.status();
  if (absl::Status s = CheckKnownForRead(&ItemRegistry::CheckEntity,
                                         cell->entity, cell->period, deadline);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckKnownForRead(&ItemRegistry::CheckItem, cell->item,
                                         cell->period, deadline);
      !s.ok()) {
    return s;
  }
  return cell;
}

absl::StatusOr<v1::Measurement> CaptureCore::GetMeasurement(
    const v1::GetMeasurementRequest& r, absl::Time deadline) const {
  absl::StatusOr<CellRef> cell = KnownCell(r.name(), deadline);
  if (!cell.ok()) return cell.status();
  absl::StatusOr<Period> period = Period::Parse(cell->period, "name");
  if (!period.ok()) return period.status();
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<std::vector<storage::StoredRevision>> rows =
      series_->ReadSeries(cell->entity, cell->item, period->ordinal(),
                          period->ordinal(), *as_of);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return WithReason(absl::NotFoundError(absl::StrCat(
                          "no value for ", QuoteForMessage(r.name()),
                          r.has_as_of() ? " as of the moment asked" : "")),
                      v1::RESOURCE_NOT_FOUND, {{"name", r.name()}});
  }
  return ToMeasurement(rows->back());
}

absl::StatusOr<v1::ReadSeriesResponse> CaptureCore::ReadSeries(
    const v1::ReadSeriesRequest& r, absl::Time deadline) const {
  absl::StatusOr<CellRef> series =
      ParseCellField("parent", r.parent(), &ParseSeriesName);
  if (!series.ok()) return series.status();
  storage::PeriodOrdinal from = 0;
  storage::PeriodOrdinal to = 0xffff;
  if (!r.start_period().empty()) {
    absl::StatusOr<Period> p = Period::Parse(r.start_period(), "start_period");
    if (!p.ok()) return p.status();
    from = p->ordinal();
  }
  if (!r.end_period().empty()) {
    absl::StatusOr<Period> p = Period::Parse(r.end_period(), "end_period");
    if (!p.ok()) return p.status();
    to = p->ordinal();
  }
  if (from > to) {
    return InvalidFieldError("end_period",
                             absl::StrCat(QuoteForMessage(r.end_period()),
                                          " is before start_period ",
                                          QuoteForMessage(r.start_period())));
  }
  // The names as the catalog version in force for end_period has them
  // (start_period's when only it is named, the newest when neither is).
  const std::string& read_period =
      !r.end_period().empty() ? r.end_period() : r.start_period();
  if (absl::Status s = CheckKnownForRead(&ItemRegistry::CheckEntity,
                                         series->entity, read_period, deadline);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckKnownForRead(&ItemRegistry::CheckItem, series->item,
                                         read_period, deadline);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<std::vector<storage::StoredRevision>> rows =
      series_->ReadSeries(series->entity, series->item, from, to, *as_of);
  if (!rows.ok()) return rows.status();
  v1::ReadSeriesResponse out;
  for (const storage::StoredRevision& row : *rows) {
    *out.add_measurements() = ToMeasurement(row);
  }
  return out;
}

std::string CaptureCore::Etag() const {
  return absl::StrCat(instance_, ".", series_->last_revision());
}

absl::StatusOr<v1::BatchGetMeasurementsResponse> CaptureCore::BatchGet(
    const v1::BatchGetMeasurementsRequest& r, absl::Time deadline) const {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (absl::Status s =
          CheckNames(r.entities(), "entities", &ItemRegistry::CheckEntity,
                     r.period(), deadline);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckNames(r.items(), "items", &ItemRegistry::CheckItem,
                                  r.period(), deadline);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  // Taken before reading: a write that lands during the read changes the
  // etag of the next call, so an answer is never taken for newer than it is.
  v1::BatchGetMeasurementsResponse out;
  out.set_etag(Etag());
  if (!r.if_none_match().empty() && r.if_none_match() == out.etag()) {
    out.set_not_modified(true);
    return out;
  }
  const std::vector<std::string> entities =
      r.entities_size() > 0
          ? std::vector<std::string>(r.entities().begin(), r.entities().end())
          : series_->Entities();
  const absl::flat_hash_set<std::string> items(r.items().begin(),
                                               r.items().end());
  for (const std::string& entity : entities) {
    absl::StatusOr<std::vector<storage::StoredRevision>> rows =
        series_->ReadPeriod(entity, period->ordinal(), *as_of);
    if (!rows.ok()) return rows.status();
    for (const storage::StoredRevision& row : *rows) {
      if (!items.empty() && !items.contains(row.item)) continue;
      *out.add_measurements() = ToMeasurement(row);
    }
  }
  return out;
}

absl::Status CaptureCore::StreamPeriodValues(
    const v1::StreamPeriodValuesRequest& r,
    const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send,
    absl::Time deadline) const {
  if (r.periods_size() < 1 || r.periods_size() > kMaxStreamPeriods) {
    return InvalidFieldError(
        "periods",
        absl::StrCat("between 1 and ", kMaxStreamPeriods, " are required, got ",
                     r.periods_size()),
        r.periods_size() < 1 ? v1::FIELD_REQUIRED : v1::INVALID_FIELD);
  }
  std::vector<storage::PeriodOrdinal> periods;
  for (int i = 0; i < r.periods_size(); ++i) {
    absl::StatusOr<Period> period =
        Period::Parse(r.periods(i), absl::StrCat("periods[", i, "]"));
    if (!period.ok()) return period.status();
    periods.push_back(period->ordinal());
  }
  // The names as the catalog has them for the first period asked.
  if (absl::Status s =
          CheckNames(r.entities(), "entities", &ItemRegistry::CheckEntity,
                     r.periods(0), deadline);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  PeriodStreamRequest request;
  for (int i = 0; i < r.entities_size(); ++i) {
    if (absl::Status s =
            CheckServed(r.entities(i), absl::StrCat("entities[", i, "]"));
        !s.ok()) {
      return s;
    }
    request.entities.push_back(r.entities(i));
  }
  if (request.entities.empty()) {
    // Every entity this instance serves that has a value.
    for (std::string& e : series_->Entities()) {
      if (CheckServed(e, "").ok()) request.entities.push_back(std::move(e));
    }
    std::sort(request.entities.begin(), request.entities.end());
  }
  request.periods = std::move(periods);
  request.period_names.assign(r.periods().begin(), r.periods().end());
  request.as_of_micros = *as_of;
  return StreamPeriods(*series_, request, PeriodStreamOptions(), send);
}

absl::StatusOr<v1::ListMeasurementRevisionsResponse> CaptureCore::ListRevisions(
    const v1::ListMeasurementRevisionsRequest& r, absl::Time deadline) const {
  absl::StatusOr<CellRef> cell = KnownCell(r.name(), deadline);
  if (!cell.ok()) return cell.status();
  absl::StatusOr<Period> period = Period::Parse(cell->period, "name");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<storage::StoredRevision>> rows =
      series_->ListRevisions(cell->entity, cell->item, period->ordinal());
  if (!rows.ok()) return rows.status();
  v1::ListMeasurementRevisionsResponse out;
  for (const storage::StoredRevision& row : *rows) {
    *out.add_revisions() = ToMeasurement(row);
  }
  return out;
}

}  // namespace valore::capture
