// Inserimento valori: one entity's values for one semester, for one
// dirigente or all, as a grid — target, previous value, the value and its
// note, the outcome — saved all at once, with each refused cell named.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "cli/report/render_internal.h"
#include "common/csv_reader.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/scopes.h"
#include "common/value_fit.h"
#include "services/gateway/problem.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/period_state.h"
#include "services/web/table_view.h"
#include "services/web/url_query.h"

namespace valore::web {
namespace {

namespace ri = cli::report_internal;

// A cell of the grid: what the item is and what it holds now.
struct EntryRow {
  std::string code;
  std::string title;
  v1::ItemType type = v1::ITEM_TYPE_INDICATOR;
  std::string manager;
  std::string target;
  std::string previous;
  std::string value;  // as stored, in words
  std::string note;
  std::string outcome;
};

struct Grid {
  PageChoices choices;
  std::string manager;  // "" for all
  std::vector<std::string> managers;
  std::vector<EntryRow> rows;
  PeriodState state;
  bool writable = false;
};

// The entities the caller may pick: an editor's own, else every entity.
std::vector<v1::Entity> PickableEntities(const PageContext& context,
                                         const PageChoices& choices) {
  const v1::Caller& caller = context.session.caller;
  if (caller.role() != v1::Caller::ROLE_EDITOR) return choices.entities;
  std::vector<v1::Entity> own;
  for (const v1::Entity& entity : choices.entities) {
    for (const std::string& id : caller.entities()) {
      if (entity.id() == id) own.push_back(entity);
    }
  }
  return own;
}

// The values stored for one entity and period, by item code.
absl::StatusOr<std::map<std::string, v1::Measurement>> ReadValues(
    const PageContext& context, const std::string& entity,
    const std::string& period) {
  v1::BatchGetMeasurementsRequest request;
  request.set_period(period);
  request.add_entities(entity);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> values =
      context.calls.Capture<v1::BatchGetMeasurementsResponse>(
          "BatchGetMeasurements", request);
  if (!values.ok()) return values.status();
  std::map<std::string, v1::Measurement> by_item;
  for (v1::Measurement& m : *values->mutable_measurements()) {
    by_item[m.item()] = std::move(m);
  }
  return by_item;
}

absl::StatusOr<Grid> ReadGrid(const PageContext& context) {
  Grid grid;
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  grid.choices = *std::move(choices);
  grid.choices.entities = PickableEntities(context, grid.choices);
  if (grid.choices.entities.empty()) {
    return ItalianError(absl::StatusCode::kPermissionDenied,
                        "nessun ente da mostrare");
  }
  if (grid.choices.entity.empty()) {
    grid.choices.entity = grid.choices.entities.front().id();
  }
  grid.manager = context.Param("dirigente");

  // The items come from the catalog in force for the period, so that a
  // semester nobody has written yet has its grid too.
  absl::StatusOr<Period> period = Period::Parse(grid.choices.period, "periodo");
  if (!period.ok()) return period.status();
  v1::ExportCatalogRequest catalog_request;
  catalog_request.set_period(grid.choices.period);
  absl::StatusOr<v1::ExportCatalogResponse> catalog =
      context.calls.Catalog<v1::ExportCatalogResponse>("ExportCatalog",
                                                       catalog_request);
  if (!catalog.ok()) return catalog.status();
  absl::StatusOr<std::map<std::string, v1::Measurement>> stored =
      ReadValues(context, grid.choices.entity, grid.choices.period);
  if (!stored.ok()) return stored.status();
  absl::StatusOr<std::map<std::string, v1::Measurement>> previous =
      ReadValues(context, grid.choices.entity,
                 Period::FromOrdinal(period->ordinal() - 1).ToString());
  if (!previous.ok()) return previous.status();
  // Outcomes as the report computes them; none yet without any value.
  v1::GetReportRequest request;
  request.set_period(grid.choices.period);
  request.set_scope(ScopeOf(grid.choices.entity));
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", request);
  if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
    return report.status();
  }
  std::map<std::string, std::string> outcomes;
  if (report.ok()) {
    for (const v1::IndicatorResult& r : report->indicators()) {
      outcomes[r.code()] = IndicatorOutcomeLabel(r.computed());
    }
    for (const v1::ObjectiveResult& r : report->objectives()) {
      outcomes[r.code()] = ObjectiveOutcomeLabel(r.computed());
    }
  }

