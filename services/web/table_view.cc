#include "services/web/table_view.h"

namespace valore::web {
namespace {

using cli::report_internal::Cell;

void AddCell(const Cell& cell, const char* kind,
             ctemplate::TemplateDictionary* row) {
  ctemplate::TemplateDictionary* out =
      row->AddSectionDictionary("CELL")->AddSectionDictionary(kind);
  out->SetValue("TEXT", cell.text);
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
              ctemplate::TemplateDictionary* page) {
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
  for (const cli::report_internal::Row& row : table.body) {
    ctemplate::TemplateDictionary* out_row = out->AddSectionDictionary("ROW");
    for (const Cell& cell : row.cells) {
      AddCell(cell, cell.row_header ? "TH" : "TD", out_row);
    }
  }
}

cli::report_internal::Table TextTable(
    const std::vector<std::string>& head,
    const std::vector<std::vector<std::string>>& rows) {
  cli::report_internal::Table table;
  for (const std::string& text : head) table.head.push_back(Cell{text});
  for (const std::vector<std::string>& cells : rows) {
    cli::report_internal::Row row;
    for (size_t i = 0; i < cells.size(); ++i) {
      Cell cell{cells[i]};
      cell.row_header = i == 0;
      row.cells.push_back(std::move(cell));
    }
    table.body.push_back(std::move(row));
  }
  return table;
}

}  // namespace valore::web
