// Inserimento valori: one semester's values of one dirigente's items (or
// all) for one entity or every entity the person reports for, as a grid —
// target, previous value, the value and its note, the outcome — saved all
// at once, with each refused cell named.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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
  std::string entity;
  std::string entity_name;
  std::string code;
  std::string title;
  v1::ItemType type = v1::ITEM_TYPE_INDICATOR;
  std::string manager;
  std::string target;
  std::string previous;
  std::string value;  // as stored, in words
  std::string note;
  std::string outcome;
  bool writable = false;
  // The row's key in the form and in maps: "00002", or "00002@carpi" when
  // the grid shows several entities.
  std::string key;
};

struct Grid {
  PageChoices choices;
  // The entities shown; several when `ente=tutti`.
  std::vector<std::string> shown;
  bool several = false;
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

// The values stored for some entities in a period, by (entity, item).
using CellValues =
    std::map<std::pair<std::string, std::string>, v1::Measurement>;
absl::StatusOr<CellValues> ReadValues(const PageContext& context,
                                      const std::vector<std::string>& entities,
                                      const std::string& period) {
  v1::BatchGetMeasurementsRequest request;
  request.set_period(period);
  for (const std::string& entity : entities) request.add_entities(entity);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> values =
      context.calls.Capture<v1::BatchGetMeasurementsResponse>(
          "BatchGetMeasurements", request);
  if (!values.ok()) return values.status();
  CellValues by_cell;
  for (v1::Measurement& m : *values->mutable_measurements()) {
    by_cell[{m.entity(), m.item()}] = std::move(m);
  }
  return by_cell;
}

absl::StatusOr<Grid> ReadGrid(const PageContext& context) {
  Grid grid;
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  grid.choices = *std::move(choices);
  const std::vector<v1::Entity> all = grid.choices.entities;
  grid.choices.entities = PickableEntities(context, grid.choices);
  std::set<std::string> pickable;
  for (const v1::Entity& entity : grid.choices.entities) {
    pickable.insert(entity.id());
  }
  // Another entity asked for by name is shown, read-only, and stays in the
  // picker so that the page says what it shows.
  if (!grid.choices.entity.empty() &&
      pickable.count(grid.choices.entity) == 0) {
    for (const v1::Entity& entity : all) {
      if (entity.id() == grid.choices.entity) {
        grid.choices.entities.push_back(entity);
      }
    }
  }
  if (grid.choices.entities.empty()) {
    return ItalianError(absl::StatusCode::kPermissionDenied,
                        "nessun ente da mostrare");
  }
  if (grid.choices.all_entities) {
    for (const v1::Entity& entity : grid.choices.entities) {
      grid.shown.push_back(entity.id());
    }
    grid.several = grid.shown.size() > 1;
  } else {
    if (grid.choices.entity.empty()) {
      grid.choices.entity = grid.choices.entities.front().id();
    }
    grid.shown.push_back(grid.choices.entity);
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
  absl::StatusOr<CellValues> stored =
      ReadValues(context, grid.shown, grid.choices.period);
  if (!stored.ok()) return stored.status();
  absl::StatusOr<CellValues> previous =
      ReadValues(context, grid.shown,
                 Period::FromOrdinal(period->ordinal() - 1).ToString());
  if (!previous.ok()) return previous.status();
  // Outcomes as each entity's report computes them; none yet without any
  // value.
  std::map<std::pair<std::string, std::string>, std::string> outcomes;
  for (const std::string& entity : grid.shown) {
    v1::GetReportRequest request;
    request.set_period(grid.choices.period);
    request.set_scope(ScopeOf(entity));
    absl::StatusOr<v1::Report> report =
        context.calls.Aggregation<v1::Report>("GetReport", request);
    if (!report.ok() && report.status().code() != absl::StatusCode::kNotFound) {
      return report.status();
    }
    if (!report.ok()) continue;
    for (const v1::IndicatorResult& r : report->indicators()) {
      outcomes[{entity, r.code()}] = IndicatorOutcomeLabel(r.computed());
    }
    for (const v1::ObjectiveResult& r : report->objectives()) {
      outcomes[{entity, r.code()}] = ObjectiveOutcomeLabel(r.computed());
    }
  }
  absl::StatusOr<PeriodState> state =
      ReadPeriodState(context, grid.choices.period);
  if (!state.ok()) return state.status();
  grid.state = *std::move(state);

  // The page offers to write only what the caller may write; the capture
  // service decides every write by itself all the same.
  std::set<std::string> writable_entities;
  if (MayWriteValues(context.session.caller) && !grid.state.lock.locked()) {
    writable_entities = pickable;
  }
  std::set<std::string> managers;
  // One row per item and shown entity, an item's entities together.
  auto add = [&](const EntryRow& item, const v1::Indicator* indicator) {
    if (!item.manager.empty()) managers.insert(item.manager);
    if (!grid.manager.empty() && item.manager != grid.manager) return;
    for (const std::string& entity : grid.shown) {
      EntryRow row = item;
      row.entity = entity;
      row.entity_name = EntityName(grid.choices, entity);
      row.key = grid.several ? absl::StrCat(row.code, "@", entity) : row.code;
      if (indicator != nullptr) {
        const v1::Target* target =
            TargetFor(*indicator, period->year(), entity);
        row.target = target == nullptr ? "" : target->text();
      }
      const std::pair<std::string, std::string> cell{entity, row.code};
      if (auto it = stored->find(cell); it != stored->end()) {
        row.value = ri::ValueText(it->second.value());
        row.note = it->second.note();
      }
      if (auto it = previous->find(cell); it != previous->end()) {
        row.previous = ri::ValueText(it->second.value());
      }
      if (auto it = outcomes.find(cell); it != outcomes.end()) {
        row.outcome = it->second;
      }
      row.writable = writable_entities.count(entity) > 0;
      grid.writable = grid.writable || row.writable;
      grid.rows.push_back(std::move(row));
    }
  };
  for (const v1::Indicator& indicator : catalog->catalog().indicators()) {
    EntryRow item;
    item.code = indicator.code();
    item.title = indicator.title();
    item.type = v1::ITEM_TYPE_INDICATOR;
    item.manager = indicator.manager();
    add(item, &indicator);
  }
  for (const v1::ExecutiveObjective& objective :
       catalog->catalog().executive_objectives()) {
    EntryRow item;
    item.code = objective.code();
    item.title = objective.title();
    item.type = v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE;
    item.manager = objective.manager();
    item.target = "100%";
    add(item, nullptr);
  }
  grid.managers.assign(managers.begin(), managers.end());
  return grid;
}

// The `ente` the grid was asked for: an entity id, or kAllEntities.
std::string EntityParam(const Grid& grid) {
  return grid.choices.all_entities ? kAllEntities : grid.choices.entity;
}

// The grid into `page`; `typed` and `errors` (by row key) are what a
// refused save sent back.
void FillGrid(const Grid& grid, const std::map<std::string, std::string>& typed,
              const std::map<std::string, std::string>& typed_notes,
              const std::map<std::string, std::string>& errors,
              ctemplate::TemplateDictionary* page) {
  AddChoices(grid.choices, "Ente",
             grid.choices.entities.size() > 1 ? "Tutti gli enti" : "", page,
             kAllEntities);
  page->SetValue("ENTITY", EntityParam(grid));
  page->SetValue("MANAGER", grid.manager);
  page->SetValue("ENTITY_LABEL", grid.several
                                     ? std::string("Tutti gli enti")
                                     : EntityName(grid.choices, grid.shown[0]));
  if (grid.several) page->ShowSection("SEVERAL");
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
    out->SetValue("KEY", row.key);
    out->SetValue("ROW_ENTITY", row.entity);
    // Ids and labels name the entity where the grid shows several.
    out->SetValue("ID", row.key);
    out->SetValue("FOR",
                  grid.several ? absl::StrCat(" per ", row.entity_name) : "");
    if (grid.several) {
      out->AddSectionDictionary("SEVERAL")->SetValue("ENTITY_NAME",
                                                     row.entity_name);
    }
    if (const std::string link =
            ItemLink(row.type, row.code, grid.choices.period, row.entity);
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
    auto typed_value = typed.find(row.key);
    out->SetValue("VALUE",
                  typed_value == typed.end() ? row.value : typed_value->second);
    auto typed_note = typed_notes.find(row.key);
    out->SetValue("NOTE", typed_note == typed_notes.end() ? row.note
                                                          : typed_note->second);
    out->SetValue("OUTCOME", row.outcome);
    if (row.writable) {
      out->ShowSection("EDIT");
    } else {
      out->ShowSection("SHOW");
    }
    if (auto error = errors.find(row.key); error != errors.end()) {
      out->AddSectionDictionary("ERROR")->SetValue("DETAIL", error->second);
      out->ShowSection("INVALID");
    }
  }
}

// The grid as CSV: what the download gives and an upload reads.
constexpr const char* kCsvHeader[] = {
    "Ente",   "Codice", "Voce", "Obiettivo", "Valore precedente",
    "Valore", "Nota"};

// A cell a spreadsheet would not take for a formula: text that starts as
// one ("=", "+", "@", a tab or a return, "-" not before a digit) gets a
// leading apostrophe, which an upload takes away again.
bool LooksLikeFormula(absl::string_view text) {
  if (text.empty()) return false;
  if (absl::string_view("=+@\t\r").find(text[0]) != absl::string_view::npos) {
    return true;
  }
  return text[0] == '-' && (text.size() == 1 || !absl::ascii_isdigit(text[1]));
}
std::string ForSpreadsheet(const std::string& text) {
  return LooksLikeFormula(text) ? absl::StrCat("'", text) : text;
}
std::string FromSpreadsheet(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(text, "'") && LooksLikeFormula(text.substr(1))) {
    text.remove_prefix(1);
  }
  return std::string(text);
}

// An uploaded grid: row key (as EntryRow::key) -> (value, note). Without an
// "Ente" column (or with it empty) a row is of `single_entity`.
// INVALID_ARGUMENT naming the file, its row or the missing column.
absl::StatusOr<std::map<std::string, std::pair<std::string, std::string>>>
ReadUpload(const std::string& content, const Grid& grid) {
  if (content.empty()) {
    return ItalianError(absl::StatusCode::kInvalidArgument,
                        "file: scegliere un file CSV");
  }
  // A grid is a few hundred rows: far below this.
  constexpr size_t kMaxUploadBytes = 4 << 20;
  if (content.size() > kMaxUploadBytes) {
    return ItalianError(absl::StatusCode::kInvalidArgument,
                        "file: oltre 4 MiB, non è la griglia di un semestre");
  }
  // A spreadsheet in an Italian locale saves with semicolons.
  const absl::string_view header(content.data(),
                                 std::min(content.find('\n'), content.size()));
  const char delimiter = header.find(';') != absl::string_view::npos &&
                                 header.find(',') == absl::string_view::npos
                             ? ';'
                             : ',';
  absl::StatusOr<CsvTable> table = ParseCsv(content, "file", delimiter);
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
    std::string entity(absl::StripAsciiWhitespace(table->Get(row, "Ente")));
    if (entity.empty() && !grid.several) entity = grid.shown[0];
    if (!grid.several && entity != grid.shown[0]) {
      return ItalianError(
          absl::StatusCode::kInvalidArgument,
          absl::StrCat("file: riga ", row.number, ": l'ente ", entity,
                       " non è quello della griglia (", grid.shown[0], ")"));
    }
    const std::string key =
        grid.several ? absl::StrCat(code, "@", entity) : code;
    if (cells.count(key) > 0) {
      return ItalianError(
          absl::StatusCode::kInvalidArgument,
          absl::StrCat("file: riga ", row.number, ": ", code,
                       entity.empty() ? "" : absl::StrCat(" di ", entity),
                       " è ripetuto"));
    }
    cells[key] = {FromSpreadsheet(table->Get(row, "Valore")),
                  FromSpreadsheet(table->Get(row, "Nota"))};
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
  // UTF-8 with its byte order mark, so that a spreadsheet reads the accents.
  std::string csv = "\xEF\xBB\xBF";
  ri::AddCsvLine(&csv, std::vector<std::string>(std::begin(kCsvHeader),
                                                std::end(kCsvHeader)));
  for (const EntryRow& row : grid->rows) {
    ri::AddCsvLine(&csv,
                   {row.entity, row.code, ForSpreadsheet(row.title),
                    ForSpreadsheet(row.target), ForSpreadsheet(row.previous),
                    ForSpreadsheet(row.value), ForSpreadsheet(row.note)});
  }
  result->download = std::move(csv);
  result->download_type = "text/csv; charset=utf-8";
  result->download_name = absl::StrCat("valori-", EntityParam(*grid), "-",
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
  if (action == "carica") {
    absl::StatusOr<std::map<std::string, std::pair<std::string, std::string>>>
        uploaded = ReadUpload(context.Param("file"), *grid);
    if (!uploaded.ok()) return uploaded.status();
    std::vector<std::string> unknown;
    for (const auto& [key, cell] : *uploaded) {
      const bool known =
          std::any_of(grid->rows.begin(), grid->rows.end(),
                      [&key = key](const EntryRow& r) { return r.key == key; });
      if (!known) unknown.push_back(key);
    }
    if (!unknown.empty()) {
      constexpr size_t kListed = 20;
      const size_t more =
          unknown.size() > kListed ? unknown.size() - kListed : 0;
      unknown.resize(unknown.size() - more);
      return ItalianError(
          absl::StatusCode::kInvalidArgument,
          absl::StrCat("file: voci non presenti nella griglia scelta: ",
                       absl::StrJoin(unknown, ", "),
                       more > 0 ? absl::StrCat(" e altre ", more) : ""));
    }
    for (const EntryRow& row : grid->rows) {
      auto it = uploaded->find(row.key);
      typed[row.key] = it == uploaded->end() ? row.value : it->second.first;
      typed_notes[row.key] =
          it == uploaded->end() ? row.note : it->second.second;
    }
  } else {
    for (const EntryRow& row : grid->rows) {
      typed[row.key] = context.Param(absl::StrCat("valore.", row.key));
      typed_notes[row.key] = context.Param(absl::StrCat("nota.", row.key));
    }
  }
  // Only the cells whose value or note changed are written.
  v1::BatchWriteMeasurementsRequest request;
  std::vector<std::string> keys;
  std::vector<std::string> row_keys;
  size_t ignored = 0;
  const std::string ignored_words =
      "; un valore si corregge, non si cancella: le celle vuotate restano "
      "come erano";
  for (const EntryRow& row : grid->rows) {
    const std::string& value = typed[row.key];
    const std::string& note = typed_notes[row.key];
    if (value == row.value && note == row.note) continue;
    if (value.empty()) {
      // A value is corrected, never erased: an emptied cell is left as it
      // was, and the person is told.
      ++ignored;
      continue;
    }
    v1::Measurement* m = request.add_measurements();
    m->set_entity(row.entity);
    m->set_item(row.code);
    m->set_period(grid->choices.period);
    m->set_value_text(value);
    m->set_note(note);
    keys.push_back(grid->several
                       ? absl::StrCat(row.code, " (", row.entity_name, ")")
                       : row.code);
    // The row of each record, for the service's errors by record index.
    row_keys.push_back(row.key);
  }
  const std::string back =
      UrlWithQuery("/inserimento", {{"periodo", grid->choices.period},
                                    {"ente", EntityParam(*grid)},
                                    {"dirigente", grid->manager}});
  if (keys.empty()) {
    result->redirect = back;
    result->flash.text =
        ignored == 0
            ? "Nessun valore modificato: niente da salvare."
            : absl::StrCat("Nessun valore salvato", ignored_words, ".");
    return absl::OkStatus();
  }
  // Anything but "salva" is a check: an upload is always checked first.
  request.set_validate_only(action != "salva");
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      context.calls.Capture<v1::BatchWriteMeasurementsResponse>(
          "BatchWriteMeasurements", request);
  if (written.ok() && !request.validate_only()) {
    result->redirect = back;
    result->flash.text = absl::StrCat(
        Count(keys.size(), "valore salvato", "valori salvati"), " (",
        absl::StrJoin(keys, ", "), ")", ignored > 0 ? ignored_words : "", ".");
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
      if (index && *index >= 0 && *index < static_cast<int>(row_keys.size())) {
        errors[row_keys[*index]] = violation.description();
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
        Count(keys.size(), "valore si può salvare",
              "valori si possono salvare"),
        "; controllare nella griglia e premere «Salva tutti i valori».");
  }
  FillGrid(*grid, typed, typed_notes, errors, page);
  return absl::OkStatus();
}

}  // namespace valore::web
