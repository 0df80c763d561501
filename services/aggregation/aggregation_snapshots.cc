// Snapshots: the report of a period frozen at the semester's close, stored
// immutably with a content hash, with the period locked in the captures.

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "common/timestamp.h"
#include "common/value_text.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/stored_upgrades.h"
#include "services/common/auth.h"
#include "services/common/request_ids.h"
#include "storage/key_codec.h"

namespace valore::aggregation {
namespace {

std::string SnapshotKey(uint16_t period, uint32_t version) {
  std::string key;
  storage::AppendU16(&key, period);
  storage::AppendU32(&key, version);
  return key;
}

std::string PeriodPrefix(uint16_t period) {
  std::string key;
  storage::AppendU16(&key, period);
  return key;
}

// A change of `what` (said for people), when the two figures differ; the
// typed fields of the change are `change`'s.
void AddChange(v1::DiffSnapshotResponse* out, v1::SnapshotChange change,
               std::string what, std::string snapshot, std::string live) {
  if (snapshot == live) return;
  change.set_what(std::move(what));
  change.set_snapshot(std::move(snapshot));
  change.set_live(std::move(live));
  *out->add_changes() = std::move(change);
}

v1::SnapshotChange ItemChange(v1::SnapshotChange::Kind kind, v1::ItemType type,
                              const std::string& item) {
  v1::SnapshotChange change;
  change.set_kind(kind);
  change.set_item_type(type);
  change.set_item(item);
  return change;
}

v1::SnapshotChange OutcomeChange(v1::ItemType type, const std::string& item,
                                 v1::Outcome frozen, v1::Outcome live) {
  v1::SnapshotChange change =
      ItemChange(v1::SnapshotChange::KIND_OUTCOME, type, item);
  change.set_snapshot_outcome(frozen);
  change.set_live_outcome(live);
  return change;
}

}  // namespace

absl::StatusOr<v1::Snapshot> AggregationCore::GetSnapshot(
    const v1::GetSnapshotRequest& r) const {
  absl::StatusOr<SnapshotRef> ref = ParseSnapshotName(r.name(), "name");
  if (!ref.ok()) return ref.status();
  absl::StatusOr<Period> period = Period::Parse(ref->period, "name");
  if (!period.ok()) return period.status();
  return SnapshotAt(*period, ref->version);
}

absl::StatusOr<v1::Snapshot> AggregationCore::SnapshotAt(
    const Period& period, int32_t version) const {
  absl::StatusOr<std::optional<std::string>> bytes;
  if (version == 0) {
    absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last =
        kv_->LastWithPrefix(snapshots_, PeriodPrefix(period.ordinal()));
    if (!last.ok()) return last.status();
    if (last->has_value())
      bytes = std::optional<std::string>((*last)->second);
    else
      bytes = std::optional<std::string>();
  } else {
    bytes = kv_->Get(snapshots_, SnapshotKey(period.ordinal(), version));
  }
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) {
    return WithReason(
        absl::NotFoundError(absl::StrCat(
            "no snapshot of ", period.ToString(),
            version > 0 ? absl::StrCat(" version ", version) : "")),
        v1::SNAPSHOT_NOT_FOUND, {{"period", period.ToString()}});
  }
  v1::Snapshot snapshot;
  if (!snapshot.ParseFromString(**bytes)) {
    return absl::DataLossError("aggregation: a stored snapshot is unreadable");
  }
  UpgradeStoredReport(snapshot.mutable_report());
  // Snapshots freeze the Union-wide report (older ones do not say so).
  snapshot.set_scope(std::string(kUnionScope));
  return snapshot;
}

absl::StatusOr<v1::ListSnapshotsResponse> AggregationCore::ListSnapshots(
    const v1::ListSnapshotsRequest& r) const {
  std::string prefix;
  if (!r.period().empty()) {
    absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
    if (!period.ok()) return period.status();
    prefix = PeriodPrefix(period->ordinal());
  }
  v1::ListSnapshotsResponse out;
  absl::Status parse = absl::OkStatus();
  absl::Status status = kv_->ScanPrefix(
      snapshots_, prefix, [&](absl::string_view, absl::string_view value) {
        v1::Snapshot s;
        if (!s.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parse = absl::DataLossError(
              "aggregation: a stored snapshot is unreadable");
          return false;
        }
        s.clear_report();
        s.set_scope(std::string(kUnionScope));
        *out.add_snapshots() = std::move(s);
        return true;
      });
  if (!status.ok()) return status;
  if (!parse.ok()) return parse;
  return out;
}

