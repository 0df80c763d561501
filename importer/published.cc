// What the published document states beside the data: justifications.csv
// (the reasons for validated outcomes) and summary_expected.csv (the
// published summary tables).
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/figure_labels.h"
#include "common/italian_number.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

void ReadJustifications(Builder& b, const CsvTable& table) {
  const std::string file = "justifications.csv";
  if (!HasColumns(b, file, table, {"code", "period", "justification"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    const std::string period = Trim(table.Get(row, "period"));
    bool found = false;
    for (v1::ValidatedOutcome& v : b.out.validated_outcomes) {
      if (v.item() == code && v.period() == period) {
        v.set_justification(Trim(table.Get(row, "justification")));
        found = true;
      }
    }
    if (!found) {
      b.problems.Add(file, row.number,
                     absl::StrCat("no validated outcome of \"", code, "\" in ",
                                  period, " to justify"));
    }
  }
}

void ReadSummary(Builder& b, const CsvTable& table, const std::string& period) {
  const std::string file = "summary_expected.csv";
  if (!HasColumns(b, file, table,
                  {"table", "row", "column", "count", "percent"})) {
    return;
  }
  for (const CsvRow& row : table.rows) {
    absl::StatusOr<v1::PublishedFigure> cell = ParseFigureCell(
        Trim(table.Get(row, "table")), Trim(table.Get(row, "row")),
        Trim(table.Get(row, "column")));
    if (!cell.ok()) {
      b.problems.Add(file, row.number, cell.status());
      continue;
    }
    v1::PublishedFigure f = *std::move(cell);
    absl::StatusOr<ParsedNumber> n =
        ParseItalianNumber(Trim(table.Get(row, "count")), "count");
    if (!n.ok()) {
      b.problems.Add(file, row.number, n.status());
      continue;
    }
    f.set_count(n->value);
    // "53,49%" as printed; empty when the cell has no percentage.
    const std::string percent = Trim(table.Get(row, "percent"));
    if (!percent.empty()) {
      absl::StatusOr<ParsedNumber> p = ParseItalianNumber(percent, "percent");
      if (!p.ok()) {
        b.problems.Add(file, row.number, p.status());
        continue;
      }
      f.set_percent(p->value);
    }
    b.out.published[period].push_back(std::move(f));
    b.out.published_sources[period].push_back(Source(file, row.number));
  }
}

}  // namespace valore::import::internal
