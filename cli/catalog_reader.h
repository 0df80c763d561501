// Reads whole collections from CatalogService, following page tokens.
#ifndef VALORE_CLI_CATALOG_READER_H_
#define VALORE_CLI_CATALOG_READER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "cli/cli_context.h"
#include "valore/v1/catalog.pb.h"

namespace valore::cli {

absl::StatusOr<std::vector<v1::Entity>> AllEntities(
    const CliContext& ctx, v1::CatalogService::Stub& stub);
absl::StatusOr<std::vector<v1::ProgrammeLine>> AllLines(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListProgrammeLinesRequest request);
absl::StatusOr<std::vector<v1::Indicator>> AllIndicators(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListIndicatorsRequest request);
absl::StatusOr<std::vector<v1::ExecutiveObjective>> AllObjectives(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListExecutiveObjectivesRequest request);

}  // namespace valore::cli

#endif  // VALORE_CLI_CATALOG_READER_H_
