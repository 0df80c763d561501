// Get and List over one catalog snapshot: resource names, filters and
// pagination. Pure functions, tested without a network.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_QUERIES_H_
#define VALORE_SERVICES_CATALOG_CATALOG_QUERIES_H_

#include "absl/status/statusor.h"
#include "valore/v1/catalog.pb.h"

namespace valore::catalog {

absl::StatusOr<v1::Entity> GetEntity(const v1::Catalog& c,
                                     const v1::GetEntityRequest& r);
absl::StatusOr<v1::StrategicDirection> GetStrategicDirection(
    const v1::Catalog& c, const v1::GetStrategicDirectionRequest& r);
absl::StatusOr<v1::StrategicObjective> GetStrategicObjective(
    const v1::Catalog& c, const v1::GetStrategicObjectiveRequest& r);
absl::StatusOr<v1::Sector> GetSector(const v1::Catalog& c,
                                     const v1::GetSectorRequest& r);
absl::StatusOr<v1::ListEntitiesResponse> ListEntities(
    const v1::Catalog& c, const v1::ListEntitiesRequest& r);
absl::StatusOr<v1::ListStrategicDirectionsResponse> ListStrategicDirections(
    const v1::Catalog& c, const v1::ListStrategicDirectionsRequest& r);
absl::StatusOr<v1::ListStrategicObjectivesResponse> ListStrategicObjectives(
    const v1::Catalog& c, const v1::ListStrategicObjectivesRequest& r);
absl::StatusOr<v1::ProgrammeLine> GetProgrammeLine(
    const v1::Catalog& c, const v1::GetProgrammeLineRequest& r);
absl::StatusOr<v1::ListProgrammeLinesResponse> ListProgrammeLines(
    const v1::Catalog& c, const v1::ListProgrammeLinesRequest& r);
absl::StatusOr<v1::Indicator> GetIndicator(const v1::Catalog& c,
                                           const v1::GetIndicatorRequest& r);
absl::StatusOr<v1::ListIndicatorsResponse> ListIndicators(
    const v1::Catalog& c, const v1::ListIndicatorsRequest& r);
absl::StatusOr<v1::ExecutiveObjective> GetExecutiveObjective(
    const v1::Catalog& c, const v1::GetExecutiveObjectiveRequest& r);
absl::StatusOr<v1::ListExecutiveObjectivesResponse> ListExecutiveObjectives(
    const v1::Catalog& c, const v1::ListExecutiveObjectivesRequest& r);
absl::StatusOr<v1::ListSectorsResponse> ListSectors(
    const v1::Catalog& c, const v1::ListSectorsRequest& r);
v1::ExportCatalogResponse ExportCatalog(const v1::Catalog& c,
                                        const v1::ExportCatalogRequest& r);

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_QUERIES_H_
