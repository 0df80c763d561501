#include "services/capture/capture_service.h"

#include <string>

#include "absl/time/clock.h"
#include "services/common/grpc_status.h"

namespace valore::capture {
namespace {

// Who the write is recorded for: the caller's stated author, until calls
// carry authenticated principals.
std::string AuthorOf(const std::string& stated) {
  return stated.empty() ? "anonymous" : stated;
}

}  // namespace

grpc::Status CaptureServiceImpl::WriteMeasurement(
    grpc::ServerContext*, const v1::WriteMeasurementRequest* r,
    v1::Measurement* out) {
  return Reply(core_->Write(*r, AuthorOf(r->author()), absl::Now()), out);
}

grpc::Status CaptureServiceImpl::BatchWriteMeasurements(
    grpc::ServerContext*, const v1::BatchWriteMeasurementsRequest* r,
    v1::BatchWriteMeasurementsResponse* out) {
  return Reply(core_->BatchWrite(*r, AuthorOf(r->author()), absl::Now()), out);
}

grpc::Status CaptureServiceImpl::ReadSeries(grpc::ServerContext*,
                                            const v1::ReadSeriesRequest* r,
                                            v1::ReadSeriesResponse* out) {
  return Reply(core_->ReadSeries(*r), out);
}

grpc::Status CaptureServiceImpl::BatchGetMeasurements(
    grpc::ServerContext*, const v1::BatchGetMeasurementsRequest* r,
    v1::BatchGetMeasurementsResponse* out) {
  return Reply(core_->BatchGet(*r), out);
}

grpc::Status CaptureServiceImpl::ListMeasurementRevisions(
    grpc::ServerContext*, const v1::ListMeasurementRevisionsRequest* r,
    v1::ListMeasurementRevisionsResponse* out) {
  return Reply(core_->ListRevisions(*r), out);
}

grpc::Status CaptureServiceImpl::LockPeriod(grpc::ServerContext*,
                                            const v1::LockPeriodRequest* r,
                                            v1::PeriodLock* out) {
  return Reply(core_->Lock(*r, AuthorOf(r->author()), absl::Now()), out);
}

grpc::Status CaptureServiceImpl::UnlockPeriod(grpc::ServerContext*,
                                              const v1::UnlockPeriodRequest* r,
                                              v1::PeriodLock* out) {
  return Reply(core_->Unlock(*r, AuthorOf(r->author()), absl::Now()), out);
}

grpc::Status CaptureServiceImpl::ListPeriodLocks(
    grpc::ServerContext*, const v1::ListPeriodLocksRequest*,
    v1::ListPeriodLocksResponse* out) {
  return Reply(core_->ListLocks(), out);
}

}  // namespace valore::capture