  std::set<std::string> managers;
  auto add = [&](EntryRow row) {
    if (!row.manager.empty()) managers.insert(row.manager);
    if (!grid.manager.empty() && row.manager != grid.manager) return;
    if (auto it = stored->find(row.code); it != stored->end()) {
      row.value = ri::ValueText(it->second.value());
      row.note = it->second.note();
    }
    if (auto it = previous->find(row.code); it != previous->end()) {
      row.previous = ri::ValueText(it->second.value());
    }
    if (auto it = outcomes.find(row.code); it != outcomes.end()) {
      row.outcome = it->second;
    }
    grid.rows.push_back(std::move(row));
  };
  for (const v1::Indicator& indicator : catalog->catalog().indicators()) {
    const v1::Target* target =
        TargetFor(indicator, period->year(), grid.choices.entity);
    add({indicator.code(), indicator.title(), v1::ITEM_TYPE_INDICATOR,
         indicator.manager(), target == nullptr ? "" : target->text()});
  }
  for (const v1::ExecutiveObjective& objective :
       catalog->catalog().executive_objectives()) {
    add({objective.code(), objective.title(), v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE,
         objective.manager(), "100%"});
  }
  grid.managers.assign(managers.begin(), managers.end());
  absl::StatusOr<PeriodState> state =
      ReadPeriodState(context, grid.choices.period);
  if (!state.ok()) return state.status();
  grid.state = *std::move(state);
  // The page offers to write only what the caller may write; the capture
  // service decides every write by itself all the same.
  bool own_entity = false;
  for (const v1::Entity& entity : grid.choices.entities) {
    own_entity = own_entity || entity.id() == grid.choices.entity;
  }
  grid.writable = MayWriteValues(context.session.caller) &&
                  !grid.state.lock.locked() && own_entity;
  return grid;
}

// The grid into `page`; `typed` and `errors` (by item code) are what a
// refused save sent back.
void FillGrid(const Grid& grid, const std::map<std::string, std::string>& typed,
              const std::map<std::string, std::string>& typed_notes,
              const std::map<std::string, std::string>& errors,
              ctemplate::TemplateDictionary* page) {
  AddChoices(grid.choices, "", page);
  page->SetValue("MANAGER", grid.manager);
  page->SetValue("ENTITY_LABEL", EntityName(grid.choices, grid.choices.entity));
  ctemplate::TemplateDictionary* all =
      page->AddSectionDictionary("MANAGER_OPTION");
  all->SetValue("VALUE", "");
  all->SetValue("LABEL", "Tutti i dirigenti");
  if (grid.manager.empty()) all->ShowSection("SELECTED");
  for (const std::string& manager : grid.managers) {
    ctemplate::TemplateDictionary* option =
        page->AddSectionDictionary("MANAGER_OPTION");
    option->SetValue("VALUE", manager);
    option->SetValue("LABEL", manager);
    if (manager == grid.manager) option->ShowSection("SELECTED");
  }
  if (grid.state.lock.locked()) {
    ctemplate::TemplateDictionary* locked =
        page->AddSectionDictionary("LOCKED");
    locked->SetValue("REASON", grid.state.lock.reason());
    locked->SetValue("AUTHOR", grid.state.lock.author());
  }
  if (grid.writable) {
    page->ShowSection("WRITABLE");
  } else if (!grid.state.lock.locked()) {
    page->ShowSection("READ_ONLY_ROLE");
  }
  if (!errors.empty()) {
    page->AddSectionDictionary("ERRORS")->SetValue(
        "COUNT", Count(errors.size(), "valore segnalato", "valori segnalati"));
  }
  page->SetIntValue("ROWS", static_cast<long>(grid.rows.size()));
  if (grid.rows.empty()) page->ShowSection("NO_ROWS");
  for (const EntryRow& row : grid.rows) {
    ctemplate::TemplateDictionary* out = page->AddSectionDictionary("ROW");
    out->SetValue("CODE", row.code);
    if (const std::string link = ItemLink(
            row.type, row.code, grid.choices.period, grid.choices.entity);
        !link.empty()) {
      out->AddSectionDictionary("LINK")->SetValue("HREF", link);
    } else {
      out->ShowSection("PLAIN");
    }
    out->SetValue("TITLE", row.title);
    out->SetValue("KIND", ri::ItemTypeLabel(row.type));
    out->SetValue("TARGET", row.target.empty() ? "—" : row.target);
    out->SetValue("PREVIOUS", row.previous.empty() ? "—" : row.previous);
    out->SetValue("STORED", row.value);
    out->SetValue("STORED_NOTE", row.note);
    auto typed_value = typed.find(row.code);
    out->SetValue("VALUE",
                  typed_value == typed.end() ? row.value : typed_value->second);
    auto typed_note = typed_notes.find(row.code);
    out->SetValue("NOTE", typed_note == typed_notes.end() ? row.note
                                                          : typed_note->second);
    out->SetValue("OUTCOME", row.outcome);
    if (grid.writable) {
      out->ShowSection("EDIT");
    } else {
      out->ShowSection("SHOW");
    }
    if (auto error = errors.find(row.code); error != errors.end()) {
      out->AddSectionDictionary("ERROR")->SetValue("DETAIL", error->second);
      out->ShowSection("INVALID");
    }
  }
}

// The grid as CSV: what the download gives and an upload reads.
constexpr const char* kCsvHeader[] = {
    "Codice", "Voce", "Obiettivo", "Valore precedente", "Valore", "Nota"};

// An uploaded grid: code -> (value, note). INVALID_ARGUMENT naming the file,
// its row or the missing column.
absl::StatusOr<std::map<std::string, std::pair<std::string, std::string>>>
ReadUpload(const std::string& content) {
  if (content.empty()) {
    return ItalianError(absl::StatusCode::kInvalidArgument,
                        "file: scegliere un file CSV");
  }
  absl::StatusOr<CsvTable> table = ParseCsv(content, "file");
  if (!table.ok()) return table.status();
  if (table->Column("Codice") < 0 || table->Column("Valore") < 0) {
    return ItalianError(
        absl::StatusCode::kInvalidArgument,
        "file: servono le colonne \"Codice\" e \"Valore\" (come nel CSV "
        "scaricato dalla griglia)");
  }
  std::map<std::string, std::pair<std::string, std::string>> cells;
  for (const CsvRow& row : table->rows) {
    const std::string code(
        absl::StripAsciiWhitespace(table->Get(row, "Codice")));
    if (code.empty()) continue;
    if (cells.count(code) > 0) {
      return ItalianError(absl::StatusCode::kInvalidArgument,
                          absl::StrCat("file: riga ", row.number,
                                       ": il codice ", code, " è ripetuto"));
    }
    cells[code] = {
        std::string(absl::StripAsciiWhitespace(table->Get(row, "Valore"))),
        std::string(absl::StripAsciiWhitespace(table->Get(row, "Nota")))};
  }
  return cells;
}

// "measurements[3].value_text" -> 3.
std::optional<int> RecordIndex(absl::string_view field) {
  if (!absl::ConsumePrefix(&field, "measurements[")) return std::nullopt;
  const size_t end = field.find(']');
  int index = 0;
  if (end == absl::string_view::npos ||
      !absl::SimpleAtoi(field.substr(0, end), &index)) {
    return std::nullopt;
  }
  return index;
}

}  // namespace

