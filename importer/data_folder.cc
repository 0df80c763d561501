// ReadDataFolder: reads the files present in the folder and hands each to
// its reader (data_folder_internal.h lists them, one file per kind).
#include "importer/data_folder.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/period.h"
#include "importer/data_folder_internal.h"

namespace valore::import {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<std::optional<CsvTable>> ReadOptional(const fs::path& dir,
                                                     const std::string& name) {
  const fs::path path = dir / name;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<CsvTable>();
  absl::StatusOr<CsvTable> table = ReadCsvFile(path.string());
  if (!table.ok()) return table.status();
  return std::optional<CsvTable>(*std::move(table));
}

}  // namespace

using internal::Builder;
using internal::ReadDupIndicators;
using internal::ReadDupLines;
using internal::ReadEntities;
using internal::ReadEntityFigures;
using internal::ReadIndicatorRules;
using internal::ReadJustifications;
using internal::ReadLavoroAgile;
using internal::ReadLineOutcomes;
using internal::ReadMeasurements;
using internal::ReadObjectives;
using internal::ReadSectors;
using internal::ReadSummary;
using internal::ReadTargets;
using internal::YearOfColumn;

absl::StatusOr<DataFolder> ReadDataFolder(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("data folder \"", dir, "\" not found"));
  }
  const fs::path root(dir);
  std::map<std::string, std::optional<CsvTable>> t;
  for (const char* name :
       {"entities.csv", "dup_lines.csv", "dup_indicators.csv",
        "performance_objectives.csv", "sectors.csv", "entity_figures.csv",
        "figure_titles.csv", "lavoro_agile.csv", "justifications.csv",
        "summary_expected.csv", "indicator_rules.csv", "targets.csv",
        "measurements.csv"}) {
    absl::StatusOr<std::optional<CsvTable>> table = ReadOptional(root, name);
    if (!table.ok()) return table.status();
    t[name] = *std::move(table);
  }
  if (!t["dup_indicators.csv"] && !t["performance_objectives.csv"] &&
      !t["entity_figures.csv"]) {
    return absl::InvalidArgumentError(absl::StrCat(
        "data folder \"", dir,
        "\" has none of dup_indicators.csv, performance_objectives.csv, "
        "entity_figures.csv"));
  }

  Builder b;
  const int actual_year =
      t["dup_indicators.csv"]
          ? YearOfColumn(*t["dup_indicators.csv"], "consuntivo_")
          : 0;
  const std::string actual_period =
      actual_year > 0 ? Period(actual_year, 2).ToString() : "";
  ReadEntities(b, t["entities.csv"]);
  if (t["dup_lines.csv"]) ReadDupLines(b, *t["dup_lines.csv"]);
  if (t["dup_indicators.csv"]) ReadDupIndicators(b, *t["dup_indicators.csv"]);
  if (t["dup_lines.csv"] && !actual_period.empty()) {
    ReadLineOutcomes(b, *t["dup_lines.csv"], actual_period);
  }
  ReadSectors(b, t["sectors.csv"],
              t["performance_objectives.csv"]
                  ? &*t["performance_objectives.csv"]
                  : nullptr);
  if (t["performance_objectives.csv"]) {
    ReadObjectives(b, *t["performance_objectives.csv"], t["sectors.csv"],
                   actual_period);
  }
  if (t["entity_figures.csv"]) {
    ReadEntityFigures(b, *t["entity_figures.csv"], t["figure_titles.csv"]);
  }
  if (t["lavoro_agile.csv"]) ReadLavoroAgile(b, *t["lavoro_agile.csv"]);
  if (t["indicator_rules.csv"])
    ReadIndicatorRules(b, *t["indicator_rules.csv"]);
  if (t["targets.csv"]) ReadTargets(b, *t["targets.csv"]);
  if (t["measurements.csv"]) ReadMeasurements(b, *t["measurements.csv"]);
  if (t["justifications.csv"]) ReadJustifications(b, *t["justifications.csv"]);
  // The published summary is of the period of the DUP actuals.
  if (t["summary_expected.csv"] && !actual_period.empty()) {
    ReadSummary(b, *t["summary_expected.csv"], actual_period);
  }
  if (absl::Status s = b.problems.ToStatus(); !s.ok()) return s;
  return std::move(b.out);
}

}  // namespace valore::import
