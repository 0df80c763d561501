// The aggregation service's logic, free of gRPC: builds reports from the
// catalog and capture services, and keeps validated outcomes and published
// figures, revisioned, in its own RocksDB.
#ifndef VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_H_
#define VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "services/aggregation/published_figure_store.h"
#include "services/aggregation/report_cache.h"
#include "services/aggregation/snapshot_store.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/validated_outcome_store.h"
#include "services/common/audit_events.h"
#include "services/common/metrics.h"
#include "storage/audit_log.h"
#include "storage/idempotent_writer.h"
#include "storage/kv_store.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

// Counters of the aggregation's events (see Metrics); they count nothing by
// default.
struct AggregationCounters {
  CounterRef reports_built;
  CounterRef report_cache_hits;
  CounterRef report_cache_misses;
  CounterRef snapshots_taken;
  CounterRef report_cache_watched_hits;
};

class AggregationCore {
 public:
  // `sources` must outlive the core.
  static absl::StatusOr<std::unique_ptr<AggregationCore>> Open(
      const std::string& dir, const storage::KvOptions& options,
      Sources* sources, AggregationCounters counters = {});

  absl::StatusOr<v1::Report> GetReport(const v1::GetReportRequest& r,
                                       absl::Time deadline);
  // The same report, serialized. A report asked again whose inputs have not
  // changed comes from the cache as it is (shared, not copied).
  absl::StatusOr<std::shared_ptr<const std::string>> GetReportBytes(
      const v1::GetReportRequest& r, absl::Time deadline);
  // The cached report of a question asked before, when its inputs have not
  // changed, found without blocking: `done` gets its bytes, or nullptr when
  // the report has to be built (GetReportBytes). `done` runs on another
  // thread and must not block. False, without calling `done`, when nothing
  // cached can answer.
  bool CachedReportAsync(
      const v1::GetReportRequest& r, absl::Time deadline,
      std::function<void(std::shared_ptr<const std::string>)> done);
  // The summaries of r.period for r.entities (see the proto), handed to
  // `send` as the capture services' values arrive. CANCELLED when `send`
  // returns false (the caller went away).
  absl::Status StreamEntitySummaries(
      const v1::StreamEntitySummariesRequest& r, absl::Time deadline,
      const std::function<bool(const v1::StreamEntitySummariesResponse&)>&
          send);
  absl::StatusOr<v1::ValidatedOutcome> SetValidatedOutcome(
      const v1::SetValidatedOutcomeRequest& r, const std::string& author,
      absl::Time now, absl::Time deadline);
  absl::StatusOr<v1::BatchSetValidatedOutcomesResponse>
  BatchSetValidatedOutcomes(const v1::BatchSetValidatedOutcomesRequest& r,
                            const std::string& author, absl::Time now,
                            absl::Time deadline);
  absl::StatusOr<v1::ListValidatedOutcomesResponse> ListValidatedOutcomes(
      const v1::ListValidatedOutcomesRequest& r) const {
    return validated_->List(r);
  }
  absl::StatusOr<v1::ValidatedOutcome> GetValidatedOutcome(
      const v1::GetValidatedOutcomeRequest& r) const {
    return validated_->Get(r);
  }
  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const v1::ListAuditEventsRequest& r) const {
    return ListAuditEventsInWords(*audit_, r);
  }
  // Snapshots (aggregation_snapshots.cc).
  absl::StatusOr<v1::Snapshot> TakeSnapshot(const v1::TakeSnapshotRequest& r,
                                            const std::string& author,
                                            absl::Time now,
                                            absl::Time deadline);
  absl::StatusOr<v1::Snapshot> GetSnapshot(
      const v1::GetSnapshotRequest& r) const;
  absl::StatusOr<v1::ListSnapshotsResponse> ListSnapshots(
      const v1::ListSnapshotsRequest& r) const;
  absl::StatusOr<v1::DiffSnapshotResponse> DiffSnapshot(
      const v1::DiffSnapshotRequest& r, absl::Time deadline);

  absl::StatusOr<v1::ImportPublishedFiguresResponse> ImportPublishedFigures(
      const v1::ImportPublishedFiguresRequest& r, const std::string& author,
      absl::Time now);

  // The database, for backups.
  storage::KvStore* kv() const { return kv_.get(); }

 private:
  AggregationCore(std::unique_ptr<storage::KvStore> kv, Sources* sources,
                  AggregationCounters counters);

  // Checks and stores validated outcomes; `need_justification` decides
  // against the computed outcomes unless the batch is a published document.
  absl::StatusOr<std::string> StoreValidated(
      absl::string_view method, const google::protobuf::Message& request,
      const std::string& request_id,
      const google::protobuf::RepeatedPtrField<v1::ValidatedOutcome>& outcomes,
      bool from_document, const std::string& author, absl::Time now,
      absl::Time deadline);
  // Runs `write` once per `request_id` (storage::IdempotentWriter, which
  // also runs the core's writes one at a time): a retry gets the stored
  // answer.
  absl::StatusOr<std::string> Idempotent(
      absl::string_view method, const std::string& author,
      const std::string& request_id, const google::protobuf::Message& request,
      absl::Time now, const storage::IdempotentWriter::WriteFn& write);

  std::unique_ptr<storage::KvStore> kv_;
  std::unique_ptr<storage::AuditLog> audit_;
  std::unique_ptr<storage::IdempotentWriter> writer_;
  Sources* sources_;
  SnapshotStore snapshots_;
  PublishedFigureStore published_;
  std::unique_ptr<ValidatedOutcomeStore> validated_;
  ReportCache reports_;
  const AggregationCounters counters_;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_H_
