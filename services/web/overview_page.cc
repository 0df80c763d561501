// Panoramica: a period's appendix at a glance — the two summary tables, the
// chart with its figures, where validated outcomes differ from computed
// ones, which values are missing and whose, and the period's lock and
// snapshots.
#include <future>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_renderer.h"
#include "services/web/period_state.h"
#include "services/web/table_view.h"

namespace valore::web {
namespace {

namespace ri = cli::report_internal;

struct ManagerCount {
  int entered = 0;
  int due = 0;
  std::vector<std::string> missing;  // item codes
};

// Values entered and due per dirigente: each indicator and executive
// objective of the report counts once, in the scope shown.
std::map<std::string, ManagerCount> CountByManager(const v1::Report& report) {
  std::map<std::string, ManagerCount> counts;
  auto add = [&](const std::string& manager, const std::string& code,
                 const v1::Value& value) {
    ManagerCount& count =
        counts[manager.empty() ? std::string("(senza dirigente)") : manager];
    ++count.due;
    if (ri::HasValue(value)) {
      ++count.entered;
    } else {
      count.missing.push_back(code);
    }
  };
  for (const v1::IndicatorResult& indicator : report.indicators()) {
    add(indicator.manager(), indicator.code(), indicator.value());
  }
  for (const v1::ObjectiveResult& objective : report.objectives()) {
    add(objective.manager(), objective.code(), objective.value());
  }
  return counts;
}

// "Previsione a fine anno", only in a first half (a second half's report
// has no forecast): the lines at risk and every indicator's forecast, as the
// report formats lay them out (cli/report/render_forecast_tables.cc), each
// code linking to its page.
void AddForecast(const v1::Report& report, const std::string& entity,
                 ctemplate::TemplateDictionary* part) {
  if (report.line_forecasts_size() == 0 && report.forecasts_size() == 0) {
    return;
  }
  ctemplate::TemplateDictionary* forecast =
      part->AddSectionDictionary("FORECAST");
  forecast->SetValue("SUMMARY", ri::LinesAtRiskSummary(report));
  std::vector<std::string> line_links;
  for (const v1::LineForecast& line : report.line_forecasts()) {
    if (!line.at_risk()) continue;
    line_links.push_back(ItemLink(v1::ITEM_TYPE_PROGRAMME_LINE, line.code(),
                                  report.period(), entity));
  }
  if (line_links.empty()) {
    forecast->ShowSection("NO_LINES_AT_RISK");
  } else {
    AddTable(ri::LinesAtRiskTable(report),
             "Linee a rischio: andamento previsto a fine anno", "LINES_AT_RISK",
             forecast, line_links);
  }
  if (report.forecasts_size() > 0) {
    std::vector<std::string> indicator_links;
    for (const v1::IndicatorForecast& f : report.forecasts()) {
      indicator_links.push_back(
          ItemLink(v1::ITEM_TYPE_INDICATOR, f.code(), report.period(), entity));
    }
    AddTable(ri::ForecastTable(report, /*projected_only=*/false),
             "Indicatori: valore e andamento previsti a fine anno", "FORECASTS",
             forecast->AddSectionDictionary("INDICATORS"), indicator_links);
  }
}

// The part of Panoramica that the report alone decides, as HTML
// (overview_report.tpl).
absl::StatusOr<std::string> RenderReportPart(const PageContext& context,
                                             const v1::Report& report,
                                             const std::string& entity) {
  ctemplate::TemplateDictionary part("overview_report");
  if (report.missing_entities_size() > 0) {
    part.AddSectionDictionary("PARTIAL")->SetValue(
        "ENTITIES", absl::StrJoin(report.missing_entities(), ", "));
  }
  AddTable(ri::OutcomeTable(report), "Esiti delle linee di programmazione",
           "OUTCOME_TABLE", &part);
  AddTable(ri::DimensionTable(report),
           "Linee di programmazione per dimensione del benessere",
           "DIMENSION_TABLE", &part);
  // The chart is the report's own SVG, built with its text escaped.
  part.SetValue("CHART_SVG", ri::RenderSvgChart(report));
  AddTable(ri::ChartTable(report), "Dati del grafico", "CHART_TABLE", &part);

  AddForecast(report, entity, &part);

  if (report.disagreements_size() > 0) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> links;
    for (const v1::Disagreement& d : report.disagreements()) {
      links.push_back(
          ItemLink(d.item_type(), d.item(), report.period(), entity));
      rows.push_back({d.item(), ri::ItemTypeLabel(d.item_type()), d.title(),
                      ri::ItemOutcomeLabel(d.item_type(), d.computed()),
                      ri::ItemOutcomeLabel(d.item_type(), d.validated()),
                      d.justification()});
    }
    AddTable(TextTable({"Codice", "Tipo", "Titolo", "Esito calcolato",
                        "Esito validato", "Motivazione"},
                       rows),
             "Esiti validati diversi da quelli calcolati", "DISAGREEMENTS",
             &part, links);
  } else {
    part.ShowSection("NO_DISAGREEMENTS");
  }

