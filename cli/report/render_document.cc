// The report's content, laid out as the appendix lays it out, independent of
// the output format: Markdown and HTML both print this document.
#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/italian_date.h"

namespace valore::cli::report_internal {

namespace {

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

}  // namespace

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
    meta.push_back(
        absl::StrCat("Dati al: ", FormatItalianDateTime(report.as_of())));
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

  // Only a first half has a forecast.
  if (report.line_forecasts_size() > 0 || report.forecasts_size() > 0) {
    b.push_back(Heading("Previsione a fine anno"));
    b.push_back(Paragraph(
        "Valore di fine anno previsto dal primo semestre e andamento che "
        "avrebbe rispetto al target annuale."));
    b.push_back(Paragraph(LinesAtRiskSummary(report)));
    const Table at_risk = LinesAtRiskTable(report);
    if (!at_risk.body.empty()) {
      b.push_back(Heading("Linee a rischio", 3));
      b.push_back(TableBlock(at_risk));
    }
    if (report.forecasts_size() > 0) {
      b.push_back(Heading("Indicatori", 3));
      b.push_back(TableBlock(ForecastTable(report, /*projected_only=*/false)));
    }
  }

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
