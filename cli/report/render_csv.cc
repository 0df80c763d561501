// The summary tables as one CSV cell per line, in the layout of the shipped
// summary_expected.csv so that a report can be compared with it as text.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"
#include "common/italian_number.h"
#include "common/labels.h"

namespace valore::cli::report_internal {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes
// doubled.
std::string CsvField(absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

// RFC 4180 (and the shipped file) end every line with CRLF.
void AddCsvLine(std::string* out, const std::vector<std::string>& fields) {
  std::vector<std::string> quoted;
  quoted.reserve(fields.size());
  for (const std::string& f : fields) quoted.push_back(CsvField(f));
  absl::StrAppend(out, absl::StrJoin(quoted, ","), "\r\n");
}

std::string RenderCsv(const v1::Report& report) {
  std::string out;
  AddCsvLine(&out, {"table", "row", "column", "count", "percent"});
  const std::string outcomes = FigureTableLabel(v1::FIGURE_TABLE_OUTCOMES);
  for (int i = 0; i < report.outcome_table_size(); ++i) {
    const v1::OutcomeRow& row = report.outcome_table(i);
    const std::string label = OutcomeRowLabel(row, i);
    for (int c = 0; c < kOutcomeColumnCount; ++c) {
      const v1::OutcomeCount count = OutcomeCountAt(row, c);
      AddCsvLine(&out,
                 {outcomes, label, OutcomeColumnLabel(kOutcomeColumns[c]),
                  absl::StrCat(count.count()), FormatPercent(count.percent())});
    }
    AddCsvLine(&out, {outcomes, label, std::string(kOutcomeTotalColumnLabel),
                      absl::StrCat(row.total()), OutcomeTotalPercent(row)});
  }
  const std::string dimensions = FigureTableLabel(v1::FIGURE_TABLE_DIMENSIONS);
  for (const v1::DimensionRow& row : report.dimension_table()) {
    const std::string label = DimensionRowLabel(row);
    AddCsvLine(&out,
               {dimensions, label,
                DimensionColumnLabel(v1::DIMENSION_COLUMN_PROGRAMME_LINES),
                absl::StrCat(row.lines()), FormatPercent(row.lines_percent())});
    AddCsvLine(&out,
               {dimensions, label,
                DimensionColumnLabel(v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES),
                absl::StrCat(row.objectives()),
                FormatPercent(row.objectives_percent())});
    AddCsvLine(
        &out,
        {dimensions, label, DimensionColumnLabel(v1::DIMENSION_COLUMN_TOTAL),
         absl::StrCat(row.total()), FormatPercent(row.total_percent())});
  }
  // A first half's forecast, in the same five columns: each indicator's
  // projected outcome (column) and value (count); each line at risk with its
  // projected outcome.
  for (const v1::IndicatorForecast& f : report.forecasts()) {
    AddCsvLine(
        &out,
        {"Previsione a fine anno", absl::StrCat(f.code(), " ", f.title()),
         IndicatorOutcomeLabel(f.projected_outcome()),
         HasValue(f.projected_value()) ? ValueText(f.projected_value()) : "",
         ""});
  }
  for (const v1::LineForecast& l : report.line_forecasts()) {
    if (!l.at_risk()) continue;
    AddCsvLine(&out, {"Linee a rischio", absl::StrCat(l.code(), " ", l.title()),
                      LineOutcomeLabel(l.projected_outcome()), "", ""});
  }
  return out;
}

}  // namespace valore::cli::report_internal
