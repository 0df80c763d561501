// The DUP files: dup_lines.csv (programme lines and their outcomes) and
// dup_indicators.csv (the tree, indicators, targets, actuals and outcomes).
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/csv_reader.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

void ReadDupLines(Builder& b, const CsvTable& table) {
  const std::string file = "dup_lines.csv";
  if (!HasColumns(b, file, table,
                  {"indirizzo_code", "obiettivo_strategico_code",
                   "obiettivo_operativo_code", "obiettivo_operativo",
                   "dimensione_linea"})) {
    return;
  }
  for (const CsvRow& row : table.rows) {
    v1::ProgrammeLine line;
    line.set_direction_code(Trim(table.Get(row, "indirizzo_code")));
    line.set_strategic_objective_code(
        Trim(table.Get(row, "obiettivo_strategico_code")));
    line.set_operational_objective_code(
        Trim(table.Get(row, "obiettivo_operativo_code")));
    line.set_code(absl::StrCat(line.direction_code(), ".",
                               line.strategic_objective_code(), ".",
                               line.operational_objective_code()));
    line.set_title(Trim(table.Get(row, "obiettivo_operativo")));
    absl::StatusOr<v1::WellbeingDimension> dim =
        ParseDimension(table.Get(row, "dimensione_linea"), "dimensione_linea");
    if (!dim.ok()) b.problems.Add(file, row.number, dim.status());
    line.set_dimension(dim.ok() ? *dim : v1::WELLBEING_DIMENSION_UNSPECIFIED);
    for (absl::string_view m : absl::StrSplit(table.Get(row, "dirigente"), ';',
                                              absl::SkipWhitespace())) {
      line.add_managers(Trim(m));
    }
    *line.mutable_source() = Source(file, row.number);
    // Duplicates are left for the catalog service to report with both rows.
    b.lines.emplace(line.code(), b.out.catalog.lines_size());
    *b.out.catalog.add_lines() = line;
  }
}

// The line's outcome as the document states it, from dup_lines.csv.
void ReadLineOutcomes(Builder& b, const CsvTable& table,
                      const std::string& period) {
  for (const CsvRow& row : table.rows) {
    const std::string code =
        absl::StrCat(Trim(table.Get(row, "indirizzo_code")), ".",
                     Trim(table.Get(row, "obiettivo_strategico_code")), ".",
                     Trim(table.Get(row, "obiettivo_operativo_code")));
    AddValidated(b, v1::ITEM_TYPE_PROGRAMME_LINE, code, period,
                 table.Get(row, "andamento_linea"), "dup_lines.csv",
                 row.number);
  }
}

void ReadDupIndicators(Builder& b, const CsvTable& table) {
  const std::string file = "dup_indicators.csv";
  if (!HasColumns(b, file, table,
                  {"indirizzo_code", "indirizzo", "obiettivo_strategico_code",
                   "obiettivo_strategico", "obiettivo_operativo_code",
                   "dimensione_indicatore", "indicatore_code", "indicatore"})) {
    return;
  }
  const int target_year = YearOfColumn(table, "target_");
  const int actual_year = YearOfColumn(table, "consuntivo_");
  const std::string target_column = absl::StrCat("target_", target_year);
  const std::string actual_column = absl::StrCat("consuntivo_", actual_year);
  const std::string period =
      actual_year > 0 ? Period(actual_year, 2).ToString() : "";
  for (const CsvRow& row : table.rows) {
    const v1::SourceRef src = Source(file, row.number);
    v1::Indicator ind;
    ind.set_code(Trim(table.Get(row, "indicatore_code")));
    ind.set_title(Trim(table.Get(row, "indicatore")));
    ind.set_line_code(b.AddTreeOf(table, row, src));
    absl::StatusOr<v1::WellbeingDimension> dim = ParseDimension(
        table.Get(row, "dimensione_indicatore"), "dimensione_indicatore");
    if (!dim.ok()) b.problems.Add(file, row.number, dim.status());
    ind.set_dimension(dim.ok() ? *dim : v1::WELLBEING_DIMENSION_UNSPECIFIED);
    ind.set_manager(Trim(table.Get(row, "dirigente")));
    *ind.mutable_source() = src;

    v1::Target target;
    if (target_year > 0) {
      absl::StatusOr<v1::Target> parsed =
          ParseTarget(table.Get(row, target_column));
      if (!parsed.ok()) {
        b.problems.Add(file, row.number, parsed.status());
      } else {
        target = *parsed;
        v1::YearlyTarget* y = ind.add_targets();
        y->set_year(target_year);
        *y->mutable_target() = target;
      }
    }
    ind.set_unit(UnitFor(ind.title(), target));
    ind.set_kind(IsCountTitle(ind.title()) ? v1::INDICATOR_KIND_FLOW
                                           : v1::INDICATOR_KIND_LEVEL);
    ind.set_rollup(v1::ROLLUP_NONE);

    if (actual_year > 0) {
      const std::string actual = table.Get(row, actual_column);
      if (!Trim(actual).empty()) {
        // As written: the capture service reads it against the target.
        AddMeasurement(b, b.UnionEntity(), ind.code(), period, actual, "", file,
                       row.number);
      }
      AddValidated(b, v1::ITEM_TYPE_INDICATOR, ind.code(), period,
                   table.Get(row, "andamento_indicatore"), file, row.number);
    }
    b.indicators.emplace(ind.code(), b.out.catalog.indicators_size());
    *b.out.catalog.add_indicators() = std::move(ind);
  }
}

}  // namespace valore::import::internal
