// Panoramica: a period's appendix at a glance — the two summary tables, the
// chart with its figures, where validated outcomes differ from computed
// ones, which values are missing and whose, and the period's lock and
// snapshots.
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

}  // namespace

absl::Status OverviewPage(const PageContext& context,
                          ctemplate::TemplateDictionary* page,
                          PageResult* result) {
  result->template_name = "overview.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, kUnionScopeLabel, page);

  v1::GetReportRequest request;
  request.set_period(choices->period);
  request.set_scope(ScopeOf(choices->entity));
  request.set_allow_partial(true);
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", request);
  if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
    return report.status();
  }
  absl::StatusOr<PeriodState> state = ReadPeriodState(context, choices->period);
  if (!state.ok()) return state.status();
  AddPeriodState(*state, page);
  if (!report.ok()) {
    // A period nobody has written yet: nothing to count.
    page->SetValue("SCOPE_LABEL", choices->entity.empty()
                                      ? std::string(kUnionScopeLabel)
                                      : EntityName(*choices, choices->entity));
    page->ShowSection("NO_DATA");
    return absl::OkStatus();
  }
  page->ShowSection("HAS_DATA");

  page->SetValue("SCOPE_LABEL", choices->entity.empty()
                                    ? std::string(kUnionScopeLabel)
                                    : EntityName(*choices, choices->entity));
  if (report->missing_entities_size() > 0) {
    page->AddSectionDictionary("PARTIAL")->SetValue(
        "ENTITIES", absl::StrJoin(report->missing_entities(), ", "));
  }
  AddTable(ri::OutcomeTable(*report), "Esiti delle linee di programmazione",
           "OUTCOME_TABLE", page);
  AddTable(ri::DimensionTable(*report),
           "Linee di programmazione per dimensione del benessere",
           "DIMENSION_TABLE", page);
  // The chart is the report's own SVG, built with its text escaped.
  page->SetValue("CHART_SVG", ri::RenderSvgChart(*report));
  AddTable(ri::ChartTable(*report), "Dati del grafico", "CHART_TABLE", page);

  if (report->disagreements_size() > 0) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> links;
    for (const v1::Disagreement& d : report->disagreements()) {
      links.push_back(
          ItemLink(d.item_type(), d.item(), choices->period, choices->entity));
      rows.push_back({d.item(), ri::ItemTypeLabel(d.item_type()), d.title(),
                      ri::ItemOutcomeLabel(d.item_type(), d.computed()),
                      ri::ItemOutcomeLabel(d.item_type(), d.validated()),
                      d.justification()});
    }
    AddTable(TextTable({"Codice", "Tipo", "Titolo", "Esito calcolato",
                        "Esito validato", "Motivazione"},
                       rows),
             "Esiti validati diversi da quelli calcolati", "DISAGREEMENTS",
             page, links);
  } else {
    page->ShowSection("NO_DISAGREEMENTS");
  }

  const std::map<std::string, ManagerCount> counts = CountByManager(*report);
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
  page->SetIntValue("MISSING", missing);
  AddTable(TextTable({"Dirigente", "Valori inseriti", "Valori dovuti",
                      "Completezza", "Voci senza valore"},
                     rows),
           "Completezza per dirigente", "COMPLETENESS", page);
  return absl::OkStatus();
}

}  // namespace valore::web
