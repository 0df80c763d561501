// Per-entity figures: entity_figures.csv (values and published totals by
// semester) with the titles and sections of figure_titles.csv.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/csv_reader.h"
#include "common/italian_number.h"
#include "common/period.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

namespace {

// The semester that ends on a date "YYYY-MM-DD".
absl::StatusOr<std::string> PeriodOfDate(const std::string& date) {
  std::vector<std::string> parts = absl::StrSplit(date, '-');
  int year = 0;
  int month = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || month < 1 || month > 12 ||
      year < Period::kMinYear || year > Period::kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("period_end: \"", date, "\" is not a date YYYY-MM-DD"));
  }
  return Period(year, month <= 6 ? 1 : 2).ToString();
}

}  // namespace

void ReadEntityFigures(Builder& b, const CsvTable& table,
                       const std::optional<CsvTable>& titles) {
  const std::string file = "entity_figures.csv";
  if (!HasColumns(b, file, table,
                  {"figure", "entity", "period_end", "value"})) {
    return;
  }
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>> named;
  if (titles.has_value()) {
    for (const CsvRow& row : titles->rows) {
      named[Trim(titles->Get(row, "figure"))] = {
          Trim(titles->Get(row, "title")), Trim(titles->Get(row, "section"))};
    }
  }
  for (const CsvRow& row : table.rows) {
    const std::string figure = Trim(table.Get(row, "figure"));
    if (!b.indicators.contains(figure)) {
      v1::Indicator ind;
      ind.set_code(figure);
      auto title = named.find(figure);
      ind.set_title(title != named.end() ? title->second.first : figure);
      ind.set_section(title != named.end() ? title->second.second
                                           : "Piena accessibilità");
      ind.set_unit(v1::UNIT_COUNT);
      // A stock at the end of the semester, not a yearly flow.
      ind.set_kind(v1::INDICATOR_KIND_LEVEL);
      ind.set_rollup(v1::ROLLUP_SUM);
      *ind.mutable_source() = Source(file, row.number);
      b.indicators.emplace(figure, b.out.catalog.indicators_size());
      *b.out.catalog.add_indicators() = std::move(ind);
    }
    absl::StatusOr<std::string> period =
        PeriodOfDate(Trim(table.Get(row, "period_end")));
    if (!period.ok()) {
      b.problems.Add(file, row.number, period.status());
      continue;
    }
    absl::StatusOr<ParsedNumber> n =
        ParseItalianNumber(Trim(table.Get(row, "value")), "value");
    if (!n.ok()) {
      b.problems.Add(file, row.number, n.status());
      continue;
    }
    const std::string entity_name = Trim(table.Get(row, "entity"));
    if (absl::EqualsIgnoreCase(entity_name, "totale")) {
      v1::PublishedFigure f;
      f.set_table(v1::FIGURE_TABLE_ENTITY_FIGURES);
      f.set_indicator(figure);
      f.set_count(n->value);
      b.out.published[*period].push_back(std::move(f));
      continue;
    }
    const std::string entity = b.EntityOrProblem(entity_name, file, row.number);
    if (entity.empty()) continue;
    AddMeasurement(b, entity, figure, *period, Trim(table.Get(row, "value")),
                   Trim(table.Get(row, "note")), file, row.number);
  }
}

}  // namespace valore::import::internal
