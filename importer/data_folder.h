// Reads a data folder (the layout of data/terre-d-argine-2023, DESIGN §10)
// into what the three services store: the catalog, the measurements, the
// validated outcomes and the published figures.
#ifndef VALORE_IMPORTER_DATA_FOLDER_H_
#define VALORE_IMPORTER_DATA_FOLDER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::import {

struct DataFolder {
  v1::Catalog catalog;
  std::vector<v1::Measurement> measurements;
  std::vector<v1::ValidatedOutcome> validated_outcomes;
  // Published figures by period ("2023S2").
  std::map<std::string, std::vector<v1::PublishedFigure>> published;
  // The file and row each record was read from, index for index.
  std::vector<v1::SourceRef> measurement_sources;
  std::vector<v1::SourceRef> validated_sources;
  std::map<std::string, std::vector<v1::SourceRef>> published_sources;
};

// Files read when present (at least one of the first three must be):
//   dup_indicators.csv, dup_lines.csv   the DUP tree, indicators, targets,
//                                       actuals and outcomes
//   performance_objectives.csv          executive objectives, weights, % and
//                                       outcomes; sectors.csv names sectors
//   entity_figures.csv (+ figure_titles.csv)  per-entity figures, totals
//   lavoro_agile.csv                    lavoro agile indicators
//   justifications.csv                  justifications of validated outcomes
//   summary_expected.csv                published summary tables
//   targets.csv, measurements.csv, indicator_rules.csv  (DESIGN §10)
//   entities.csv                        id,display_name,kind (else the five
//                                       Terre d'Argine entities)
// Every problem found is listed with its file and row in one
// INVALID_ARGUMENT; a missing folder is NOT_FOUND.
absl::StatusOr<DataFolder> ReadDataFolder(const std::string& dir);

// "Novi di Modena" -> "novi-di-modena".
std::string EntityIdOf(const std::string& name);

}  // namespace valore::import

#endif  // VALORE_IMPORTER_DATA_FOLDER_H_
