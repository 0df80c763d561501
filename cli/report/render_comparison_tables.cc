// What the report compares: validated outcomes that differ from the computed
// ones, and the published figures against the computed ones.
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"

namespace valore::cli::report_internal {

Table DisagreementTable(const v1::Report& report) {
  Table t;
  t.css_class = "disaccordi";
  t.head = Head({"Tipo", "Codice", "Titolo", "Esito calcolato",
                 "Esito validato", "Motivazione"});
  for (const v1::Disagreement& d : report.disagreements()) {
    Row row;
    row.cells.push_back(Text(ItemTypeLabel(d.item_type())));
    row.cells.push_back(RowHeader(d.item()));
    row.cells.push_back(Text(d.title()));
    row.cells.push_back(Text(ItemOutcomeLabel(d.item_type(), d.computed())));
    Cell validated = Text(ItemOutcomeLabel(d.item_type(), d.validated()));
    validated.highlight = true;
    row.cells.push_back(std::move(validated));
    row.cells.push_back(Text(d.justification()));
    t.body.push_back(std::move(row));
  }
  return t;
}

Table PublishedTable(const v1::Report& report) {
  std::map<std::string, std::string> titles;
  for (const v1::IndicatorResult& ind : report.indicators()) {
    titles.emplace(ind.code(), ind.title());
  }
  Table t;
  t.css_class = "pubblicate";
  t.head = Head(
      {"Tabella", "Riga", "Colonna", "Pubblicato", "Calcolato", "Differenza"},
      {3, 4});
  for (const v1::FigureComparison& f : report.published()) {
    const v1::PublishedFigure& p = f.published();
    const FigureCellLabels labels = LabelsOf(p);
    std::string row_label = labels.row;
    if (p.table() == v1::FIGURE_TABLE_ENTITY_FIGURES) {
      auto it = titles.find(p.indicator());
      if (it != titles.end()) row_label = it->second;
    }
    Row row;
    row.css_class = f.differs() ? "diff" : "";
    row.cells.push_back(Text(labels.table));
    row.cells.push_back(RowHeader(row_label));
    row.cells.push_back(Text(labels.column));
    row.cells.push_back(Number(absl::StrCat(
        CountText(p.count()), PercentSuffix(p.has_percent(), p.percent()))));
    row.cells.push_back(Number(absl::StrCat(
        CountText(f.computed_count()),
        PercentSuffix(f.has_computed_percent(), f.computed_percent()))));
    Cell differs = Text(f.differs() ? "sì" : "");
    for (Cell& c : row.cells) c.highlight = f.differs();
    differs.highlight = f.differs();
    row.cells.push_back(std::move(differs));
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace valore::cli::report_internal
