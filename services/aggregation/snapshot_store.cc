#include "services/aggregation/snapshot_store.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/scopes.h"
#include "services/aggregation/stored_upgrades.h"
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

}  // namespace

SnapshotStore::SnapshotStore(storage::KvStore* kv)
    : kv_(kv), family_(kv->Family(kFamily)) {}

absl::StatusOr<v1::Snapshot> SnapshotStore::At(Period period,
                                               int32_t version) const {
  absl::StatusOr<std::optional<std::string>> bytes;
  if (version == 0) {
    absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last =
        kv_->LastWithPrefix(family_, PeriodPrefix(period.ordinal()));
    if (!last.ok()) return last.status();
    if (last->has_value())
      bytes = std::optional<std::string>((*last)->second);
    else
      bytes = std::optional<std::string>();
  } else {
    bytes = kv_->Get(family_, SnapshotKey(period.ordinal(), version));
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

absl::StatusOr<v1::ListSnapshotsResponse> SnapshotStore::List(
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
      family_, prefix, [&](absl::string_view, absl::string_view value) {
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

void SnapshotStore::Put(Period period, const v1::Snapshot& snapshot,
                        int32_t previous_version,
                        storage::Transaction& tx) const {
  v1::AuditEvent event;
  event.set_principal(snapshot.principal());
  event.set_request_id(snapshot.request_id());
  event.set_method("AggregationService.TakeSnapshot");
  event.set_period(snapshot.period());
  v1::AuditChange::Snapshot* change =
      event.mutable_change()->mutable_snapshot();
  change->set_version_before(previous_version);
  change->set_version_after(snapshot.version());
  change->set_content_hash(snapshot.content_hash());
  *change->mutable_locked() = snapshot.locked();
  tx.Audit(std::move(event));
  tx.Put(
      family_,
      SnapshotKey(period.ordinal(), static_cast<uint32_t>(snapshot.version())),
      snapshot.SerializeAsString());
}

}  // namespace valore::aggregation
