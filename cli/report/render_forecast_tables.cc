// "Previsione a fine anno": the lines at risk and the indicators' year-end
// forecasts of a first-half report, as the aggregation service computed
// them.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/labels.h"

namespace valore::cli::report_internal {

Table LinesAtRiskTable(const v1::Report& report) {
  Table t;
  t.css_class = "rischio";
  t.head = Head({"Linea", "Obiettivo operativo", "Andamento attuale",
                 "Andamento previsto", "Indicatori previsti non raggiunti"});
  for (const v1::LineForecast& line : report.line_forecasts()) {
    if (!line.at_risk()) continue;
    Row row;
    row.cells.push_back(RowHeader(line.code()));
    row.cells.push_back(Text(line.title()));
    row.cells.push_back(Text(LineOutcomeLabel(line.outcome())));
    Cell projected = Text(LineOutcomeLabel(line.projected_outcome()));
    projected.highlight = true;
    row.cells.push_back(std::move(projected));
    row.cells.push_back(
        Text(absl::StrJoin(line.indicators_not_achieved(), ", ")));
    t.body.push_back(std::move(row));
  }
  return t;
}

Table ForecastTable(const v1::Report& report, bool projected_only) {
  Table t;
  t.css_class = "previsione";
  std::vector<std::string> head = {"Codice",
                                   "Indicatore",
                                   "Metodo",
                                   "Target",
                                   "Valore 1° semestre",
                                   "Valore previsto",
                                   "Andamento previsto"};
  if (!projected_only) head.push_back("Note");
  t.head = Head(head, {4, 5});
  for (const v1::IndicatorForecast& f : report.forecasts()) {
    const bool projected = f.method() != v1::FORECAST_METHOD_NOT_PROJECTED;
    if (projected_only && !projected) continue;
    Row row;
    row.cells.push_back(RowHeader(f.code()));
    row.cells.push_back(Text(f.title()));
    row.cells.push_back(Text(ForecastMethodLabel(f.method())));
    row.cells.push_back(Text(f.target().text()));
    row.cells.push_back(
        Number(HasValue(f.value()) ? ValueText(f.value()) : ""));
    row.cells.push_back(Number(
        HasValue(f.projected_value()) ? ValueText(f.projected_value()) : ""));
    Cell outcome = Text(IndicatorOutcomeLabel(f.projected_outcome()));
    outcome.highlight = f.projected_outcome() == v1::OUTCOME_NOT_ACHIEVED;
    row.cells.push_back(std::move(outcome));
    if (!projected_only) {
      row.cells.push_back(Text(projected ? f.explanation() : f.reason()));
    }
    t.body.push_back(std::move(row));
  }
  return t;
}

std::string LinesAtRiskSummary(const v1::Report& report) {
  int at_risk = 0;
  for (const v1::LineForecast& line : report.line_forecasts()) {
    at_risk += line.at_risk();
  }
  int projected = 0;
  std::map<std::string, int> reasons;
  for (const v1::IndicatorForecast& f : report.forecasts()) {
    if (f.method() == v1::FORECAST_METHOD_NOT_PROJECTED) {
      ++reasons[f.reason()];
    } else {
      ++projected;
    }
  }
  std::string text = absl::StrCat(
      at_risk, at_risk == 1 ? " linea a rischio" : " linee a rischio", " su ",
      report.line_forecasts_size(),
      " (previste \"Non raggiunto\" o \"Quasi raggiunto (con criticità)\").");
  if (report.forecasts_size() > 0) {
    std::vector<std::string> why;
    for (const auto& [reason, n] : reasons) {
      why.push_back(absl::StrCat(reason, ": ", n));
    }
    absl::StrAppend(&text, " Indicatori previsti: ", projected, " su ",
                    report.forecasts_size(),
                    why.empty() ? ""
                                : absl::StrCat(" (non prevedibili — ",
                                               absl::StrJoin(why, "; "), ")"),
                    ".");
  }
  return text;
}

}  // namespace valore::cli::report_internal
