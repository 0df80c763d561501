#include "services/catalog/catalog_service.h"

#include "absl/time/clock.h"
#include "services/catalog/catalog_queries.h"
#include "services/common/auth.h"
#include "services/common/grpc_status.h"

namespace valore::catalog {

grpc::Status CatalogServiceImpl::GetEntity(grpc::ServerContext*,
                                           const v1::GetEntityRequest* r,
                                           v1::Entity* out) {
  return Reply(catalog::GetEntity(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListEntities(grpc::ServerContext*,
                                              const v1::ListEntitiesRequest* r,
                                              v1::ListEntitiesResponse* out) {
  return Reply(catalog::ListEntities(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetStrategicDirection(
    grpc::ServerContext*, const v1::GetStrategicDirectionRequest* r,
    v1::StrategicDirection* out) {
  return Reply(catalog::GetStrategicDirection(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetStrategicObjective(
    grpc::ServerContext*, const v1::GetStrategicObjectiveRequest* r,
    v1::StrategicObjective* out) {
  return Reply(catalog::GetStrategicObjective(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetSector(grpc::ServerContext*,
                                           const v1::GetSectorRequest* r,
                                           v1::Sector* out) {
  return Reply(catalog::GetSector(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListStrategicDirections(
    grpc::ServerContext*, const v1::ListStrategicDirectionsRequest* r,
    v1::ListStrategicDirectionsResponse* out) {
  return Reply(catalog::ListStrategicDirections(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListStrategicObjectives(
    grpc::ServerContext*, const v1::ListStrategicObjectivesRequest* r,
    v1::ListStrategicObjectivesResponse* out) {
  return Reply(catalog::ListStrategicObjectives(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetProgrammeLine(
    grpc::ServerContext*, const v1::GetProgrammeLineRequest* r,
    v1::ProgrammeLine* out) {
  return Reply(catalog::GetProgrammeLine(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListProgrammeLines(
    grpc::ServerContext*, const v1::ListProgrammeLinesRequest* r,
    v1::ListProgrammeLinesResponse* out) {
  return Reply(catalog::ListProgrammeLines(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetIndicator(grpc::ServerContext*,
                                              const v1::GetIndicatorRequest* r,
                                              v1::Indicator* out) {
  return Reply(catalog::GetIndicator(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListIndicators(
    grpc::ServerContext*, const v1::ListIndicatorsRequest* r,
    v1::ListIndicatorsResponse* out) {
  return Reply(catalog::ListIndicators(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetExecutiveObjective(
    grpc::ServerContext*, const v1::GetExecutiveObjectiveRequest* r,
    v1::ExecutiveObjective* out) {
  return Reply(catalog::GetExecutiveObjective(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListExecutiveObjectives(
    grpc::ServerContext*, const v1::ListExecutiveObjectivesRequest* r,
    v1::ListExecutiveObjectivesResponse* out) {
  return Reply(catalog::ListExecutiveObjectives(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::ListSectors(grpc::ServerContext*,
                                             const v1::ListSectorsRequest* r,
                                             v1::ListSectorsResponse* out) {
  return Reply(catalog::ListSectors(*core_->Current(), *r), out);
}

grpc::Status CatalogServiceImpl::GetCaller(grpc::ServerContext* context,
                                           const v1::GetCallerRequest*,
                                           v1::Caller* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, "");
  if (!p.ok()) return ToGrpcStatus(p.status());
  out->set_principal(p->name);
  switch (p->role) {
    case Role::kViewer:
      out->set_role(v1::Caller::ROLE_VIEWER);
      break;
    case Role::kEditor:
      out->set_role(v1::Caller::ROLE_EDITOR);
      break;
    case Role::kJob:
      out->set_role(v1::Caller::ROLE_JOB);
      break;
    case Role::kAdmin:
      out->set_role(v1::Caller::ROLE_ADMIN);
      break;
  }
  for (const std::string& entity : p->entities) out->add_entities(entity);
  out->set_unauthenticated_mode(p->unauthenticated_mode);
  return grpc::Status::OK;
}

grpc::Status CatalogServiceImpl::GetEvaluationPolicy(
    grpc::ServerContext*, const v1::GetEvaluationPolicyRequest*,
    v1::EvaluationPolicy* out) {
  *out = core_->Current()->policy();
  return grpc::Status::OK;
}

grpc::Status CatalogServiceImpl::ImportCatalog(
    grpc::ServerContext* context, const v1::ImportCatalogRequest* r,
    v1::ImportCatalogResponse* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, r->author());
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "import a catalog");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::ImportCatalogResponse> imported =
      core_->Import(*r, p->name, absl::Now());
  // Before the reply: a watcher that trusts its version knows of every
  // acknowledged import.
  if (imported.ok() && !r->validate_only() && watch_ != nullptr) {
    watch_->Publish();
  }
  return Reply(std::move(imported), out);
}

grpc::Status CatalogServiceImpl::ListAuditEvents(
    grpc::ServerContext*, const v1::ListAuditEventsRequest* r,
    v1::ListAuditEventsResponse* out) {
  return Reply(core_->ListAuditEvents(*r), out);
}

grpc::Status CatalogServiceImpl::ExportCatalog(
    grpc::ServerContext*, const v1::ExportCatalogRequest* r,
    v1::ExportCatalogResponse* out) {
  return Reply(core_->Export(*r), out);
}

grpc::Status CatalogServiceImpl::GetCatalogVersion(
    grpc::ServerContext*, const v1::GetCatalogVersionRequest* r,
    v1::CatalogVersion* out) {
  return Reply(core_->GetVersion(*r), out);
}

grpc::Status CatalogServiceImpl::ListCatalogVersions(
    grpc::ServerContext*, const v1::ListCatalogVersionsRequest* r,
    v1::ListCatalogVersionsResponse* out) {
  return Reply(core_->ListVersions(*r), out);
}

}  // namespace valore::catalog
