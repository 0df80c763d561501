#include "services/capture/capture_service.h"

#include <string>

#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/pagination.h"
#include "services/common/auth.h"
#include "services/common/deadlines.h"
#include "services/common/grpc_status.h"

namespace valore::capture {
namespace {

// Catalog look-ups made for a call wait no longer than its caller does;
// the catalog cache bounds a caller without a deadline.
absl::Time Deadline(const grpc::ServerContextBase& context) {
  return DependencyDeadline(context, absl::InfiniteDuration());
}

}  // namespace

void CaptureServiceImpl::Published() const {
  // Before the reply: a watcher that trusts its version knows of every
  // acknowledged write.
  if (watch_ != nullptr) watch_->Publish();
}

grpc::Status CaptureServiceImpl::WriteMeasurement(
    grpc::ServerContext* context, const v1::WriteMeasurementRequest* r,
    v1::Measurement* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = RequireEntityWriter(*p, r->measurement().entity());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::Measurement> written =
      core_->Write(*r, p->name, absl::Now(), Deadline(*context));
  if (written.ok()) Published();
  return Reply(std::move(written), out);
}

absl::StatusOr<v1::BatchWriteMeasurementsResponse>
CaptureServiceImpl::BatchWrite(const grpc::ServerContextBase& context,
                               const v1::BatchWriteMeasurementsRequest& r) {
  absl::StatusOr<Principal> p = PrincipalOf(context, tokens_, r.author());
  if (!p.ok()) return p.status();
  for (const v1::Measurement& m : r.measurements()) {
    if (absl::Status s = RequireEntityWriter(*p, m.entity()); !s.ok()) {
      return s;
    }
  }
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      core_->BatchWrite(r, p->name, absl::Now(), Deadline(context));
  if (written.ok() && !r.validate_only()) Published();
  return written;
}

grpc::ServerUnaryReactor* CaptureServiceImpl::BatchWriteMeasurements(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // gRPC's reader takes a buffer it may clear; the copy shares the received
  // slices.
  writers_.Run([this, context, reactor, bytes = *request, response]() mutable {
    google::protobuf::Arena arena;
    auto* r = google::protobuf::Arena::CreateMessage<
        v1::BatchWriteMeasurementsRequest>(&arena);
    if (!grpc::SerializationTraits<
             v1::BatchWriteMeasurementsRequest>::Deserialize(&bytes, r)
             .ok()) {
      reactor->Finish(ToGrpcStatus(
          InvalidFieldError("request", "not a BatchWriteMeasurementsRequest")));
      return;
    }
    absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
        BatchWrite(*context, *r);
    if (!written.ok()) {
      reactor->Finish(ToGrpcStatus(written.status()));
      return;
    }
    bool own_buffer = false;
    reactor->Finish(
        grpc::SerializationTraits<
            v1::BatchWriteMeasurementsResponse>::Serialize(*written, response,
                                                           &own_buffer));
  });
  return reactor;
}

grpc::Status CaptureServiceImpl::GetMeasurement(
    grpc::ServerContext* context, const v1::GetMeasurementRequest* r,
    v1::Measurement* out) {
  return Reply(core_->GetMeasurement(*r, Deadline(*context)), out);
}

grpc::Status CaptureServiceImpl::ReadSeries(grpc::ServerContext* context,
                                            const v1::ReadSeriesRequest* r,
                                            v1::ReadSeriesResponse* out) {
  return Reply(core_->ReadSeries(*r, Deadline(*context)), out);
}

grpc::Status CaptureServiceImpl::BatchGetMeasurements(
    grpc::ServerContext* context, const v1::BatchGetMeasurementsRequest* r,
    v1::BatchGetMeasurementsResponse* out) {
  return Reply(core_->BatchGet(*r, Deadline(*context)), out);
}

grpc::Status CaptureServiceImpl::StreamPeriodValues(
    grpc::ServerContext* context, const v1::StreamPeriodValuesRequest* r,
    grpc::ServerWriter<v1::StreamPeriodValuesResponse>* writer) {
  return ToGrpcStatus(core_->StreamPeriodValues(
      *r,
      [&](const v1::StreamPeriodValuesResponse& chunk) {
        return !context->IsCancelled() && writer->Write(chunk);
      },
      Deadline(*context)));
}

grpc::Status CaptureServiceImpl::ListMeasurementRevisions(
    grpc::ServerContext* context, const v1::ListMeasurementRevisionsRequest* r,
    v1::ListMeasurementRevisionsResponse* out) {
  return Reply(
      OnePage(*r, core_->ListRevisions(*r, Deadline(*context)),
              &v1::ListMeasurementRevisionsResponse::mutable_revisions),
      out);
}

grpc::Status CaptureServiceImpl::LockPeriod(grpc::ServerContext* context,
                                            const v1::LockPeriodRequest* r,
                                            v1::PeriodLock* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin, Role::kJob}, "lock a period");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(core_->Lock(*r, p->name, absl::Now()), out);
}

grpc::Status CaptureServiceImpl::UnlockPeriod(grpc::ServerContext* context,
                                              const v1::UnlockPeriodRequest* r,
                                              v1::PeriodLock* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "unlock a period");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(core_->Unlock(*r, p->name, absl::Now()), out);
}

grpc::Status CaptureServiceImpl::ListPeriodLocks(
    grpc::ServerContext*, const v1::ListPeriodLocksRequest* r,
    v1::ListPeriodLocksResponse* out) {
  return Reply(OnePage(*r, core_->ListLocks(),
                       &v1::ListPeriodLocksResponse::mutable_locks),
               out);
}

grpc::Status CaptureServiceImpl::ListAuditEvents(
    grpc::ServerContext*, const v1::ListAuditEventsRequest* r,
    v1::ListAuditEventsResponse* out) {
  return Reply(core_->ListAuditEvents(*r), out);
}

}  // namespace valore::capture
