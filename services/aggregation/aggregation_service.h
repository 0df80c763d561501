// gRPC adapter of aggregation: the caller's deadline bounds every call made
// on its behalf to the catalog and capture services.
#ifndef VALORE_SERVICES_AGGREGATION_AGGREGATION_SERVICE_H_
#define VALORE_SERVICES_AGGREGATION_AGGREGATION_SERVICE_H_

#include "absl/time/time.h"
#include "services/aggregation/aggregation_core.h"
#include "services/common/token_store.h"
#include "services/common/worker_threads.h"
#include "valore/v1/aggregation.grpc.pb.h"

namespace valore::aggregation {

// GetReport is served through the callback API with raw bytes: a report
// the core has cached goes out as it is, neither copied nor serialized
// again; the core's blocking work runs on the service's own threads.
class AggregationServiceImpl final
    : public v1::AggregationService::WithRawCallbackMethod_GetReport<
          v1::AggregationService::Service> {
 public:
  // `max_call_time` bounds a call whose caller set no deadline.
  // `tokens` judge every call (TLS with tokens); null: every caller is an
  // admin named by the request's author field (insecure mode).
  AggregationServiceImpl(AggregationCore* core, absl::Duration max_call_time,
                         const TokenStore* tokens)
      : core_(core), max_call_time_(max_call_time), tokens_(tokens) {}
  ~AggregationServiceImpl() override;

  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::Status StreamEntitySummaries(
      grpc::ServerContext* context, const v1::StreamEntitySummariesRequest* r,
      grpc::ServerWriter<v1::StreamEntitySummariesResponse>* writer) override;
  grpc::Status SetValidatedOutcome(grpc::ServerContext* context,
                                   const v1::SetValidatedOutcomeRequest* r,
                                   v1::ValidatedOutcome* out) override;
  grpc::Status BatchSetValidatedOutcomes(
      grpc::ServerContext* context,
      const v1::BatchSetValidatedOutcomesRequest* r,
      v1::BatchSetValidatedOutcomesResponse* out) override;
  grpc::Status GetValidatedOutcome(grpc::ServerContext* context,
                                   const v1::GetValidatedOutcomeRequest* r,
                                   v1::ValidatedOutcome* out) override;
  grpc::Status ListValidatedOutcomes(
      grpc::ServerContext* context, const v1::ListValidatedOutcomesRequest* r,
      v1::ListValidatedOutcomesResponse* out) override;
  grpc::Status TakeSnapshot(grpc::ServerContext* context,
                            const v1::TakeSnapshotRequest* r,
                            v1::Snapshot* out) override;
  grpc::Status GetSnapshot(grpc::ServerContext* context,
                           const v1::GetSnapshotRequest* r,
                           v1::Snapshot* out) override;
  grpc::Status ListSnapshots(grpc::ServerContext* context,
                             const v1::ListSnapshotsRequest* r,
                             v1::ListSnapshotsResponse* out) override;
  grpc::Status DiffSnapshot(grpc::ServerContext* context,
                            const v1::DiffSnapshotRequest* r,
                            v1::DiffSnapshotResponse* out) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* r,
                               v1::ListAuditEventsResponse* out) override;
  grpc::Status ImportPublishedFigures(
      grpc::ServerContext* context, const v1::ImportPublishedFiguresRequest* r,
      v1::ImportPublishedFiguresResponse* out) override;

 private:
  absl::Time Deadline(const grpc::ServerContextBase* context) const;
  // For a stream, which may rightly take longer than one call: the caller's
  // deadline when it set one, else the same bound as Deadline.
  absl::Time StreamDeadline(const grpc::ServerContextBase* context) const;

  AggregationCore* core_;
  absl::Duration max_call_time_;
  const TokenStore* tokens_;
  // Runs report calls off gRPC's callback threads: they wait for other
  // services, whose answers arrive on those threads. Enough for the calls in
  // flight at once: each mostly waits.
  WorkerThreads workers_{16};
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_AGGREGATION_SERVICE_H_