  const std::map<std::string, ManagerCount> counts = CountByManager(report);
  int missing = 0;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [manager, count] : counts) {
    missing += count.due - count.entered;
    rows.push_back(
        {manager, absl::StrCat(count.entered), absl::StrCat(count.due),
         FormatPercent(count.due == 0 ? 0.0 : 100.0 * count.entered / count.due,
                       1),
         count.missing.empty() ? "—" : absl::StrJoin(count.missing, ", ")});
  }
  part.SetIntValue("MISSING", missing);
  AddTable(TextTable({"Dirigente", "Valori inseriti", "Valori dovuti",
                      "Completezza", "Voci senza valore"},
                     rows),
           "Completezza per dirigente", "COMPLETENESS", &part);
  return context.renderer->Render("overview_report.tpl", part);
}

}  // namespace

absl::Status OverviewPage(const PageContext& context,
                          ctemplate::TemplateDictionary* page,
                          PageResult* result) {
  result->template_name = "overview.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ambito", kUnionScopeLabel, page);
  page->SetValue("SCOPE_LABEL", choices->entity.empty()
                                    ? std::string(kUnionScopeLabel)
                                    : EntityName(*choices, choices->entity));

  v1::GetReportRequest request;
  request.set_period(choices->period);
  request.set_scope(ScopeOf(choices->entity));
  request.set_allow_partial(true);
  // The report and the period's state are asked together.
  std::future<absl::StatusOr<std::string>> asked =
      std::async(std::launch::async, [&context, &request] {
        return context.calls.AggregationBytes("GetReport", request);
      });
  absl::StatusOr<PeriodState> state = ReadPeriodState(context, choices->period);
  absl::StatusOr<std::string> bytes = asked.get();
  if (!bytes.ok() && bytes.status().code() != absl::StatusCode::kNotFound) {
    return bytes.status();
  }
  if (!state.ok()) return state.status();
  AddPeriodState(*state, page);
  if (!bytes.ok()) {
    // A period nobody has written yet: nothing to count.
    page->ShowSection("NO_DATA");
    return absl::OkStatus();
  }
  // The same report bytes make the same HTML: a report read again (every
  // reader of Panoramica, until a value changes) is not parsed or laid out
  // again. The service was still asked, with this reader's token.
  const std::string key =
      absl::StrCat("web/overview/", request.period(), "/", request.scope());
  std::shared_ptr<const std::string> html =
      context.fragments->Find(key, *bytes);
  if (html == nullptr) {
    // Big and read once: parsed into an arena.
    google::protobuf::Arena arena;
    v1::Report* report =
        google::protobuf::Arena::CreateMessage<v1::Report>(&arena);
    if (!report->ParseFromString(*bytes)) {
      return absl::InternalError("the report cannot be read");
    }
    absl::StatusOr<std::string> made =
        RenderReportPart(context, *report, choices->entity);
    if (!made.ok()) return made.status();
    html = std::make_shared<const std::string>(*std::move(made));
    context.fragments->Keep(key, *std::move(bytes), html);
  }
  page->SetValue("REPORT_HTML", *html);
  return absl::OkStatus();
}

}  // namespace valore::web
