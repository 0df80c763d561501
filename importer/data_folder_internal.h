// Pieces shared by the data-folder readers: the problems found, the catalog
// under construction with its indexes, the table helpers (builder.cc), the
// inference of units, kinds and weights (inference.cc), and the
// readers of each kind of file that ReadDataFolder (data_folder.cc) calls.
#ifndef VALORE_IMPORTER_DATA_FOLDER_INTERNAL_H_
#define VALORE_IMPORTER_DATA_FOLDER_INTERNAL_H_

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/csv_reader.h"
#include "common/entities.h"
#include "importer/data_folder.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::import::internal {

// --- Table helpers (builder.cc) -------------------------------------------

v1::SourceRef Source(const std::string& file, int row);

// The year of a column named like "target_2023"; 0 when absent.
int YearOfColumn(const CsvTable& table, absl::string_view prefix);

std::string Trim(absl::string_view s);

// Problems found while reading, each with its file and row.
class Problems {
 public:
  void Add(const std::string& file, int row, const std::string& message) {
    if (lines_.size() < kMaxListed) {
      lines_.push_back(absl::StrCat(file, " row ", row, ": ", message));
    }
    ++count_;
  }
  void Add(const std::string& file, int row, const absl::Status& status) {
    Add(file, row, std::string(status.message()));
  }
  absl::Status ToStatus() const {
    if (count_ == 0) return absl::OkStatus();
    std::string message =
        absl::StrCat(count_, " problem(s) in the data folder:");
    for (const std::string& l : lines_) absl::StrAppend(&message, "\n  ", l);
    if (count_ > lines_.size()) {
      absl::StrAppend(&message, "\n  … and ", count_ - lines_.size(), " more");
    }
    return absl::InvalidArgumentError(message);
  }

 private:
  static constexpr size_t kMaxListed = 50;
  std::vector<std::string> lines_;
  size_t count_ = 0;
};

// The catalog under construction, with indexes to find what is there.
struct Builder {
  DataFolder out;
  Problems problems;
  absl::flat_hash_map<std::string, int> directions;  // code -> index
  std::set<std::pair<std::string, std::string>> strategic_objectives;
  absl::flat_hash_map<std::string, int> lines;       // code -> index
  absl::flat_hash_map<std::string, int> indicators;  // code -> index
  absl::flat_hash_map<std::string, int> objectives;  // code -> index
  absl::flat_hash_set<std::string> entity_ids;
  // Entities by lower-case id or display name.
  absl::flat_hash_map<std::string, std::string> entity_by_name;

  void AddDirection(const std::string& code, const std::string& title,
                    const v1::SourceRef& src) {
    if (code.empty() || directions.contains(code)) return;
    directions[code] = out.catalog.directions_size();
    v1::StrategicDirection* d = out.catalog.add_directions();
    d->set_code(code);
    d->set_title(title);
    *d->mutable_source() = src;
  }
  void AddStrategicObjective(const std::string& direction,
                             const std::string& code, const std::string& title,
                             const v1::SourceRef& src) {
    if (code.empty() ||
        !strategic_objectives.insert({direction, code}).second) {
      return;
    }
    v1::StrategicObjective* o = out.catalog.add_strategic_objectives();
    o->set_direction_code(direction);
    o->set_code(code);
    o->set_title(title);
    *o->mutable_source() = src;
  }
  // The direction and strategic objective a row of indicators or objectives
  // sits under, added when new; the code of its programme line.
  std::string AddTreeOf(const CsvTable& table, const CsvRow& row,
                        const v1::SourceRef& src) {
    const std::string direction = Trim(table.Get(row, "indirizzo_code"));
    const std::string strategic =
        Trim(table.Get(row, "obiettivo_strategico_code"));
    AddDirection(direction, Trim(table.Get(row, "indirizzo")), src);
    AddStrategicObjective(direction, strategic,
                          Trim(table.Get(row, "obiettivo_strategico")), src);
    return absl::StrCat(direction, ".", strategic, ".",
                        Trim(table.Get(row, "obiettivo_operativo_code")));
  }
  // An entity id for a name as the data writes it; "" when unknown.
  std::string Entity(const std::string& name) const {
    const std::string key = absl::AsciiStrToLower(Trim(name));
    if (auto it = entity_by_name.find(key); it != entity_by_name.end()) {
      return it->second;
    }
    const std::string id = EntityIdOf(name);
    return entity_ids.contains(id) ? id : "";
  }
  // Entity(name), or "" with a problem of `file`'s `row` naming `name`.
  std::string EntityOrProblem(const std::string& name, const std::string& file,
                              int row) {
    std::string id = Entity(name);
    if (id.empty()) {
      problems.Add(file, row,
                   absl::StrCat("entity: \"", name, "\" is not an entity"));
    }
    return id;
  }
  std::string UnionEntity() const { return UnionEntityOf(out.catalog); }
};

