// The summary tables of the report document: outcomes, wellbeing dimensions,
// the chart's figures and the sector scores.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"
#include "common/labels.h"

namespace valore::cli::report_internal {

Table OutcomeTable(const v1::Report& report) {
  Table t;
  t.css_class = "esiti";
  std::vector<std::string> head = {""};
  for (v1::Outcome o : kOutcomeColumns) head.push_back(OutcomeColumnLabel(o));
  head.push_back("Totale complessivo");
  t.head = Head(head, {1, 2, 3, 4, 5, 6});
  for (int i = 0; i < report.outcome_table_size(); ++i) {
    const v1::OutcomeRow& r = report.outcome_table(i);
    Row counts;
    counts.cells.push_back(RowHeader(OutcomeRowLabel(r, i)));
    Row percents;
    percents.css_class = "percentuali";
    Cell label = RowHeader("esiti %");
    label.emphasis = true;
    percents.cells.push_back(label);
    for (int c = 0; c < kOutcomeColumnCount; ++c) {
      const v1::OutcomeCount count = OutcomeCountAt(r, c);
      counts.cells.push_back(Number(absl::StrCat(count.count())));
      Cell p = Number(FormatPercent(count.percent()));
      p.emphasis = true;
      percents.cells.push_back(std::move(p));
    }
    counts.cells.push_back(Number(absl::StrCat(r.total())));
    percents.cells.push_back(Number(OutcomeTotalPercent(r)));
    t.body.push_back(std::move(counts));
    t.body.push_back(std::move(percents));
  }
  return t;
}

Table DimensionTable(const v1::Report& report) {
  Table t;
  t.css_class = "dimensioni";
  t.head = Head({"", "DUP (linea programmazione)", "%",
                 "Performance (obiettivi)", "%", "Totale", "%"},
                {1, 2, 3, 4, 5, 6});
  for (const v1::DimensionRow& r : report.dimension_table()) {
    Row row;
    if (r.sub_row()) {
      row.css_class = "sotto";
    } else if (r.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED) {
      row.css_class = "totale";
    }
    row.cells.push_back(RowHeader(DimensionRowLabel(r)));
    row.cells.push_back(Number(absl::StrCat(r.lines())));
    row.cells.push_back(Number(FormatPercent(r.lines_percent())));
    row.cells.push_back(Number(absl::StrCat(r.objectives())));
    row.cells.push_back(Number(FormatPercent(r.objectives_percent())));
    row.cells.push_back(Number(absl::StrCat(r.total())));
    row.cells.push_back(Number(FormatPercent(r.total_percent())));
    // The appendix prints the "Di cui" rows in italics.
    if (r.sub_row()) {
      for (Cell& c : row.cells) c.emphasis = true;
    }
    t.body.push_back(std::move(row));
  }
  return t;
}

Table ChartTable(const v1::Report& report) {
  Table t;
  t.css_class = "grafico-dati";
  std::vector<std::string> head = {"Dimensione"};
  std::set<size_t> numeric;
  for (v1::Outcome o : kOutcomeColumns) {
    numeric.insert(head.size());
    head.push_back(OutcomeColumnLabel(o));
  }
  numeric.insert(head.size());
  head.push_back("Totale");
  t.head = Head(head, numeric);
  for (const ChartColumn& column : ChartColumns(report)) {
    Row row;
    row.cells.push_back(RowHeader(DimensionLabel(column.dimension)));
    for (int count : column.counts) {
      row.cells.push_back(Number(absl::StrCat(count)));
    }
    row.cells.push_back(Number(absl::StrCat(column.total)));
    t.body.push_back(std::move(row));
  }
  return t;
}

Table SectorTable(const v1::Report& report) {
  Table t;
  t.css_class = "settori";
  t.head = Head({"Settore", "Denominazione", "Obiettivi", "Somma pesi",
                 "Punteggio", "Pesi completi"},
                {2, 3, 4});
  for (const v1::SectorScore& s : report.sector_scores()) {
    Row row;
    row.cells.push_back(RowHeader(s.sector()));
    row.cells.push_back(Text(s.display_name()));
    row.cells.push_back(Number(absl::StrCat(s.objectives())));
    row.cells.push_back(
        Number(absl::StrCat(FormatItalianCompact(s.weight_sum(), 2), "%")));
    row.cells.push_back(Number(FormatPercent(s.score())));
    Cell complete = Text(s.weights_complete() ? "sì" : "no (somma ≠ 100%)");
    complete.highlight = !s.weights_complete();
    row.cells.push_back(std::move(complete));
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace valore::cli::report_internal
