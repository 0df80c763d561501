// The report's content, laid out as the appendix lays it out, independent of
// the output format: Markdown and HTML both print this document.
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/period.h"

namespace valore::cli::report_internal {

namespace {

Cell Text(std::string text) {
  Cell c;
  c.text = std::move(text);
  return c;
}

Cell Number(std::string text) {
  Cell c;
  c.text = std::move(text);
  c.numeric = true;
  return c;
}

Cell RowHeader(std::string text) {
  Cell c;
  c.text = std::move(text);
  c.row_header = true;
  return c;
}

std::vector<Cell> Head(const std::vector<std::string>& labels,
                       const std::set<size_t>& numeric = {}) {
  std::vector<Cell> head;
  for (size_t i = 0; i < labels.size(); ++i) {
    Cell c = Text(labels[i]);
    c.numeric = numeric.count(i) > 0;
    head.push_back(std::move(c));
  }
  return head;
}

Block Heading(std::string text, int level = 2) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.level = level;
  b.text = std::move(text);
  return b;
}

Block Paragraph(std::string text, Block::Kind kind = Block::Kind::kParagraph) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

Block TableBlock(Table table) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(table);
  return b;
}

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

std::string CountText(double count) { return FormatItalianCompact(count, 2); }

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

std::string WeightText(const v1::ObjectiveResult& o) {
  if (!o.weight_text().empty()) return o.weight_text();
  std::vector<std::string> parts;
  for (const v1::SectorWeight& w : o.weights()) {
    parts.push_back(
        absl::StrCat(FormatItalianCompact(w.percent(), 2), "% ", w.sector()));
  }
  return absl::StrJoin(parts, ", ");
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

const v1::FigureComparison* PublishedEntityTotal(const v1::Report& report,
                                                 const std::string& code) {
  for (const v1::FigureComparison& f : report.published()) {
    if (f.published().table() == "entity_figures" &&
        f.published().row() == code) {
      return &f;
    }
  }
  return nullptr;
}

// Indicators of `pick` grouped by section, sections in order of appearance.
template <typename Pred>
std::vector<std::pair<std::string, std::vector<const v1::IndicatorResult*>>>
GroupBySection(const v1::Report& report, Pred pick) {
  std::vector<std::pair<std::string, std::vector<const v1::IndicatorResult*>>>
      groups;
  for (const v1::IndicatorResult& ind : report.indicators()) {
    if (!pick(ind)) continue;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.first == ind.section();
    });
    if (it == groups.end()) {
      groups.push_back({ind.section(), {}});
      it = std::prev(groups.end());
    }
    it->second.push_back(&ind);
  }
  return groups;
}

Table EntityFigureTable(const v1::Report& report,
                        const std::vector<const v1::IndicatorResult*>& group) {
  std::vector<std::string> entities;
  for (const v1::IndicatorResult* ind : group) {
    for (const v1::EntityValue& ev : ind->entity_values()) {
      if (std::find(entities.begin(), entities.end(), ev.entity()) ==
          entities.end()) {
        entities.push_back(ev.entity());
      }
    }
  }
  Table t;
  t.css_class = "enti";
  std::vector<std::string> head = {"Indicatore"};
  std::set<size_t> numeric;
  for (const std::string& e : entities) {
    numeric.insert(head.size());
    head.push_back(e);
  }
  numeric.insert(head.size());
  head.push_back(report.entity().empty()
                     ? "Totale Unione"
                     : absl::StrCat("Valore ", ScopeLabel(report)));
  numeric.insert(head.size());
  head.push_back("Totale pubblicato");
  t.head = Head(head, numeric);
  for (const v1::IndicatorResult* ind : group) {
    Row row;
    row.cells.push_back(RowHeader(ind->title()));
    for (const std::string& e : entities) {
      std::string text;
      for (const v1::EntityValue& ev : ind->entity_values()) {
        if (ev.entity() == e) text = ValueText(ev.value());
      }
      row.cells.push_back(Number(text));
    }
    row.cells.push_back(Number(ValueText(ind->value())));
    Cell published = Number("");
    if (const v1::FigureComparison* f =
            PublishedEntityTotal(report, ind->code())) {
      published.text = CountText(f->published().count());
      published.highlight = f->differs();
      if (f->differs()) row.css_class = "diff";
    }
    row.cells.push_back(std::move(published));
    t.body.push_back(std::move(row));
  }
  return t;
}

Table LavoroAgileTable(const v1::Report& report,
                       const std::vector<const v1::IndicatorResult*>& group) {
  absl::StatusOr<Period> period = Period::Parse(report.period());
  auto year = [&](int delta) {
    return period.ok() ? absl::StrCat(" (anno ", period->year() + delta, ")")
                       : std::string();
  };
  Table t;
  t.css_class = "lavoro-agile";
  t.head = Head({"Indicatore", absl::StrCat("Valore di riferimento", year(-1)),
                 absl::StrCat("Valore atteso", year(0)),
                 absl::StrCat("Valore rilevato", year(0)),
                 absl::StrCat("Valore atteso", year(1))});
  for (const v1::IndicatorResult* ind : group) {
    Row row;
    row.cells.push_back(RowHeader(ind->title()));
    row.cells.push_back(Text(ValueText(ind->previous_year_value())));
    row.cells.push_back(Text(ind->target().text()));
    row.cells.push_back(Text(ValueText(ind->value())));
    row.cells.push_back(Text(ind->next_year_target().text()));
    t.body.push_back(std::move(row));
  }
  return t;
}

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
    std::string row_label = p.row();
    if (p.table() == "entity_figures") {
      auto it = titles.find(p.row());
      if (it != titles.end()) row_label = it->second;
    }
    Row row;
    row.css_class = f.differs() ? "diff" : "";
    row.cells.push_back(Text(p.table()));
    row.cells.push_back(RowHeader(row_label));
    row.cells.push_back(Text(p.column()));
    auto figure = [](double count, const std::string& percent) {
      return percent.empty()
                 ? CountText(count)
                 : absl::StrCat(CountText(count), " (", percent, ")");
    };
    row.cells.push_back(Number(figure(p.count(), p.percent())));
    row.cells.push_back(
        Number(figure(f.computed_count(), f.computed_percent())));
    Cell differs = Text(f.differs() ? "sì" : "");
    for (Cell& c : row.cells) c.highlight = f.differs();
    differs.highlight = f.differs();
    row.cells.push_back(std::move(differs));
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace

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

