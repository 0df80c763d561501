// The capture service's logic, free of gRPC: checks, period locks,
// idempotent writes and reads over the revisioned series store.
#ifndef VALORE_SERVICES_CAPTURE_CAPTURE_CORE_H_
#define VALORE_SERVICES_CAPTURE_CAPTURE_CORE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/resource_names.h"
#include "google/protobuf/message.h"
#include "services/capture/item_registry.h"
#include "services/common/audit_events.h"
#include "services/common/metrics.h"
#include "storage/audit_log.h"
#include "storage/idempotent_writer.h"
#include "storage/kv_store.h"
#include "storage/series_store.h"
#include "valore/v1/capture.pb.h"

namespace valore::capture {

// StreamPeriodValues: periods per request. A first half's overview reads its
// period, the year before's two halves and, for the year-end forecast, both
// halves of up to nine earlier years (forecast_history_years is at most 10).
inline constexpr int kMaxStreamPeriods = 24;

struct CaptureOptions {
  storage::KvOptions kv;
  // The entities this instance serves; empty serves every entity.
  std::vector<std::string> entities;
  // Told, on the writing thread, when the core stops taking writes, with
  // why: a commit failed in the database, and as its outcome is unknown no
  // write is taken until the database is reopened (SeriesStore::Append).
  // So `writable` is only ever false for now; only a restart brings writes
  // back. May be empty.
  std::function<void(bool writable, const std::string& why)> on_writable_change;
  // Counts the measurement records stored (Metrics::measurements_written);
  // counts nothing by default.
  CounterRef measurements_written;
};

class CaptureCore {
 public:
  // `registry` must outlive the core.
  static absl::StatusOr<std::unique_ptr<CaptureCore>> Open(
      const std::string& dir, const CaptureOptions& options,
      ItemRegistry* registry);

  // `author` is who writes: the authenticated principal, or the request's
  // author field when calls are not authenticated. `deadline`, here and
  // below, bounds the wait for the catalog when a name must be looked up
  // there (the caller's deadline); by default only the cache's own bound.
  absl::StatusOr<v1::Measurement> Write(
      const v1::WriteMeasurementRequest& r, const std::string& author,
      absl::Time now, absl::Time deadline = absl::InfiniteFuture());
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> BatchWrite(
      const v1::BatchWriteMeasurementsRequest& r, const std::string& author,
      absl::Time now, absl::Time deadline = absl::InfiniteFuture());
  absl::StatusOr<v1::Measurement> GetMeasurement(
      const v1::GetMeasurementRequest& r, absl::Time deadline) const;
  absl::StatusOr<v1::ReadSeriesResponse> ReadSeries(
      const v1::ReadSeriesRequest& r,
      absl::Time deadline = absl::InfiniteFuture()) const;
  absl::StatusOr<v1::BatchGetMeasurementsResponse> BatchGet(
      const v1::BatchGetMeasurementsRequest& r,
      absl::Time deadline = absl::InfiniteFuture()) const;
  // The version of everything stored: what BatchGet answers as its etag and
  // the version watch tells. Any write changes it; no restart repeats it.
  std::string Etag() const;
  // The latest values of r.periods for r.entities (see the proto), handed to
  // `send` a few entities per message, never splitting an entity's periods.
  // CANCELLED when `send` returns false (the caller went away).
  absl::Status StreamPeriodValues(
      const v1::StreamPeriodValuesRequest& r,
      const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send,
      absl::Time deadline = absl::InfiniteFuture()) const;
  absl::StatusOr<v1::ListMeasurementRevisionsResponse> ListRevisions(
      const v1::ListMeasurementRevisionsRequest& r,
      absl::Time deadline = absl::InfiniteFuture()) const;
  absl::StatusOr<v1::PeriodLock> Lock(const v1::LockPeriodRequest& r,
                                      const std::string& author,
                                      absl::Time now);
  absl::StatusOr<v1::PeriodLock> Unlock(const v1::UnlockPeriodRequest& r,
                                        const std::string& author,
                                        absl::Time now);
  absl::StatusOr<v1::ListPeriodLocksResponse> ListLocks() const;
  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const v1::ListAuditEventsRequest& r) const {
    return ListAuditEventsInWords(*audit_, r);
  }

  // The database, for backups.
  storage::KvStore* kv() const { return kv_.get(); }

  // Whether writes are taken; see CaptureOptions::on_writable_change.
  bool writable() const { return series_->accepts_appends(); }

 private:
  CaptureCore(std::unique_ptr<storage::KvStore> kv,
              std::unique_ptr<storage::SeriesStore> series,
              const CaptureOptions& options, ItemRegistry* registry);