// Checks that `table` has every column in `required`.
bool HasColumns(Builder& b, const std::string& file, const CsvTable& table,
                std::initializer_list<const char*> required);
void AddValidated(Builder& b, v1::ItemType type, const std::string& item,
                  const std::string& period, const std::string& text,
                  const std::string& file, int row);
void AddMeasurement(Builder& b, const std::string& entity,
                    const std::string& item, const std::string& period,
                    absl::string_view value_text, const std::string& note,
                    const std::string& file, int row);

// --- Inference (inference.cc) ---------------------------------------------

// Whether the title names a count ("N. bambini …", "Numero di pratiche …"):
// counts accumulate over the year (DESIGN §3).
bool IsCountTitle(absl::string_view title);
v1::Unit UnitFor(absl::string_view title, const v1::Target& target);
// "14%" -> the first sector of the code at 14; "== (15% Settore Affari
// generali, 5% altri settori)" -> 15 to the sector so named and 5 to every
// other sector of kind "settore" (see data NOTES.md).
void ParseWeights(Builder& b, const std::string& text, const std::string& code,
                  const absl::flat_hash_map<std::string, std::string>& kinds,
                  v1::ExecutiveObjective* o, const std::string& file, int row);

// --- Readers of each kind of file -----------------------------------------

// entities.cc
void ReadEntities(Builder& b, const std::optional<CsvTable>& table);

// dup.cc: dup_lines.csv and dup_indicators.csv.
void ReadDupLines(Builder& b, const CsvTable& table);
// The line's outcome as the document states it, from dup_lines.csv.
void ReadLineOutcomes(Builder& b, const CsvTable& table,
                      const std::string& period);
void ReadDupIndicators(Builder& b, const CsvTable& table);

// performance_objectives.cc: sectors.csv and performance_objectives.csv.
void ReadSectors(Builder& b, const std::optional<CsvTable>& table,
                 const CsvTable* objectives);
// `default_period` is the period of the DUP actuals, which the shipped
// layout's "valore_rilevato" column (no year) shares.
void ReadObjectives(Builder& b, const CsvTable& table,
                    const std::optional<CsvTable>& sectors,
                    const std::string& default_period);

// entity_figures.cc: entity_figures.csv with figure_titles.csv.
void ReadEntityFigures(Builder& b, const CsvTable& table,
                       const std::optional<CsvTable>& titles);

// lavoro_agile.cc
void ReadLavoroAgile(Builder& b, const CsvTable& table);

// published.cc: justifications.csv and summary_expected.csv.
void ReadJustifications(Builder& b, const CsvTable& table);
void ReadSummary(Builder& b, const CsvTable& table, const std::string& period);

// design_files.cc: the files of DESIGN §10, indicator_rules.csv, targets.csv
// and measurements.csv.
void ReadIndicatorRules(Builder& b, const CsvTable& table);
void ReadTargets(Builder& b, const CsvTable& table);
void ReadMeasurements(Builder& b, const CsvTable& table);

}  // namespace valore::import::internal

#endif  // VALORE_IMPORTER_DATA_FOLDER_INTERNAL_H_