absl::StatusOr<v1::Snapshot> AggregationCore::TakeSnapshot(
    const v1::TakeSnapshotRequest& r, const std::string& author, absl::Time now,
    absl::Time deadline) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  // The entities of the catalog version in force for the period now.
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> catalog =
      sources_->Catalog(*period, /*as_of_micros=*/0, deadline);
  if (!catalog.ok()) return catalog.status();
  std::vector<std::string> entities;
  for (const v1::Entity& e : (*catalog)->entities()) entities.push_back(e.id());

  // Taken already, and the period still frozen everywhere: the same one.
  absl::StatusOr<v1::Snapshot> latest = SnapshotAt(*period, 0);
  if (!latest.ok() && !absl::IsNotFound(latest.status()))
    return latest.status();
  if (latest.ok()) {
    absl::StatusOr<bool> locked =
        sources_->PeriodLocked(*period, entities, deadline);
    if (!locked.ok()) return locked.status();
    if (*locked) return *latest;
  }

  // Lock first: from here on no value of the period can change under us.
  absl::StatusOr<std::vector<std::string>> locked_captures =
      sources_->LockPeriod(
          *period, absl::StrCat("snapshot del semestre ", period->ToString()),
          entities, deadline);
  if (!locked_captures.ok()) return locked_captures.status();
  v1::GetReportRequest report_request;
  report_request.set_period(period->ToString());
  report_request.set_scope(std::string(kUnionScope));
  // As of the moment of taking it, to the microsecond: what was acknowledged
  // before is in, what comes after (nothing, the period is locked) is out.
  const int64_t micros = absl::ToUnixMicros(now);
  *report_request.mutable_as_of() = TimestampFromMicros(micros);
  absl::StatusOr<v1::Report> report = GetReport(report_request, deadline);
  if (!report.ok()) return report.status();
  const std::string report_bytes = DeterministicBytes(*report);

  absl::StatusOr<std::string> answer = Idempotent(
      "TakeSnapshot", author, r.request_id(), r, now,
      [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
        const uint32_t version = latest.ok() ? latest->version() + 1 : 1;
        v1::Snapshot snapshot;
        snapshot.set_name(SnapshotName(period->ToString(), version));
        snapshot.set_period(period->ToString());
        snapshot.set_version(static_cast<int32_t>(version));
        snapshot.mutable_create_time()->set_seconds(absl::ToUnixSeconds(now));
        snapshot.set_principal(author);
        snapshot.set_scope(std::string(kUnionScope));
        snapshot.set_request_id(r.request_id());
        snapshot.set_content_hash(Sha256Hex(report_bytes));
        for (const std::string& c : *locked_captures) snapshot.add_locked(c);
        if (!snapshot.mutable_report()->ParseFromString(report_bytes)) {
          return absl::InternalError("aggregation: report bytes unreadable");
        }
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(r.request_id());
        event.set_method("AggregationService.TakeSnapshot");
        event.set_period(period->ToString());
        v1::AuditChange::Snapshot* change =
            event.mutable_change()->mutable_snapshot();
        if (latest.ok()) change->set_version_before(latest->version());
        change->set_version_after(static_cast<int32_t>(version));
        change->set_content_hash(snapshot.content_hash());
        for (const std::string& c : *locked_captures) change->add_locked(c);
        tx.Audit(std::move(event));
        const std::string stored = snapshot.SerializeAsString();
        tx.Put(snapshots_, SnapshotKey(period->ordinal(), version), stored);
        return stored;
      });
  if (!answer.ok()) return answer.status();
  v1::Snapshot snapshot;
  if (!snapshot.ParseFromString(*answer)) {
    return absl::DataLossError("aggregation: stored snapshot unreadable");
  }
  UpgradeStoredReport(snapshot.mutable_report());
  return snapshot;
}