  // What the records of one bulk write checked before have found: the
  // entity and period of the last one (checked against the catalog version
  // in force for the period), and each period's table of rules.
  struct CheckedSoFar {
    std::string entity;
    std::string period;
    absl::flat_hash_map<std::string,
                        std::shared_ptr<const ItemRegistry::RuleTable>>
        rules;
  };
  // Shape, entity/item existence (in the catalog version in force for the
  // record's period) and period of one record; the period ordinal on
  // success. `index` names the record in messages ("measurements[3]."), or
  // -1 for the one record of a WriteMeasurement. When `so_far` is
  // given, an entity and period equal to it are taken as already checked,
  // and the entity and period checked are left in it.
  absl::StatusOr<storage::PeriodOrdinal> CheckRecord(const v1::Measurement& m,
                                                     int index,
                                                     CheckedSoFar* so_far,
                                                     absl::Time deadline,
                                                     v1::Value* parsed);
  // The write as storage::IdempotentWriter sees it; the fingerprints are
  // set by the caller when the request has an id.
  static storage::WriteRequest WriteOf(absl::string_view method,
                                       const std::string& author,
                                       const std::string& request_id,
                                       absl::Time now);
  // Produces the answer of a write from the revisions it was given, and may
  // add records and audit events of its own to the transaction.
  using Respond = std::function<absl::StatusOr<std::string>(
      const std::vector<uint64_t>& revisions, storage::Transaction& tx)>;
  // The one write path: refuses locked `periods`, appends `writes` and the
  // answer of `respond` under `request_id` in one batch, and returns the
  // answer's bytes — the stored ones when the request is a retry.
  absl::StatusOr<std::string> Commit(
      const storage::WriteRequest& request,
      const std::vector<storage::CellWrite>& writes,
      const std::vector<storage::PeriodOrdinal>& periods,
      const Respond& respond);
  // NOT_FOUND naming `field` when this instance does not serve `entity`.
  absl::Status CheckServed(absl::string_view entity,
                           absl::string_view field) const;
  // After a failed commit: tells on_writable_change, once, if the store now
  // refuses writes (`why` is the commit's error).
  void NoteIfUnwritable(const absl::Status& why);
  // ItemRegistry::CheckEntity or ItemRegistry::CheckItem.
  using NameCheck = absl::Status (ItemRegistry::*)(absl::string_view,
                                                   absl::string_view,
                                                   absl::Time);
  // The cell `name` names (field "name"), its entity and item known to the
  // catalog (capture_reads.cc).
  absl::StatusOr<CellRef> KnownCell(const std::string& name,
                                    absl::Time deadline) const;
  // Whether a read of `period` ("" when it names none) may name `name`
  // (capture_reads.cc): OK when `check` finds it in the catalog version in
  // force for `period`, or else in the newest version, so that a value of
  // a name the catalog has since dropped, or not yet added for that
  // period, can still be read. NOT_FOUND (from the version of `period`)
  // only when neither has it.
  absl::Status CheckKnownForRead(NameCheck check, absl::string_view name,
                                 absl::string_view period,
                                 absl::Time deadline) const;
  // Each of `names` (the repeated field `field`) passes CheckKnownForRead
  // with `check` for a read of `period`; errors name the element
  // ("entities[2]: ...").
  absl::Status CheckNames(
      const google::protobuf::RepeatedPtrField<std::string>& names,
      absl::string_view field, NameCheck check, absl::string_view period,
      absl::Time deadline) const;
  // FAILED_PRECONDITION when the period is locked. Called under the commit
  // lock so that a lock and a write cannot cross.
  absl::Status CheckUnlocked(storage::PeriodOrdinal period) const;
  absl::StatusOr<v1::PeriodLock> SetLock(
      const std::string& period_text, const std::string& reason,
      const std::string& request_id, bool locked, const std::string& author,
      absl::Time now, const google::protobuf::Message& request);
  v1::Measurement ToMeasurement(const storage::StoredRevision& r) const;
  // The response of a bulk write from its stored answer (see BatchWrite).
  static absl::StatusOr<v1::BatchWriteMeasurementsResponse> BatchResponse(
      const v1::BatchWriteMeasurementsRequest& r, const std::string& answer);
  // The audit events of `writes`, stored as `revisions`, into `tx`: one
  // record naming the cells (storage::AuditLog::AppendWrite).
  static void AuditWrites(const std::vector<storage::CellWrite>& writes,
                          const std::vector<const v1::Measurement*>& records,
                          absl::string_view method, const std::string& author,
                          const std::string& request_id,
                          const std::vector<uint64_t>& revisions,
                          storage::Transaction& tx);
  // The audit log's ChangeReader: the value a write stored as `revision` and
  // the one it replaced, from the series.
  absl::Status ReadAuditedChange(const storage::AuditedCell& cell,
                                 uint64_t revision,
                                 v1::AuditEvent* event) const;

  std::unique_ptr<storage::KvStore> kv_;
  std::unique_ptr<storage::SeriesStore> series_;
  std::unique_ptr<storage::AuditLog> audit_;
  std::unique_ptr<storage::IdempotentWriter> writer_;
  storage::FamilyId locks_;
  absl::flat_hash_set<std::string> served_;
  ItemRegistry* registry_;
  // Random per opening: the first part of the etags of BatchGet answers, so
  // that an etag never matches across restarts or instances.
  const std::string instance_;
  const std::function<void(bool, const std::string&)> on_writable_change_;
  std::atomic<bool> told_unwritable_{false};
  const CounterRef measurements_written_;
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_CAPTURE_CORE_H_
