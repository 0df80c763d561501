// Linea di programmazione: one DUP line — its outcome computed by the line
// rule and as validated, each of its indicators with the target as written
// and as the rules read it, the value of every entity and the outcome; its
// indicators' values per entity and semester and the line's outcome per
// semester (line_history.cc); then the line's audit events, which hold
// every validation of it with who, when, request and justification.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_internal.h"
#include "common/italian_date.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "services/web/audit_events.h"
#include "services/web/line_history.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/table_view.h"
#include "valore/v1/audit.pb.h"

namespace valore::web {

namespace ri = cli::report_internal;

absl::Status LinePage(const PageContext& context,
                      ctemplate::TemplateDictionary* page, PageResult* result) {
  result->template_name = "line.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ambito", kUnionScopeLabel, page);
  const std::string code = context.Param("codice");
  page->SetValue("CODE", code);
  v1::GetProgrammeLineRequest get;
  get.set_name(absl::StrCat("lines/", ResourceIdOf(code)));
  absl::StatusOr<v1::ProgrammeLine> line =
      context.calls.Catalog<v1::ProgrammeLine>("GetProgrammeLine", get);
  if (!line.ok()) return line.status();
  result->title = absl::StrCat("Linea di programmazione ", line->code());
  page->SetValue("TITLE", line->title());
  page->SetValue("DIMENSION", DimensionLabel(line->dimension()));
  page->SetValue("MANAGERS", absl::StrJoin(line->managers(), ", "));

  v1::GetReportRequest request;
  request.set_period(choices->period);
  request.set_scope(ScopeOf(choices->entity));
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", request);
  if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
    return report.status();
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> links;
  std::vector<std::string> head = {"Indicatore", "Titolo", "Obiettivo",
                                   "Lettura dell'obiettivo", "Valore"};
  for (const v1::Entity& entity : choices->entities) {
    head.push_back(EntityName(*choices, entity.id()));
  }
  head.insert(head.end(), {"Esito calcolato", "Esito validato"});
  for (int i = 0; report.ok() && i < report->lines_size(); ++i) {
    const v1::LineResult& found = report->lines(i);
    if (found.code() != line->code()) continue;
    ctemplate::TemplateDictionary* outcome =
        page->AddSectionDictionary("RESULT");
    outcome->SetValue("COMPUTED", LineOutcomeLabel(found.computed()));
    outcome->SetValue("VALIDATED", found.validated() == v1::OUTCOME_UNSPECIFIED
                                       ? "—"
                                       : LineOutcomeLabel(found.validated()));
    outcome->SetValue("JUSTIFICATION", found.justification());
    for (const v1::IndicatorResult& indicator : report->indicators()) {
      if (std::find(found.indicator_codes().begin(),
                    found.indicator_codes().end(),
                    indicator.code()) == found.indicator_codes().end()) {
        continue;
      }
      std::vector<std::string> row = {
          indicator.code(), indicator.title(), indicator.target().text(),
          indicator.explanation(),
          ri::HasValue(indicator.value()) ? ri::ValueText(indicator.value())
                                          : "—"};
      for (const v1::Entity& entity : choices->entities) {
        std::string shown = "—";
        for (const v1::EntityValue& value : indicator.entity_values()) {
          if (value.entity() == entity.id())
            shown = ri::ValueText(value.value());
        }
        row.push_back(shown);
      }
      row.push_back(IndicatorOutcomeLabel(indicator.computed()));
      row.push_back(indicator.validated() == v1::OUTCOME_UNSPECIFIED
                        ? "—"
                        : IndicatorOutcomeLabel(indicator.validated()));
      rows.push_back(std::move(row));
      links.push_back(ItemLink(v1::ITEM_TYPE_INDICATOR, indicator.code(),
                               choices->period, choices->entity));
    }
  }
  if (!report.ok()) page->ShowSection("NO_DATA");
  AddTable(TextTable(head, rows),
           absl::StrCat("Indicatori della linea nel periodo ", choices->period),
           "INDICATORS", page, links);

  if (absl::Status history =
          AddLineHistory(context, *choices, line->code(), page);
      !history.ok()) {
    return history;
  }

  v1::ListAuditEventsRequest audit;
  audit.set_item(line->code());
  absl::StatusOr<AuditEvents> read =
      ReadAuditEvents(context, audit, {AuditSource::kAggregation});
  if (!read.ok()) return read.status();
  if (read->too_many) page->ShowSection("TOO_MANY_EVENTS");
  std::vector<std::vector<std::string>> event_rows;
  for (const auto& [source, e] : read->events) {
    event_rows.push_back({FormatItalianDateTime(e.time()), e.principal(),
                          e.period(), e.previous_value(), e.new_value(),
                          e.detail()});
  }
  AddTable(TextTable({"Data e ora", "Persona", "Periodo", "Valore precedente",
                      "Nuovo valore", "Nota o motivo"},
                     event_rows),
           "Eventi di audit della linea", "EVENTS", page);
  return absl::OkStatus();
}

}  // namespace valore::web
