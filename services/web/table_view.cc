#include "services/web/table_view.h"

#include "cli/report/render_document_internal.h"
#include "services/web/url_query.h"

namespace valore::web {
namespace {

using cli::report_internal::Cell;

void AddCell(const Cell& cell, const char* kind, const std::string& link,
             ctemplate::TemplateDictionary* row) {
  ctemplate::TemplateDictionary* out =
      row->AddSectionDictionary("CELL")->AddSectionDictionary(kind);
  out->SetValue("TEXT", cell.text);
  if (!link.empty()) {
    out->AddSectionDictionary("LINK")->SetValue("HREF", link);
  } else {
    out->ShowSection("PLAIN");
  }
  if (cell.colspan > 1) {
    out->AddSectionDictionary("SPAN")->SetIntValue("COLSPAN", cell.colspan);
  }
  if (cell.rowspan > 1) {
    out->AddSectionDictionary("ROWSPAN")->SetIntValue("ROWS", cell.rowspan);
  }
  if (cell.numeric) out->ShowSection("NUMERIC");
  if (cell.emphasis) out->ShowSection("EMPHASIS");
  if (cell.highlight) out->ShowSection("HIGHLIGHT");
  if (!cell.detail.empty()) {
    out->AddSectionDictionary("DETAIL")->SetValue("DETAIL_TEXT", cell.detail);
  }
}

}  // namespace

void AddTable(const cli::report_internal::Table& table,
              const std::string& caption, const std::string& name,
              ctemplate::TemplateDictionary* page,
              const std::vector<std::string>& row_links) {
  ctemplate::TemplateDictionary* out = page->AddIncludeDictionary(name);
  out->SetFilename("table.tpl");
  out->SetValue("CAPTION", caption);
  for (const Cell& cell : table.head) {
    ctemplate::TemplateDictionary* head = out->AddSectionDictionary("HEAD");
    head->SetValue("TEXT", cell.text);
    if (cell.colspan > 1) {
      head->AddSectionDictionary("SPAN")->SetIntValue("COLSPAN", cell.colspan);
    }
    if (cell.rowspan > 1) {
      head->AddSectionDictionary("ROWSPAN")->SetIntValue("ROWS", cell.rowspan);
    }
  }
  for (size_t r = 0; r < table.body.size(); ++r) {
    ctemplate::TemplateDictionary* out_row = out->AddSectionDictionary("ROW");
    const std::vector<Cell>& cells = table.body[r].cells;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string link =
          c == 0 && r < row_links.size() ? row_links[r] : std::string();
      AddCell(cells[c], cells[c].row_header ? "TH" : "TD", link, out_row);
    }
  }
}

cli::report_internal::Table TextTable(
    const std::vector<std::string>& head,
    const std::vector<std::vector<std::string>>& rows) {
  using cli::report_internal::RowHeader;
  using cli::report_internal::Text;
  cli::report_internal::Table table;
  table.head = cli::report_internal::Head(head);
  for (const std::vector<std::string>& cells : rows) {
    cli::report_internal::Row row;
    for (size_t i = 0; i < cells.size(); ++i) {
      row.cells.push_back(i == 0 ? RowHeader(cells[i]) : Text(cells[i]));
    }
    table.body.push_back(std::move(row));
  }
  return table;
}

std::string ItemLink(v1::ItemType type, const std::string& code,
                     const std::string& period, const std::string& entity) {
  const char* path = type == v1::ITEM_TYPE_INDICATOR        ? "/indicatore"
                     : type == v1::ITEM_TYPE_PROGRAMME_LINE ? "/linea"
                                                            : nullptr;
  if (path == nullptr) return "";
  return UrlWithQuery(
      path, {{"codice", code}, {"periodo", period}, {"ente", entity}});
}

}  // namespace valore::web
