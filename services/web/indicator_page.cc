// Indicatore: one indicator — its target as written and as the rules read
// it, its values per entity and semester with a trend chart, the computed
// and validated outcome, every revision of a cell (who, when, request,
// note) and the item's audit events.
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"
#include "common/italian_date.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "services/web/audit_events.h"
#include "services/web/bar_chart.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/table_view.h"
#include "valore/v1/audit.pb.h"

namespace valore::web {
namespace {

namespace ri = cli::report_internal;

void AddTrend(
    const std::vector<std::pair<std::string, const v1::Value*>>& series,
    ctemplate::TemplateDictionary* page) {
  std::vector<std::pair<std::string, double>> points;
  for (const auto& [period, value] : series) {
    if (value->has_number())
      points.emplace_back(period, value->number().value());
  }
  if (points.empty()) {
    page->ShowSection("NO_TREND");
    return;
  }
  double top = 0;
  for (const auto& point : points) top = std::max(top, point.second);
  std::vector<double> shares;
  for (const auto& point : points) {
    shares.push_back(top <= 0 ? 0 : point.second / top);
  }
  const std::vector<ctemplate::TemplateDictionary*> bars =
      AddBars(shares, page->AddSectionDictionary("TREND"));
  for (size_t i = 0; i < points.size(); ++i) {
    bars[i]->SetValue("PERIOD", points[i].first);
    bars[i]->SetValue("VALUE", FormatItalianCompact(points[i].second, 2));
  }
}

}  // namespace

absl::Status IndicatorPage(const PageContext& context,
                           ctemplate::TemplateDictionary* page,
                           PageResult* result) {
  result->template_name = "indicator.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ambito", kUnionScopeLabel, page);
  const std::string code = context.Param("codice");
  page->SetValue("CODE", code);
  v1::GetIndicatorRequest get;
  get.set_name(absl::StrCat("indicators/", ResourceIdOf(code)));
  absl::StatusOr<v1::Indicator> indicator =
      context.calls.Catalog<v1::Indicator>("GetIndicator", get);
  if (!indicator.ok()) return indicator.status();
  result->title = absl::StrCat("Indicatore ", indicator->code());
  page->SetValue("TITLE", indicator->title());
  page->SetValue("LINE", indicator->line_code());
  page->SetValue("MANAGER", indicator->manager());
  page->SetValue("DIMENSION", DimensionLabel(indicator->dimension()));

