// The lavoro agile indicators of lavoro_agile.csv: reference values,
// expected targets and measured values by year.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/csv_reader.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

void ReadLavoroAgile(Builder& b, const CsvTable& table) {
  const std::string file = "lavoro_agile.csv";
  if (!HasColumns(b, file, table, {"table", "indicator"})) return;
  // Columns: valore_YYYY (reference), atteso_YYYY (targets), rilevato_YYYY.
  for (const CsvRow& row : table.rows) {
    v1::Indicator ind;
    ind.set_code(absl::StrFormat("LA.%02d", row.number));
    ind.set_title(Trim(table.Get(row, "indicator")));
    ind.set_section(
        absl::StrCat("Lavoro agile - ", Trim(table.Get(row, "table"))));
    ind.set_kind(v1::INDICATOR_KIND_LEVEL);
    ind.set_rollup(v1::ROLLUP_NONE);
    *ind.mutable_source() = Source(file, row.number);
    v1::Target first_target;
    for (const std::string& column : table.header) {
      int year = 0;
      std::vector<std::string> parts = absl::StrSplit(column, '_');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &year)) continue;
      const std::string text = Trim(table.Get(row, column));
      if (text.empty()) continue;
      if (parts[0] == "atteso") {
        absl::StatusOr<v1::Target> target = ParseTarget(text);
        if (!target.ok()) {
          b.problems.Add(file, row.number, target.status());
          continue;
        }
        if (ind.targets_size() == 0) first_target = *target;
        v1::YearlyTarget* y = ind.add_targets();
        y->set_year(year);
        *y->mutable_target() = *target;
      }
    }
    for (const std::string& column : table.header) {
      int year = 0;
      std::vector<std::string> parts = absl::StrSplit(column, '_');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &year)) continue;
      const std::string text = Trim(table.Get(row, column));
      if (text.empty() || (parts[0] != "valore" && parts[0] != "rilevato"))
        continue;
      AddMeasurement(b, b.UnionEntity(), ind.code(), Period(year, 2).ToString(),
                     text, Trim(table.Get(row, "note")), file, row.number);
    }
    ind.set_unit(UnitFor(ind.title(), first_target));
    b.indicators.emplace(ind.code(), b.out.catalog.indicators_size());
    *b.out.catalog.add_indicators() = std::move(ind);
  }
}

}  // namespace valore::import::internal
