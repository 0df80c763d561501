#include "services/aggregation/aggregation_service.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/pagination.h"
#include "services/common/auth.h"
#include "services/common/deadlines.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {
AggregationServiceImpl::~AggregationServiceImpl() = default;

absl::Time AggregationServiceImpl::Deadline(
    const grpc::ServerContextBase* context) const {
  return DependencyDeadline(*context, max_call_time_);
}

absl::Time AggregationServiceImpl::StreamDeadline(
    const grpc::ServerContextBase* context) const {
  const absl::Time now = absl::Now();
  const absl::Time caller = absl::FromChrono(context->deadline());
  // A caller without a deadline shows as a time centuries ahead (gRPC's
  // time_point::max), not as InfiniteFuture: a day stands for "none".
  if (caller - now > absl::Hours(24)) {
    return now + max_call_time_;
  }
  return now + (caller - now) * 9 / 10;
}

grpc::ServerUnaryReactor* AggregationServiceImpl::GetReport(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto r = std::make_shared<v1::GetReportRequest>();
  grpc::ByteBuffer bytes = *request;  // shares the slices; Deserialize clears
  if (!grpc::SerializationTraits<v1::GetReportRequest>::Deserialize(&bytes,
                                                                    r.get())
           .ok()) {
    reactor->Finish(
        ToGrpcStatus(InvalidFieldError("request", "not a GetReportRequest")));
    return reactor;
  }
  const absl::Time deadline = Deadline(context);
  // The bytes go out as they are; the slice keeps them alive.
  auto respond = [reactor, response](std::shared_ptr<const std::string> bytes) {
    auto* owner = new std::shared_ptr<const std::string>(std::move(bytes));
    grpc::Slice slice(
        const_cast<char*>((*owner)->data()), (*owner)->size(),
        [](void* p) {
          delete static_cast<std::shared_ptr<const std::string>*>(p);
        },
        owner);
    *response = grpc::ByteBuffer(&slice, 1);
    reactor->Finish(grpc::Status::OK);
  };
  // Built (or read) on a worker: it waits for other services.
  auto build = [this, r, deadline, reactor, respond] {
    workers_.Run([this, r, deadline, reactor, respond] {
      absl::StatusOr<std::shared_ptr<const std::string>> report =
          core_->GetReportBytes(*r, deadline);
      if (!report.ok()) {
        reactor->Finish(ToGrpcStatus(report.status()));
        return;
      }
      respond(*std::move(report));
    });
  };
  // A report asked before is revalidated without blocking any thread, and
  // sent from the cache when nothing changed.
  if (!core_->CachedReportAsync(
          *r, deadline,
          [build, respond](std::shared_ptr<const std::string> bytes) {
            if (bytes != nullptr) {
              respond(std::move(bytes));
            } else {
              build();
            }
          })) {
    build();
  }
  return reactor;
}

grpc::Status AggregationServiceImpl::StreamEntitySummaries(
    grpc::ServerContext* context, const v1::StreamEntitySummariesRequest* r,
    grpc::ServerWriter<v1::StreamEntitySummariesResponse>* writer) {
  return ToGrpcStatus(core_->StreamEntitySummaries(
      *r, StreamDeadline(context),
      [&](const v1::StreamEntitySummariesResponse& chunk) {
        return !context->IsCancelled() && writer->Write(chunk);
      }));
}

grpc::Status AggregationServiceImpl::SetValidatedOutcome(
    grpc::ServerContext* context, const v1::SetValidatedOutcomeRequest* r,
    v1::ValidatedOutcome* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "validate an outcome");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(
      core_->SetValidatedOutcome(*r, p->name, absl::Now(), Deadline(context)),
      out);
}

grpc::Status AggregationServiceImpl::BatchSetValidatedOutcomes(
    grpc::ServerContext* context, const v1::BatchSetValidatedOutcomesRequest* r,
    v1::BatchSetValidatedOutcomesResponse* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "validate outcomes");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(core_->BatchSetValidatedOutcomes(*r, p->name, absl::Now(),
                                                Deadline(context)),
               out);
}

grpc::Status AggregationServiceImpl::GetValidatedOutcome(
    grpc::ServerContext*, const v1::GetValidatedOutcomeRequest* r,
    v1::ValidatedOutcome* out) {
  return Reply(core_->GetValidatedOutcome(*r), out);
}

grpc::Status AggregationServiceImpl::ListValidatedOutcomes(
    grpc::ServerContext*, const v1::ListValidatedOutcomesRequest* r,
    v1::ListValidatedOutcomesResponse* out) {
  return Reply(
      OnePage(*r, core_->ListValidatedOutcomes(*r),
              &v1::ListValidatedOutcomesResponse::mutable_validated_outcomes),
      out);
}

grpc::Status AggregationServiceImpl::ImportPublishedFigures(
    grpc::ServerContext* context, const v1::ImportPublishedFiguresRequest* r,
    v1::ImportPublishedFiguresResponse* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "import published figures");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(core_->ImportPublishedFigures(*r, p->name, absl::Now()), out);
}

grpc::Status AggregationServiceImpl::TakeSnapshot(
    grpc::ServerContext* context, const v1::TakeSnapshotRequest* r,
    v1::Snapshot* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s =
          Require(*p, {Role::kAdmin, Role::kJob}, "take a snapshot");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  return Reply(core_->TakeSnapshot(*r, p->name, absl::Now(), Deadline(context)),
               out);
}

grpc::Status AggregationServiceImpl::GetSnapshot(
    grpc::ServerContext*, const v1::GetSnapshotRequest* r, v1::Snapshot* out) {
  return Reply(core_->GetSnapshot(*r), out);
}

grpc::Status AggregationServiceImpl::ListSnapshots(
    grpc::ServerContext*, const v1::ListSnapshotsRequest* r,
    v1::ListSnapshotsResponse* out) {
  return Reply(OnePage(*r, core_->ListSnapshots(*r),
                       &v1::ListSnapshotsResponse::mutable_snapshots),
               out);
}

grpc::Status AggregationServiceImpl::DiffSnapshot(
    grpc::ServerContext* context, const v1::DiffSnapshotRequest* r,
    v1::DiffSnapshotResponse* out) {
  return Reply(core_->DiffSnapshot(*r, Deadline(context)), out);
}

grpc::Status AggregationServiceImpl::ListAuditEvents(
    grpc::ServerContext*, const v1::ListAuditEventsRequest* r,
    v1::ListAuditEventsResponse* out) {
  return Reply(core_->ListAuditEvents(*r), out);
}

}  // namespace valore::aggregation