  v1::GetReportRequest report_request;
  report_request.set_period(choices->period);
  report_request.set_scope(ScopeOf(choices->entity));
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", report_request);
  if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
    return report.status();
  }
  for (int i = 0; report.ok() && i < report->indicators_size(); ++i) {
    const v1::IndicatorResult& r = report->indicators(i);
    if (r.code() != indicator->code()) continue;
    ctemplate::TemplateDictionary* found = page->AddSectionDictionary("RESULT");
    found->SetValue("TARGET",
                    r.target().text().empty() ? "—" : r.target().text());
    found->SetValue("EXPLANATION", r.explanation());
    found->SetValue("VALUE",
                    ri::HasValue(r.value()) ? ri::ValueText(r.value()) : "—");
    found->SetValue("COMPUTED", IndicatorOutcomeLabel(r.computed()));
    found->SetValue("VALIDATED", r.validated() == v1::OUTCOME_UNSPECIFIED
                                     ? "—"
                                     : IndicatorOutcomeLabel(r.validated()));
    found->SetValue("JUSTIFICATION", r.justification());
  }
  // A first half's year-end forecast (cli/report/render_forecast_tables.cc
  // words the Panoramica's table the same way).
  for (int i = 0; report.ok() && i < report->forecasts_size(); ++i) {
    const v1::IndicatorForecast& f = report->forecasts(i);
    if (f.code() != indicator->code()) continue;
    ctemplate::TemplateDictionary* forecast =
        page->AddSectionDictionary("FORECAST");
    forecast->SetValue("METHOD", ForecastMethodLabel(f.method()));
    if (f.method() == v1::FORECAST_METHOD_NOT_PROJECTED) {
      forecast->AddSectionDictionary("NOT_PROJECTED")
          ->SetValue("REASON", f.reason());
    } else {
      ctemplate::TemplateDictionary* projected =
          forecast->AddSectionDictionary("PROJECTED");
      projected->SetValue("VALUE", ri::HasValue(f.projected_value())
                                       ? ri::ValueText(f.projected_value())
                                       : "—");
      projected->SetValue("OUTCOME",
                          IndicatorOutcomeLabel(f.projected_outcome()));
      if (!f.explanation().empty()) {
        projected->AddSectionDictionary("EXPLAINED")
            ->SetValue("EXPLANATION", f.explanation());
      }
    }
  }

  // Values per entity and semester.
  std::set<std::string> periods;
  std::map<std::string, std::map<std::string, v1::Measurement>> by_entity;
  for (const v1::Entity& entity : choices->entities) {
    v1::ReadSeriesRequest series;
    series.set_parent(SeriesName(entity.id(), indicator->code()));
    absl::StatusOr<v1::ReadSeriesResponse> values =
        context.calls.Capture<v1::ReadSeriesResponse>("ReadSeries", series);
    if (!values.ok()) return values.status();
    for (const v1::Measurement& m : values->measurements()) {
      periods.insert(m.period());
      by_entity[entity.id()][m.period()] = m;
    }
  }
  std::vector<std::string> head = {"Ente"};
  head.insert(head.end(), periods.begin(), periods.end());
  std::vector<std::vector<std::string>> rows;
  for (const v1::Entity& entity : choices->entities) {
    std::vector<std::string> row = {EntityName(*choices, entity.id())};
    for (const std::string& period : periods) {
      auto it = by_entity[entity.id()].find(period);
      row.push_back(it == by_entity[entity.id()].end()
                        ? "—"
                        : ri::ValueText(it->second.value()));
    }
    rows.push_back(std::move(row));
  }
  AddTable(TextTable(head, rows), "Valori per ente e semestre", "VALUES", page);
  const std::string trend_entity = choices->entity.empty()
                                       ? choices->entities.front().id()
                                       : choices->entity;
  page->SetValue("TREND_ENTITY", EntityName(*choices, trend_entity));
  std::vector<std::pair<std::string, const v1::Value*>> series;
  for (const auto& [period, m] : by_entity[trend_entity]) {
    series.emplace_back(period, &m.value());
  }
  AddTrend(series, page);
  std::vector<std::vector<std::string>> trend_rows;
  for (const auto& [period, value] : series) {
    trend_rows.push_back({period, ri::ValueText(*value)});
  }
  AddTable(
      TextTable({"Semestre", "Valore"}, trend_rows),
      absl::StrCat("Dati del grafico: ", EntityName(*choices, trend_entity)),
      "TREND_TABLE", page);

  // Every revision of the cell of the period shown.
  std::vector<std::vector<std::string>> revisions;
  v1::ListMeasurementRevisionsRequest list;
  list.set_name(
      MeasurementName(trend_entity, indicator->code(), choices->period));
  list.set_page_size(1000);
  absl::StatusOr<v1::ListMeasurementRevisionsResponse> listed =
      context.calls.Capture<v1::ListMeasurementRevisionsResponse>(
          "ListMeasurementRevisions", list);
  if (!listed.ok() && listed.status().code() != absl::StatusCode::kNotFound) {
    return listed.status();
  }
  if (listed.ok()) {
    for (const v1::Measurement& m : listed->revisions()) {
      revisions.push_back({absl::StrCat(m.revision()),
                           FormatItalianDateTime(m.create_time()), m.author(),
                           ri::ValueText(m.value()), m.note(), m.request_id()});
    }
  }
  AddTable(TextTable({"Revisione", "Data e ora", "Persona", "Valore", "Nota",
                      "Richiesta"},
                     revisions),
           absl::StrCat("Revisioni del valore di ",
                        EntityName(*choices, trend_entity), " nel ",
                        choices->period),
           "REVISIONS", page);

  // The item's audit events, from the services that record them.
  v1::ListAuditEventsRequest audit;
  audit.set_item(indicator->code());
  absl::StatusOr<AuditEvents> read = ReadAuditEvents(
      context, audit, {AuditSource::kCapture, AuditSource::kAggregation});
  if (!read.ok()) return read.status();
  if (read->too_many) page->ShowSection("TOO_MANY_EVENTS");
  std::vector<std::vector<std::string>> event_rows;
  for (const auto& [source, e] : read->events) {
    event_rows.push_back({FormatItalianDateTime(e.time()), e.principal(),
                          OperationLabel(e.method()), e.entity(), e.period(),
                          e.previous_value(), e.new_value(), e.detail()});
  }
  AddTable(TextTable({"Data e ora", "Persona", "Operazione", "Ente", "Periodo",
                      "Valore precedente", "Nuovo valore", "Nota o motivo"},
                     event_rows),
           "Eventi di audit della voce", "EVENTS", page);
  return absl::OkStatus();
}

}  // namespace valore::web
