// The results against expectations: the DUP table (lines and their
// indicators) and the Performance table (executive objectives).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"
#include "common/labels.h"

namespace valore::cli::report_internal {

namespace {

// An outcome cell that shows the final outcome and, when the office
// overrode the computed one, the computed one beside it.
Cell FinalOutcomeCell(v1::ItemType type, v1::Outcome computed,
                      v1::Outcome final) {
  Cell c = Text(ItemOutcomeLabel(type, final));
  if (computed != final) {
    c.highlight = true;
    c.detail = absl::StrCat("calcolato: ", ItemOutcomeLabel(type, computed));
  }
  return c;
}

// A DUP line and its indicators: the line's cells span the indicator rows,
// as in the appendix.
void AddLineRows(Table& t, const v1::LineResult* line,
                 const std::vector<const v1::IndicatorResult*>& indicators) {
  const int span = std::max<int>(1, indicators.size());
  std::vector<Cell> line_cells;
  Cell outcome;
  if (line != nullptr) {
    line_cells = {RowHeader(line->code()), Text(line->title()),
                  Text(DimensionLabel(line->dimension())),
                  Text(absl::StrJoin(line->managers(), ", "))};
    outcome = FinalOutcomeCell(v1::ITEM_TYPE_PROGRAMME_LINE, line->computed(),
                               line->final());
  } else {
    // Indicators whose line is not in the report still get shown.
    const std::string code =
        indicators.empty() ? "" : indicators.front()->line_code();
    line_cells = {RowHeader(code.empty() ? "—" : code), Text(""), Text(""),
                  Text("")};
    outcome = Text("");
  }
  for (Cell& c : line_cells) c.rowspan = span;
  outcome.rowspan = span;
  for (int i = 0; i < span; ++i) {
    Row row;
    row.css_class = i == 0 ? "linea" : "";
    if (i == 0) row.cells = line_cells;
    if (i < static_cast<int>(indicators.size())) {
      const v1::IndicatorResult& ind = *indicators[i];
      row.cells.push_back(Text(ind.code()));
      row.cells.push_back(Text(ind.title()));
      row.cells.push_back(Text(ind.target().text()));
      row.cells.push_back(Text(ValueText(ind.value())));
      row.cells.push_back(
          Text(HasValue(ind.previous_semester_value())
                   ? absl::StrCat(ValueText(ind.previous_semester_value()),
                                  " (", ind.previous_semester(), ")")
                   : ""));
      row.cells.push_back(Text(IndicatorOutcomeLabel(ind.computed())));
      Cell final = Text(IndicatorOutcomeLabel(ind.final()));
      final.highlight = ind.final() != ind.computed();
      row.cells.push_back(std::move(final));
    } else {
      for (int k = 0; k < 7; ++k) row.cells.push_back(Text(""));
    }
    if (i == 0) row.cells.push_back(outcome);
    t.body.push_back(std::move(row));
  }
}

std::string WeightText(const v1::ObjectiveResult& o) {
  if (!o.weight_text().empty()) return o.weight_text();
  std::vector<std::string> parts;
  for (const v1::SectorWeight& w : o.weights()) {
    parts.push_back(
        absl::StrCat(FormatItalianCompact(w.percent(), 2), "% ", w.sector()));
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace

Table DupTable(const v1::Report& report) {
  Table t;
  t.css_class = "dup";
  t.head = Head({"Linea", "Obiettivo operativo", "Dimensione benessere",
                 "Dirigente", "Codice", "Indicatore", "Target", "Consuntivo",
                 "Semestre precedente", "Andamento calcolato",
                 "Andamento indicatore", "Andamento linea programmazione"});
  std::map<std::string, const v1::IndicatorResult*> by_code;
  std::vector<const v1::IndicatorResult*> dup;
  for (const v1::IndicatorResult& ind : report.indicators()) {
    if (!ind.section().empty()) continue;
    by_code.emplace(ind.code(), &ind);
    dup.push_back(&ind);
  }
  std::set<const v1::IndicatorResult*> shown;
  for (const v1::LineResult& line : report.lines()) {
    std::vector<const v1::IndicatorResult*> mine;
    if (line.indicator_codes_size() > 0) {
      for (const std::string& code : line.indicator_codes()) {
        auto it = by_code.find(code);
        if (it != by_code.end()) mine.push_back(it->second);
      }
    } else {
      for (const v1::IndicatorResult* ind : dup) {
        if (ind->line_code() == line.code()) mine.push_back(ind);
      }
    }
    shown.insert(mine.begin(), mine.end());
    AddLineRows(t, &line, mine);
  }
  // Indicators of lines missing from the report, grouped by line code.
  std::vector<std::pair<std::string, std::vector<const v1::IndicatorResult*>>>
      orphans;
  for (const v1::IndicatorResult* ind : dup) {
    if (shown.count(ind) > 0) continue;
    if (orphans.empty() || orphans.back().first != ind->line_code()) {
      orphans.push_back({ind->line_code(), {}});
    }
    orphans.back().second.push_back(ind);
  }
  for (const auto& [code, inds] : orphans) AddLineRows(t, nullptr, inds);
  return t;
}

Table ObjectiveTable(const v1::Report& report) {
  Table t;
  t.css_class = "performance";
  t.head = Head({"Codice", "Obiettivo esecutivo", "Linea",
                 "Dimensione benessere", "Dirigente", "Peso obiettivo",
                 "Valore rilevato", "Esito calcolato", "Esito"},
                {6});
  for (const v1::ObjectiveResult& o : report.objectives()) {
    Row row;
    row.cells.push_back(RowHeader(o.code()));
    row.cells.push_back(Text(o.title()));
    row.cells.push_back(Text(o.line_code()));
    row.cells.push_back(Text(DimensionLabel(o.dimension())));
    row.cells.push_back(Text(o.manager()));
    row.cells.push_back(Text(WeightText(o)));
    row.cells.push_back(Number(ValueText(o.value())));
    row.cells.push_back(Text(ObjectiveOutcomeLabel(o.computed())));
    Cell final = Text(ObjectiveOutcomeLabel(o.final()));
    final.highlight = o.final() != o.computed();
    row.cells.push_back(std::move(final));
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace valore::cli::report_internal
