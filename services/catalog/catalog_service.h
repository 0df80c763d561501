// gRPC adapter of the catalog: each method hands the request to the core or
// to the queries over the current snapshot, and maps the status once.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_SERVICE_H_
#define VALORE_SERVICES_CATALOG_CATALOG_SERVICE_H_

#include "services/catalog/catalog_core.h"
#include "services/common/token_store.h"
#include "services/common/version_watch_hub.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::catalog {

class CatalogServiceImpl final : public v1::CatalogService::Service {
 public:
  // `tokens` judge every call (TLS with tokens); null: every caller is an
  // admin named by the request's author field (insecure mode).
  // `watch`, when given, is told of every import before it is
  // acknowledged.
  CatalogServiceImpl(CatalogCore* core, const TokenStore* tokens,
                     VersionWatchHub* watch = nullptr)
      : core_(core), tokens_(tokens), watch_(watch) {}

  grpc::Status GetEntity(grpc::ServerContext*, const v1::GetEntityRequest* r,
                         v1::Entity* out) override;
  grpc::Status ListEntities(grpc::ServerContext*,
                            const v1::ListEntitiesRequest* r,
                            v1::ListEntitiesResponse* out) override;
  grpc::Status GetStrategicDirection(grpc::ServerContext*,
                                     const v1::GetStrategicDirectionRequest* r,
                                     v1::StrategicDirection* out) override;
  grpc::Status GetStrategicObjective(grpc::ServerContext*,
                                     const v1::GetStrategicObjectiveRequest* r,
                                     v1::StrategicObjective* out) override;
  grpc::Status GetSector(grpc::ServerContext*, const v1::GetSectorRequest* r,
                         v1::Sector* out) override;
  grpc::Status ListStrategicDirections(
      grpc::ServerContext*, const v1::ListStrategicDirectionsRequest* r,
      v1::ListStrategicDirectionsResponse* out) override;
  grpc::Status ListStrategicObjectives(
      grpc::ServerContext*, const v1::ListStrategicObjectivesRequest* r,
      v1::ListStrategicObjectivesResponse* out) override;
  grpc::Status GetProgrammeLine(grpc::ServerContext*,
                                const v1::GetProgrammeLineRequest* r,
                                v1::ProgrammeLine* out) override;
  grpc::Status ListProgrammeLines(grpc::ServerContext*,
                                  const v1::ListProgrammeLinesRequest* r,
                                  v1::ListProgrammeLinesResponse* out) override;
  grpc::Status GetIndicator(grpc::ServerContext*,
                            const v1::GetIndicatorRequest* r,
                            v1::Indicator* out) override;
  grpc::Status ListIndicators(grpc::ServerContext*,
                              const v1::ListIndicatorsRequest* r,
                              v1::ListIndicatorsResponse* out) override;
  grpc::Status GetExecutiveObjective(grpc::ServerContext*,
                                     const v1::GetExecutiveObjectiveRequest* r,
                                     v1::ExecutiveObjective* out) override;
  grpc::Status ListExecutiveObjectives(
      grpc::ServerContext*, const v1::ListExecutiveObjectivesRequest* r,
      v1::ListExecutiveObjectivesResponse* out) override;
  grpc::Status ListSectors(grpc::ServerContext*,
                           const v1::ListSectorsRequest* r,
                           v1::ListSectorsResponse* out) override;
  grpc::Status GetCaller(grpc::ServerContext* context,
                         const v1::GetCallerRequest* r,
                         v1::Caller* out) override;
  grpc::Status GetEvaluationPolicy(grpc::ServerContext*,
                                   const v1::GetEvaluationPolicyRequest* r,
                                   v1::EvaluationPolicy* out) override;
  grpc::Status ImportCatalog(grpc::ServerContext*,
                             const v1::ImportCatalogRequest* r,
                             v1::ImportCatalogResponse* out) override;
  grpc::Status ListAuditEvents(grpc::ServerContext*,
                               const v1::ListAuditEventsRequest* r,
                               v1::ListAuditEventsResponse* out) override;
  grpc::Status ExportCatalog(grpc::ServerContext*,
                             const v1::ExportCatalogRequest* r,
                             v1::ExportCatalogResponse* out) override;
  grpc::Status GetCatalogVersion(grpc::ServerContext*,
                                 const v1::GetCatalogVersionRequest* r,
                                 v1::CatalogVersion* out) override;
  grpc::Status ListCatalogVersions(
      grpc::ServerContext*, const v1::ListCatalogVersionsRequest* r,
      v1::ListCatalogVersionsResponse* out) override;

 private:
  CatalogCore* core_;
  const TokenStore* tokens_;
  VersionWatchHub* const watch_;
};

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_SERVICE_H_
