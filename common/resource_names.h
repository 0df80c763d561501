// Resource names: how every resource a client reads back is named, and how
// requests name what they address. Ids are one segment each: an item code
// keeps its '/' as the document writes it ("DG.00005/S4.00004", a shared
// executive objective), but in names '/' is written '~' (never part of a
// code), so that no URL template splits an id.
//
//   entities/{entity}/items/{item}/periods/{period}  a measurement cell
//   entities/{entity}/items/{item}                   a series of cells
//   scopes/union | entities/{entity}                 a report scope
//   {scope}/periods/{period}/validatedOutcomes/{item}
//   snapshots/{period}/versions/{version}            (version "latest": the
//                                                     newest)
//   catalogVersions/{version}
#ifndef VALORE_COMMON_RESOURCE_NAMES_H_
#define VALORE_COMMON_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace valore {

// "DG.00005/S4.00004" -> "DG.00005~S4.00004"; other codes are unchanged.
inline std::string ResourceIdOf(absl::string_view code) {
  return absl::StrReplaceAll(code, {{"/", "~"}});
}

// The inverse of ResourceIdOf.
inline std::string CodeOfResourceId(absl::string_view id) {
  return absl::StrReplaceAll(id, {{"~", "/"}});
}

// "{collection}/{id}" (the catalog's "entities/carpi", "indicators/00002",
// "executiveObjectives/DG.00005~S4.00004"): the id, as written in the name.
absl::StatusOr<std::string> ParseCollectionName(absl::string_view name,
                                                absl::string_view collection,
                                                absl::string_view field);

// "directions/{direction}/objectives/{objective}": a strategic objective.
struct StrategicObjectiveRef {
  std::string direction;
  std::string objective;
};
absl::StatusOr<StrategicObjectiveRef> ParseStrategicObjectiveName(
    absl::string_view name, absl::string_view field);

// A measurement cell, or (period empty) a series.
struct CellRef {
  std::string entity;  // "carpi"
  std::string item;    // the code: "DG.00005/S4.00004"
  std::string period;  // "2023S2"
};

// "entities/carpi/items/00002/periods/2023S2".
std::string MeasurementName(absl::string_view entity, absl::string_view item,
                            absl::string_view period);
// "entities/carpi/items/00002".
std::string SeriesName(absl::string_view entity, absl::string_view item);

// The parsers below check the pattern only (the period's syntax too):
// whether the entity or item exists is for the caller to ask. An empty name
// is INVALID_ARGUMENT (FIELD_REQUIRED); one that does not match is
// INVALID_ARGUMENT (INVALID_NAME); both name `field` and the pattern.
absl::StatusOr<CellRef> ParseMeasurementName(absl::string_view name,
                                             absl::string_view field);
absl::StatusOr<CellRef> ParseSeriesName(absl::string_view name,
                                        absl::string_view field);

// The entity id of a scope name: "" for "scopes/union", "carpi" for
// "entities/carpi".
absl::StatusOr<std::string> ParseScopeName(absl::string_view name,
                                           absl::string_view field);

// "{scope}/periods/{period}": the scope's entity ("" for the Union) and the
// period.
struct ScopePeriodRef {
  std::string entity;
  std::string period;
};
absl::StatusOr<ScopePeriodRef> ParseScopePeriodName(absl::string_view name,
                                                    absl::string_view field);

// "{scope}/periods/{period}/validatedOutcomes/{item}".
struct ValidatedOutcomeRef {
  std::string entity;  // "" for the Union-wide scope
  std::string period;
  std::string item;  // the code
};
absl::StatusOr<ValidatedOutcomeRef> ParseValidatedOutcomeName(
    absl::string_view name, absl::string_view field);

// "snapshots/{period}/versions/{version}"; version 0 is written and read as
// "latest", the newest.
struct SnapshotRef {
  std::string period;
  int32_t version = 0;
};
std::string SnapshotName(absl::string_view period, int32_t version);
absl::StatusOr<SnapshotRef> ParseSnapshotName(absl::string_view name,
                                              absl::string_view field);

// "catalogVersions/{version}", version ≥ 0.
std::string CatalogVersionName(int64_t version);
absl::StatusOr<int64_t> ParseCatalogVersionName(absl::string_view name,
                                                absl::string_view field);

}  // namespace valore

#endif  // VALORE_COMMON_RESOURCE_NAMES_H_