absl::Status EntryPage(const PageContext& context,
                       ctemplate::TemplateDictionary* page,
                       PageResult* result) {
  result->template_name = "entry.tpl";
  absl::StatusOr<Grid> grid = ReadGrid(context);
  if (!grid.ok()) return grid.status();
  FillGrid(*grid, {}, {}, {}, page);
  return absl::OkStatus();
}

absl::Status EntryCsv(const PageContext& context,
                      ctemplate::TemplateDictionary*, PageResult* result) {
  absl::StatusOr<Grid> grid = ReadGrid(context);
  if (!grid.ok()) return grid.status();
  std::string csv;
  ri::AddCsvLine(&csv, std::vector<std::string>(std::begin(kCsvHeader),
                                                std::end(kCsvHeader)));
  for (const EntryRow& row : grid->rows) {
    ri::AddCsvLine(&csv, {row.code, row.title, row.target, row.previous,
                          row.value, row.note});
  }
  result->download = std::move(csv);
  result->download_type = "text/csv; charset=utf-8";
  result->download_name = absl::StrCat("valori-", grid->choices.entity, "-",
                                       grid->choices.period, ".csv");
  return absl::OkStatus();
}

absl::Status SaveEntries(const PageContext& context,
                         ctemplate::TemplateDictionary* page,
                         PageResult* result) {
  absl::StatusOr<Grid> grid = ReadGrid(context);
  if (!grid.ok()) return grid.status();
  const std::string action = context.Param("azione");
  // What the person sent: the grid's fields, or an uploaded CSV of the same
  // grid (codes of other items are named, not guessed).
  std::map<std::string, std::string> typed;
  std::map<std::string, std::string> typed_notes;
  std::string upload_problem;
  if (action == "carica") {
    absl::StatusOr<std::map<std::string, std::pair<std::string, std::string>>>
        uploaded = ReadUpload(context.Param("file"));
    if (!uploaded.ok()) return uploaded.status();
    std::vector<std::string> unknown;
    for (const auto& [code, cell] : *uploaded) {
      const bool known = std::any_of(
          grid->rows.begin(), grid->rows.end(),
          [&code = code](const EntryRow& r) { return r.code == code; });
      if (!known) unknown.push_back(code);
    }
    if (!unknown.empty()) {
      return ItalianError(
          absl::StatusCode::kInvalidArgument,
          absl::StrCat("file: codici non presenti nella griglia scelta: ",
                       absl::StrJoin(unknown, ", ")));
    }
    for (const EntryRow& row : grid->rows) {
      auto it = uploaded->find(row.code);
      typed[row.code] = it == uploaded->end() ? row.value : it->second.first;
      typed_notes[row.code] =
          it == uploaded->end() ? row.note : it->second.second;
    }
  } else {
    for (const EntryRow& row : grid->rows) {
      typed[row.code] = context.Param(absl::StrCat("valore.", row.code));
      typed_notes[row.code] = context.Param(absl::StrCat("nota.", row.code));
    }
  }
  // Only the cells whose value or note changed are written.
  v1::BatchWriteMeasurementsRequest request;
  std::vector<std::string> codes;
  for (const EntryRow& row : grid->rows) {
    const std::string& value = typed[row.code];
    const std::string& note = typed_notes[row.code];
    if (value == row.value && note == row.note) continue;
    if (value.empty()) continue;  // a value is corrected, never erased here
    v1::Measurement* m = request.add_measurements();
    m->set_entity(grid->choices.entity);
    m->set_item(row.code);
    m->set_period(grid->choices.period);
    m->set_value_text(value);
    m->set_note(note);
    codes.push_back(row.code);
  }
  const std::string back =
      UrlWithQuery("/inserimento", {{"periodo", grid->choices.period},
                                    {"ente", grid->choices.entity},
                                    {"dirigente", grid->manager}});
  if (codes.empty()) {
    result->redirect = back;
    result->flash.text = "Nessun valore modificato: niente da salvare.";
    return absl::OkStatus();
  }
  // Anything but "salva" is a check: an upload is always checked first.
  request.set_validate_only(action != "salva");
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      context.calls.Capture<v1::BatchWriteMeasurementsResponse>(
          "BatchWriteMeasurements", request);
  if (written.ok() && !request.validate_only()) {
    result->redirect = back;
    result->flash.text =
        absl::StrCat(Count(codes.size(), "valore salvato", "valori salvati"),
                     " (", absl::StrJoin(codes, ", "), ").");
    return absl::OkStatus();
  }
  // A refusal, or a check: the grid again with what was typed, each cell
  // that was refused saying why.
  result->template_name = "entry.tpl";
  std::map<std::string, std::string> errors;
  if (!written.ok()) {
    if (written.status().code() == absl::StatusCode::kUnauthenticated) {
      return written.status();
    }
    // Kept whole: the loop reads its violations.
    const google::rpc::BadRequest bad_request = BadRequestOf(written.status());
    for (const auto& violation : bad_request.field_violations()) {
      std::optional<int> index = RecordIndex(violation.field());
      if (index && *index >= 0 && *index < static_cast<int>(codes.size())) {
        errors[codes[*index]] = violation.description();
      }
    }
    result->status = gateway::HttpStatusOf(written.status().code());
    if (errors.empty()) {
      result->flash = ErrorFlash(written.status());
    } else {
      result->flash.text = absl::StrCat(
          "Nessun valore salvato: ",
          Count(errors.size(), "valore da correggere", "valori da correggere"),
          ".");
      result->flash.is_error = true;
    }
  } else {
    result->flash.text = absl::StrCat(
        action == "carica" ? "File verificato: " : "Verifica riuscita: ",
        Count(codes.size(), "valore si può salvare",
              "valori si possono salvare"),
        "; controllare nella griglia e premere «Salva tutti i valori».");
  }
  FillGrid(*grid, typed, typed_notes, errors, page);
  return absl::OkStatus();
}

}  // namespace valore::web
