// The files of DESIGN §10: indicator_rules.csv (kind, rollup and unit of
// indicators), targets.csv (yearly targets, per entity or for all) and
// measurements.csv (values of indicators and executive objectives).
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

void ReadIndicatorRules(Builder& b, const CsvTable& table) {
  const std::string file = "indicator_rules.csv";
  if (!HasColumns(b, file, table, {"code"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    auto it = b.indicators.find(code);
    if (it == b.indicators.end()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: indicator \"", code, "\" not found"));
      continue;
    }
    v1::Indicator* ind = b.out.catalog.mutable_indicators(it->second);
    const std::string kind =
        absl::AsciiStrToLower(Trim(table.Get(row, "kind")));
    if (kind == "flow") {
      ind->set_kind(v1::INDICATOR_KIND_FLOW);
    } else if (kind == "level") {
      ind->set_kind(v1::INDICATOR_KIND_LEVEL);
    } else if (!kind.empty()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("kind: \"", kind, "\" is not flow or level"));
    }
    const std::string rollup =
        absl::AsciiStrToLower(Trim(table.Get(row, "rollup")));
    static const std::pair<const char*, v1::Rollup> kRollups[] = {
        {"sum", v1::ROLLUP_SUM},
        {"mean", v1::ROLLUP_MEAN},
        {"count_meeting", v1::ROLLUP_COUNT_MEETING},
        {"none", v1::ROLLUP_NONE}};
    bool rollup_ok = rollup.empty();
    for (const auto& [name, value] : kRollups) {
      if (rollup == name) {
        ind->set_rollup(value);
        rollup_ok = true;
      }
    }
    if (!rollup_ok) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("rollup: \"", rollup,
                       "\" is not sum, mean, count_meeting or none"));
    }
    const std::string unit =
        absl::AsciiStrToLower(Trim(table.Get(row, "unit")));
    static const std::pair<const char*, v1::Unit> kUnits[] = {
        {"count", v1::UNIT_COUNT}, {"percent", v1::UNIT_PERCENT},
        {"euro", v1::UNIT_EURO},   {"days", v1::UNIT_DAYS},
        {"ratio", v1::UNIT_RATIO}, {"km2", v1::UNIT_AREA_KM2},
        {"text", v1::UNIT_TEXT},   {"number", v1::UNIT_NUMBER}};
    bool unit_ok = unit.empty();
    for (const auto& [name, value] : kUnits) {
      if (unit == name) {
        ind->set_unit(value);
        unit_ok = true;
      }
    }
    if (!unit_ok) {
      b.problems.Add(file, row.number,
                     absl::StrCat("unit: \"", unit, "\" is unknown"));
    }
  }
}

void ReadTargets(Builder& b, const CsvTable& table) {
  const std::string file = "targets.csv";
  if (!HasColumns(b, file, table, {"code", "year", "target"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    auto it = b.indicators.find(code);
    int year = 0;
    if (it == b.indicators.end()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: indicator \"", code, "\" not found"));
      continue;
    }
    if (!absl::SimpleAtoi(Trim(table.Get(row, "year")), &year)) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("year: \"", table.Get(row, "year"), "\" is not a year"));
      continue;
    }
    absl::StatusOr<v1::Target> target = ParseTarget(table.Get(row, "target"));
    if (!target.ok()) {
      b.problems.Add(file, row.number, target.status());
      continue;
    }
    std::string entity;
    const std::string entity_name = Trim(table.Get(row, "entity"));
    if (!entity_name.empty()) {
      entity = b.EntityOrProblem(entity_name, file, row.number);
      if (entity.empty()) continue;
    }
    v1::Indicator* ind = b.out.catalog.mutable_indicators(it->second);
    v1::YearlyTarget* slot = nullptr;
    for (v1::YearlyTarget& y : *ind->mutable_targets()) {
      if (y.year() == year && y.entity() == entity) slot = &y;
    }
    if (slot == nullptr) slot = ind->add_targets();
    slot->set_year(year);
    slot->set_entity(entity);
    *slot->mutable_target() = *target;
  }
}

void ReadMeasurements(Builder& b, const CsvTable& table) {
  const std::string file = "measurements.csv";
  if (!HasColumns(b, file, table, {"entity", "code", "period", "value"}))
    return;
  for (const CsvRow& row : table.rows) {
    const std::string entity_name = Trim(table.Get(row, "entity"));
    const std::string entity = b.EntityOrProblem(entity_name, file, row.number);
    if (entity.empty()) continue;
    absl::StatusOr<Period> period =
        Period::Parse(Trim(table.Get(row, "period")));
    if (!period.ok()) {
      b.problems.Add(file, row.number, period.status());
      continue;
    }
    const std::string code = Trim(table.Get(row, "code"));
    if (!b.indicators.contains(code) && !b.objectives.contains(code)) {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: \"", code,
                                  "\" is no indicator or executive objective"));
      continue;
    }
    // As written: the capture service reads it against the item's target.
    AddMeasurement(b, entity, code, period->ToString(), table.Get(row, "value"),
                   Trim(table.Get(row, "note")), file, row.number);
  }
}

}  // namespace valore::import::internal
