// Inserimento valori: one entity's values for one semester, for one
// dirigente or all, as a grid — target, previous value, the value and its
// note, the outcome — saved all at once, with each refused cell named.
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "cli/report/render_internal.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/period_state.h"

namespace valore::web {
namespace {

namespace ri = cli::report_internal;

// A cell of the grid: what the item is and what it holds now.
struct EntryRow {
  std::string code;
  std::string title;
  std::string kind;  // "Indicatore", "Obiettivo esecutivo"
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

absl::StatusOr<Grid> ReadGrid(const PageContext& context) {
  Grid grid;
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  grid.choices = *std::move(choices);
  grid.choices.entities = PickableEntities(context, grid.choices);
  if (grid.choices.entities.empty()) {
    return absl::PermissionDeniedError("nessun ente da mostrare");
  }
  if (grid.choices.entity.empty()) {
    grid.choices.entity = grid.choices.entities.front().id();
  }
  grid.manager = context.Param("dirigente");

  v1::GetReportRequest request;
  request.set_period(grid.choices.period);
  request.set_scope(ScopeOf(grid.choices.entity));
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", request);
  if (!report.ok()) return report.status();
  v1::BatchGetMeasurementsRequest values_request;
  values_request.set_period(grid.choices.period);
  values_request.add_entities(grid.choices.entity);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> values =
      context.calls.Capture<v1::BatchGetMeasurementsResponse>(
          "BatchGetMeasurements", values_request);
  if (!values.ok()) return values.status();
  std::map<std::string, const v1::Measurement*> stored;
  for (const v1::Measurement& m : values->measurements()) stored[m.item()] = &m;

  std::set<std::string> managers;
  auto add = [&](EntryRow row) {
    if (!row.manager.empty()) managers.insert(row.manager);
    if (!grid.manager.empty() && row.manager != grid.manager) return;
    if (auto it = stored.find(row.code); it != stored.end()) {
      row.value = ri::ValueText(it->second->value());
      row.note = it->second->note();
    }
    grid.rows.push_back(std::move(row));
  };
  for (const v1::IndicatorResult& indicator : report->indicators()) {
    add({indicator.code(), indicator.title(), "Indicatore", indicator.manager(),
         indicator.target().text(),
         ri::ValueText(indicator.previous_semester_value()), "", "",
         IndicatorOutcomeLabel(indicator.computed())});
  }
  for (const v1::ObjectiveResult& objective : report->objectives()) {
    add({objective.code(), objective.title(), "Obiettivo esecutivo",
         objective.manager(), "100%", "", "", "",
         ObjectiveOutcomeLabel(objective.computed())});
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
    page->AddSectionDictionary("ERRORS")->SetIntValue(
        "COUNT", static_cast<long>(errors.size()));
  }
  page->SetIntValue("ROWS", static_cast<long>(grid.rows.size()));
  if (grid.rows.empty()) page->ShowSection("NO_ROWS");
  for (const EntryRow& row : grid.rows) {
    ctemplate::TemplateDictionary* out = page->AddSectionDictionary("ROW");
    out->SetValue("CODE", row.code);
    out->SetValue("TITLE", row.title);
    out->SetValue("KIND", row.kind);
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
      out->AddSectionDictionary("ERROR")->SetValue("TEXT", error->second);
      out->ShowSection("INVALID");
    }
  }
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

absl::Status SaveEntries(const PageContext& context,
                         ctemplate::TemplateDictionary* page,
                         PageResult* result) {
  absl::StatusOr<Grid> grid = ReadGrid(context);
  if (!grid.ok()) return grid.status();
  // Only the cells whose value or note the person changed are written.
  v1::BatchWriteMeasurementsRequest request;
  std::map<std::string, std::string> typed;
  std::map<std::string, std::string> typed_notes;
  std::vector<std::string> codes;
  for (const EntryRow& row : grid->rows) {
    const std::string value = context.Param(absl::StrCat("valore.", row.code));
    const std::string note = context.Param(absl::StrCat("nota.", row.code));
    typed[row.code] = value;
    typed_notes[row.code] = note;
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
  const std::string back = absl::StrCat(
      "/inserimento?periodo=", grid->choices.period,
      "&ente=", grid->choices.entity, "&dirigente=", grid->manager);
  if (codes.empty()) {
    result->redirect = back;
    result->flash = "Nessun valore modificato: niente da salvare.";
    return absl::OkStatus();
  }
  request.set_validate_only(context.Param("azione") == "verifica");
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      context.calls.Capture<v1::BatchWriteMeasurementsResponse>(
          "BatchWriteMeasurements", request);
  if (written.ok() && !request.validate_only()) {
    result->redirect = back;
    result->flash = absl::StrCat("Salvati ", codes.size(), " valori (",
                                 absl::StrJoin(codes, ", "), ").");
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
    result->status = 422;
    result->flash = errors.empty()
                        ? ErrorMessage(written.status())
                        : absl::StrCat("Nessun valore salvato: ", errors.size(),
                                       " valori da correggere.");
    result->flash_is_error = true;
  } else {
    result->flash = absl::StrCat("Verifica riuscita: ", codes.size(),
                                 " valori si possono salvare.");
  }
  FillGrid(*grid, typed, typed_notes, errors, page);
  return absl::OkStatus();
}

}  // namespace valore::web