Document BuildDocument(const v1::Report& report) {
  Document doc;
  doc.title = ReportTitle(report);
  std::vector<Block>& b = doc.blocks;
  b.push_back(Heading(doc.title, 1));

  std::vector<std::string> meta = {
      absl::StrCat("Periodo: ", report.period()),
      absl::StrCat("Ambito: ", ScopeLabel(report))};
  if (report.catalog_version() > 0) {
    meta.push_back(
        absl::StrCat("Versione del catalogo: ", report.catalog_version()));
  }
  if (report.has_as_of()) {
    meta.push_back(absl::StrCat(
        "Dati al: ",
        google::protobuf::util::TimeUtil::ToString(report.as_of())));
  }
  b.push_back(Paragraph(absl::StrJoin(meta, " · ")));
  b.back().css_class = "meta";
  if (report.missing_entities_size() > 0) {
    b.push_back(Paragraph(
        absl::StrCat("Report parziale: mancano i valori di ",
                     absl::StrJoin(report.missing_entities(), ", "), "."),
        Block::Kind::kWarning));
  }

  b.push_back(Heading("Esiti"));
  b.push_back(TableBlock(OutcomeTable(report)));
  b.push_back(Heading("Dimensioni del benessere"));
  b.push_back(TableBlock(DimensionTable(report)));

  b.push_back(Heading("Azioni per dimensione del benessere ed esito"));
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.table = ChartTable(report);
  b.push_back(std::move(chart));

  b.push_back(Heading("Risultati raggiunti rispetto alle attese: DUP"));
  if (report.lines_size() > 0 || report.indicators_size() > 0) {
    b.push_back(TableBlock(DupTable(report)));
  } else {
    b.push_back(Paragraph("Nessuna linea di programmazione."));
  }

  b.push_back(Heading("Risultati raggiunti rispetto alle attese: Performance"));
  if (report.objectives_size() > 0) {
    b.push_back(TableBlock(ObjectiveTable(report)));
  } else {
    b.push_back(Paragraph("Nessun obiettivo esecutivo."));
  }

  b.push_back(Heading("Punteggi per settore"));
  if (report.sector_scores_size() > 0) {
    b.push_back(Paragraph(
        "Punteggio: Σ peso × % raggiunto / Σ peso degli obiettivi del "
        "settore."));
    b.push_back(TableBlock(SectorTable(report)));
  } else {
    b.push_back(Paragraph("Nessun punteggio di settore."));
  }

  b.push_back(Heading("Altre attività correlate"));
  const auto figures = GroupBySection(report, IsEntityFigure);
  if (figures.empty()) b.push_back(Paragraph("Nessun dato per ente."));
  for (const auto& [section, group] : figures) {
    b.push_back(Heading(section, 3));
    b.push_back(TableBlock(EntityFigureTable(report, group)));
  }

  b.push_back(Heading("Lavoro agile"));
  const auto agile = GroupBySection(report, IsLavoroAgile);
  if (agile.empty()) b.push_back(Paragraph("Nessun indicatore."));
  for (const auto& [section, group] : agile) {
    absl::string_view name = section;
    if (!absl::ConsumePrefix(&name, "Lavoro agile - ")) {
      absl::ConsumePrefix(&name, "Lavoro agile");
    }
    b.push_back(Heading(name.empty() ? section : std::string(name), 3));
    b.push_back(TableBlock(LavoroAgileTable(report, group)));
  }

  b.push_back(Heading("Esiti validati diversi da quelli calcolati"));
  if (report.disagreements_size() > 0) {
    b.push_back(Paragraph(absl::StrCat(
        report.disagreements_size(),
        report.disagreements_size() == 1 ? " elemento." : " elementi.")));
    b.push_back(TableBlock(DisagreementTable(report)));
  } else {
    b.push_back(Paragraph("Nessuno."));
  }

  b.push_back(Heading("Cifre pubblicate e cifre calcolate"));
  if (report.published_size() > 0) {
    int differ = 0;
    for (const v1::FigureComparison& f : report.published())
      differ += f.differs();
    b.push_back(Paragraph(absl::StrCat(
        differ, differ == 1 ? " differenza su " : " differenze su ",
        report.published_size(), " cifre pubblicate.")));
    b.push_back(TableBlock(PublishedTable(report)));
  } else {
    b.push_back(Paragraph("Nessuna cifra pubblicata importata."));
  }
  return doc;
}

}  // namespace valore::cli::report_internal
