// A programme line across semesters: each of its indicators' values per
// entity and semester, and the line's outcome per semester as a chart with
// its data table beside it.
#include "services/web/line_history.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "services/web/bar_chart.h"
#include "services/web/table_view.h"

namespace valore::web {
namespace ri = cli::report_internal;

absl::Status AddLineHistory(const PageContext& context,
                            const PageChoices& choices,
                            const std::string& line_code,
                            ctemplate::TemplateDictionary* page) {
  v1::ListIndicatorsRequest list;
  list.set_line_code(line_code);
  list.set_page_size(1000);
  absl::StatusOr<v1::ListIndicatorsResponse> indicators =
      context.calls.Catalog<v1::ListIndicatorsResponse>("ListIndicators", list);
  if (!indicators.ok()) return indicators.status();

  // Values per indicator and entity, by semester.
  std::set<std::string> periods;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> links;
  std::vector<std::map<std::string, std::string>> shown;
  for (const v1::Indicator& indicator : indicators->indicators()) {
    for (const v1::Entity& entity : choices.entities) {
      v1::ReadSeriesRequest series;
      series.set_parent(SeriesName(entity.id(), indicator.code()));
      absl::StatusOr<v1::ReadSeriesResponse> values =
          context.calls.Capture<v1::ReadSeriesResponse>("ReadSeries", series);
      if (!values.ok()) return values.status();
      std::map<std::string, std::string> by_period;
      for (const v1::Measurement& m : values->measurements()) {
        periods.insert(m.period());
        by_period[m.period()] = ri::ValueText(m.value());
      }
      rows.push_back({indicator.code(), EntityName(choices, entity.id())});
      shown.push_back(std::move(by_period));
      links.push_back(ItemLink(v1::ITEM_TYPE_INDICATOR, indicator.code(),
                               choices.period, entity.id()));
    }
  }
  std::vector<std::string> head = {"Indicatore", "Ente"};
  head.insert(head.end(), periods.begin(), periods.end());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (const std::string& period : periods) {
      auto it = shown[r].find(period);
      rows[r].push_back(it == shown[r].end() ? "—" : it->second);
    }
  }
  AddTable(TextTable(head, rows),
           "Valori degli indicatori della linea per ente e semestre", "HISTORY",
           page, links);

  // The line's outcome in each semester that has values, in the scope shown.
  std::vector<std::pair<std::string, v1::Outcome>> outcomes;
  for (const std::string& period : periods) {
    v1::GetReportRequest request;
    request.set_period(period);
    request.set_scope(ScopeOf(choices.entity));
    absl::StatusOr<v1::Report> report =
        context.calls.Aggregation<v1::Report>("GetReport", request);
    if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
      return report.status();
    }
    if (!report.ok()) continue;
    for (const v1::LineResult& line : report->lines()) {
      if (line.code() == line_code) outcomes.emplace_back(period, line.final());
    }
  }
  if (outcomes.empty()) {
    page->ShowSection("NO_LINE_TREND");
    return absl::OkStatus();
  }
  // The outcome table's columns are in order, from not assessable to
  // achieved: a taller bar is a better outcome.
  std::vector<double> shares;
  for (const auto& [period, outcome] : outcomes) {
    shares.push_back(static_cast<double>(OutcomeColumnIndex(outcome) + 1) /
                     ri::kOutcomeColumnCount);
  }
  const std::vector<ctemplate::TemplateDictionary*> bars =
      AddBars(shares, page->AddSectionDictionary("LINE_TREND"));
  std::vector<std::vector<std::string>> data;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const auto& [period, outcome] = outcomes[i];
    bars[i]->SetValue("FILL",
                      ri::kOutcomeColours[OutcomeColumnIndex(outcome)].fill);
    bars[i]->SetValue("PERIOD", period);
    bars[i]->SetValue("OUTCOME", LineOutcomeLabel(outcome));
    data.push_back({period, LineOutcomeLabel(outcome)});
  }
  AddTable(TextTable({"Semestre", "Esito"}, data),
           "Dati del grafico: esito della linea per semestre",
           "LINE_TREND_TABLE", page);
  return absl::OkStatus();
}

}  // namespace valore::web