absl::StatusOr<v1::DiffSnapshotResponse> AggregationCore::DiffSnapshot(
    const v1::DiffSnapshotRequest& r, absl::Time deadline) {
  v1::GetSnapshotRequest get;
  get.set_name(r.name());
  absl::StatusOr<v1::Snapshot> snapshot = GetSnapshot(get);
  if (!snapshot.ok()) return snapshot.status();
  v1::GetReportRequest live_request;
  live_request.set_period(snapshot->period());
  live_request.set_scope(std::string(kUnionScope));
  absl::StatusOr<v1::Report> live = GetReport(live_request, deadline);
  if (!live.ok()) return live.status();
  const v1::Report& frozen = snapshot->report();

  v1::DiffSnapshotResponse out;
  *out.mutable_snapshot() = *snapshot;
  out.mutable_snapshot()->clear_report();
  using Change = v1::SnapshotChange;
  std::map<std::string, const v1::IndicatorResult*> live_indicators;
  for (const auto& i : live->indicators()) live_indicators[i.code()] = &i;
  for (const auto& i : frozen.indicators()) {
    auto it = live_indicators.find(i.code());
    const std::string what = absl::StrCat("indicatore ", i.code());
    if (it == live_indicators.end()) {
      AddChange(
          &out,
          ItemChange(Change::KIND_ITEM_GONE, v1::ITEM_TYPE_INDICATOR, i.code()),
          what, ValueText(i.value()), "(assente)");
      continue;
    }
    AddChange(&out,
              ItemChange(Change::KIND_VALUE, v1::ITEM_TYPE_INDICATOR, i.code()),
              what + " · valore", ValueText(i.value()),
              ValueText(it->second->value()));
    AddChange(&out,
              OutcomeChange(v1::ITEM_TYPE_INDICATOR, i.code(), i.final(),
                            it->second->final()),
              what + " · esito", IndicatorOutcomeLabel(i.final()),
              IndicatorOutcomeLabel(it->second->final()));
  }
  std::map<std::string, v1::Outcome> live_lines;
  for (const auto& l : live->lines()) live_lines[l.code()] = l.final();
  for (const auto& l : frozen.lines()) {
    const auto it = live_lines.find(l.code());
    if (it == live_lines.end()) {
      AddChange(&out,
                ItemChange(Change::KIND_ITEM_GONE, v1::ITEM_TYPE_PROGRAMME_LINE,
                           l.code()),
                absl::StrCat("linea ", l.code()), LineOutcomeLabel(l.final()),
                "(assente)");
      continue;
    }
    AddChange(&out,
              OutcomeChange(v1::ITEM_TYPE_PROGRAMME_LINE, l.code(), l.final(),
                            it->second),
              absl::StrCat("linea ", l.code(), " · esito"),
              LineOutcomeLabel(l.final()), LineOutcomeLabel(it->second));
  }
  std::map<std::string, const v1::ObjectiveResult*> live_objectives;
  for (const auto& o : live->objectives()) live_objectives[o.code()] = &o;
  for (const auto& o : frozen.objectives()) {
    auto it = live_objectives.find(o.code());
    const std::string what = absl::StrCat("obiettivo ", o.code());
    if (it == live_objectives.end()) {
      AddChange(&out,
                ItemChange(Change::KIND_ITEM_GONE,
                           v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code()),
                what, ValueText(o.value()), "(assente)");
      continue;
    }
    AddChange(&out,
              ItemChange(Change::KIND_VALUE, v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE,
                         o.code()),
              what + " · valore", ValueText(o.value()),
              ValueText(it->second->value()));
    AddChange(&out,
              OutcomeChange(v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code(),
                            o.final(), it->second->final()),
              what + " · esito", ObjectiveOutcomeLabel(o.final()),
              ObjectiveOutcomeLabel(it->second->final()));
  }
  for (int i = 0;
       i < frozen.outcome_table_size() && i < live->outcome_table_size(); ++i) {
    const auto& a = frozen.outcome_table(i);
    const auto& b = live->outcome_table(i);
    for (int c = 0; c < a.counts_size() && c < b.counts_size(); ++c) {
      Change change;
      change.set_kind(Change::KIND_OUTCOME_TABLE_COUNT);
      // The table's rows come in a fixed order (snapshots taken before rows
      // were named have none).
      change.set_outcome_table_row(static_cast<v1::OutcomeTableRow>(i + 1));
      change.set_outcome_column(a.counts(c).outcome());
      change.set_snapshot_count(a.counts(c).count());
      change.set_live_count(b.counts(c).count());
      AddChange(&out, std::move(change),
                absl::StrCat("esiti · ", a.label(), " · ",
                             OutcomeColumnLabel(a.counts(c).outcome())),
                absl::StrCat(a.counts(c).count()),
                absl::StrCat(b.counts(c).count()));
    }
  }
  return out;
}

}  // namespace valore::aggregation
