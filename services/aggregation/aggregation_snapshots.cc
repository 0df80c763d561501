// AggregationCore's snapshots: taking one (the period locked in every
// capture service first, then its report as of that moment, kept by
// SnapshotStore) and comparing one with the live report (DiffReports).

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
#include "services/aggregation/snapshot_diff.h"
#include "services/aggregation/stored_upgrades.h"
#include "services/common/auth.h"
#include "services/common/request_ids.h"

namespace valore::aggregation {

absl::StatusOr<v1::Snapshot> AggregationCore::GetSnapshot(
    const v1::GetSnapshotRequest& r) const {
  absl::StatusOr<SnapshotRef> ref = ParseSnapshotName(r.name(), "name");
  if (!ref.ok()) return ref.status();
  absl::StatusOr<Period> period = Period::Parse(ref->period, "name");
  if (!period.ok()) return period.status();
  return snapshots_.At(*period, ref->version);
}

absl::StatusOr<v1::ListSnapshotsResponse> AggregationCore::ListSnapshots(
    const v1::ListSnapshotsRequest& r) const {
  return snapshots_.List(r);
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
  absl::StatusOr<v1::Snapshot> latest = snapshots_.At(*period, 0);
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

  // Set when this call stores a snapshot, not when a retry is answered.
  bool stored_new = false;
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
        snapshots_.Put(*period, snapshot, latest.ok() ? latest->version() : 0,
                       tx);
        const std::string stored = snapshot.SerializeAsString();
        stored_new = true;
        return stored;
      });
  if (!answer.ok()) return answer.status();
  if (stored_new) counters_.snapshots_taken.Increment();
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
  DiffReports(frozen, *live, &out);
  return out;
}

}  // namespace valore::aggregation
