// gRPC adapter of capture: hands each request to the core and maps the
// status once.
#ifndef VALORE_SERVICES_CAPTURE_CAPTURE_SERVICE_H_
#define VALORE_SERVICES_CAPTURE_CAPTURE_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "services/capture/capture_core.h"
#include "services/common/token_store.h"
#include "services/common/version_watch_hub.h"
#include "services/common/worker_threads.h"
#include "valore/v1/capture.grpc.pb.h"

namespace valore::capture {

// BatchWriteMeasurements is served from its bytes: its request is parsed
// into an arena, freed in one go, where ten thousand records parsed onto the
// heap are some fifty thousand allocations to make and free.
class CaptureServiceImpl final
    : public v1::CaptureService::WithRawCallbackMethod_BatchWriteMeasurements<
          v1::CaptureService::Service> {
 public:
  // `tokens` judge every call (TLS with tokens); null: every caller is an
  // admin named by the request's author field (insecure mode). `watch`, when
  // given, is told of every write before it is acknowledged.
  CaptureServiceImpl(CaptureCore* core, const TokenStore* tokens,
                     VersionWatchHub* watch = nullptr)
      : core_(core), tokens_(tokens), watch_(watch) {}

  grpc::Status WriteMeasurement(grpc::ServerContext* context,
                                const v1::WriteMeasurementRequest* r,
                                v1::Measurement* out) override;
  grpc::ServerUnaryReactor* BatchWriteMeasurements(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
      grpc::ByteBuffer* response) override;
  grpc::Status GetMeasurement(grpc::ServerContext* context,
                              const v1::GetMeasurementRequest* r,
                              v1::Measurement* out) override;
  grpc::Status ReadSeries(grpc::ServerContext* context,
                          const v1::ReadSeriesRequest* r,
                          v1::ReadSeriesResponse* out) override;
  grpc::Status BatchGetMeasurements(
      grpc::ServerContext* context, const v1::BatchGetMeasurementsRequest* r,
      v1::BatchGetMeasurementsResponse* out) override;
  grpc::Status StreamPeriodValues(
      grpc::ServerContext* context, const v1::StreamPeriodValuesRequest* r,
      grpc::ServerWriter<v1::StreamPeriodValuesResponse>* writer) override;
  grpc::Status ListMeasurementRevisions(
      grpc::ServerContext* context,
      const v1::ListMeasurementRevisionsRequest* r,
      v1::ListMeasurementRevisionsResponse* out) override;
  grpc::Status LockPeriod(grpc::ServerContext* context,
                          const v1::LockPeriodRequest* r,
                          v1::PeriodLock* out) override;
  grpc::Status UnlockPeriod(grpc::ServerContext* context,
                            const v1::UnlockPeriodRequest* r,
                            v1::PeriodLock* out) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* r,
                               v1::ListAuditEventsResponse* out) override;
  grpc::Status ListPeriodLocks(grpc::ServerContext* context,
                               const v1::ListPeriodLocksRequest* r,
                               v1::ListPeriodLocksResponse* out) override;

 private:
  // Tells the watchers of a write that has committed.
  void Published() const;
  // A bulk write, authorized by the call's credentials.
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> BatchWrite(
      const grpc::ServerContextBase& context,
      const v1::BatchWriteMeasurementsRequest& r);

  CaptureCore* core_;
  const TokenStore* tokens_;
  VersionWatchHub* const watch_;
  // Bulk writes off gRPC's callback threads: they wait for the disk and for
  // each other's commits. Enough to parse and check requests while one
  // commits.
  WorkerThreads writers_{8};
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_CAPTURE_SERVICE_H_
