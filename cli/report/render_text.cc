// The report for a terminal: the appendix's two summary tables with aligned
// columns, then short notes on what else the report holds.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"
#include "common/italian_number.h"

namespace valore::cli::report_internal {

namespace {

// Long column headers wrap at word boundaries so that the outcome table fits
// a terminal; a single longer word stays whole.
constexpr size_t kHeaderWidth = 16;

std::vector<std::string> WrapWords(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!lines.empty() &&
        Utf8Width(lines.back()) + 1 + Utf8Width(word) <= width) {
      absl::StrAppend(&lines.back(), " ", word);
    } else {
      lines.emplace_back(word);
    }
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string Pad(const std::string& text, size_t width, bool right) {
  const size_t w = Utf8Width(text);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

void AppendLine(std::string* out, std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  absl::StrAppend(out, line, "\n");
}

// A table without spans: wrapped headers, a rule, then the rows; numbers
// right-aligned. Secondary rows (percentages, "Di cui") are indented.
std::string TextTable(const Table& table) {
  const size_t columns = table.head.size();
  std::vector<std::vector<std::string>> head;
  size_t head_lines = 1;
  for (const Cell& c : table.head) {
    head.push_back(WrapWords(c.text, kHeaderWidth));
    head_lines = std::max(head_lines, head.back().size());
  }
  std::vector<std::vector<std::string>> body;
  for (const Row& row : table.body) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < columns; ++i) {
      std::string text = i < row.cells.size() ? row.cells[i].text : "";
      if (i == 0 &&
          (row.css_class == "percentuali" || row.css_class == "sotto")) {
        text = "  " + text;
      }
      cells.push_back(std::move(text));
    }
    body.push_back(std::move(cells));
  }
  std::vector<size_t> width(columns, 0);
  for (size_t i = 0; i < columns; ++i) {
    for (const std::string& line : head[i]) {
      width[i] = std::max(width[i], Utf8Width(line));
    }
    for (const auto& cells : body) {
      width[i] = std::max(width[i], Utf8Width(cells[i]));
    }
  }
  std::string out;
  // Headers sit on their last line, above the rule.
  for (size_t l = 0; l < head_lines; ++l) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < columns; ++i) {
      const size_t offset = head_lines - head[i].size();
      const std::string text = l >= offset ? head[i][l - offset] : "";
      parts.push_back(Pad(text, width[i], table.head[i].numeric));
    }
    AppendLine(&out, absl::StrJoin(parts, "  "));
  }
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  AppendLine(&out, absl::StrJoin(rule, "  "));
  for (const auto& cells : body) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < columns; ++i) {
      parts.push_back(Pad(cells[i], width[i], table.head[i].numeric));
    }
    AppendLine(&out, absl::StrJoin(parts, "  "));
  }
  return out;
}

}  // namespace

std::string RenderText(const v1::Report& report) {
  std::string out;
  AppendLine(&out, ReportTitle(report));
  if (report.missing_entities_size() > 0) {
    AppendLine(&out, absl::StrCat(
                         "Report parziale: mancano i valori di ",
                         absl::StrJoin(report.missing_entities(), ", "), "."));
  }
  absl::StrAppend(&out, "\nEsiti\n", TextTable(OutcomeTable(report)));
  absl::StrAppend(&out, "\nDimensioni del benessere\n",
                  TextTable(DimensionTable(report)));
  // Only a first half has a forecast.
  if (report.line_forecasts_size() > 0 || report.forecasts_size() > 0) {
    absl::StrAppend(&out, "\nPrevisione a fine anno\n");
    AppendLine(&out, LinesAtRiskSummary(report));
    const Table at_risk = LinesAtRiskTable(report);
    if (!at_risk.body.empty()) {
      absl::StrAppend(&out, "\nLinee a rischio\n", TextTable(at_risk));
    }
    const Table forecasts = ForecastTable(report, /*projected_only=*/true);
    if (!forecasts.body.empty()) {
      absl::StrAppend(&out, "\nIndicatori: valore e andamento previsti\n",
                      TextTable(forecasts));
    }
  }

  absl::StrAppend(&out, "\nEsiti validati diversi da quelli calcolati: ",
                  report.disagreements_size(), "\n");
  for (const v1::Disagreement& d : report.disagreements()) {
    AppendLine(
        &out,
        absl::StrCat(
            "  ", ItemTypeLabel(d.item_type()), " ", d.item(),
            d.title().empty() ? "" : absl::StrCat(" (", d.title(), ")"),
            ": calcolato ", ItemOutcomeLabel(d.item_type(), d.computed()),
            ", validato ", ItemOutcomeLabel(d.item_type(), d.validated())));
  }

  if (report.sector_scores_size() > 0) {
    absl::StrAppend(&out, "\nPunteggi per settore\n",
                    TextTable(SectorTable(report)));
  }

  if (report.published_size() == 0) {
    absl::StrAppend(&out, "\nCifre pubblicate: nessuna importata\n");
  } else {
    int differ = 0;
    for (const v1::FigureComparison& f : report.published())
      differ += f.differs();
    absl::StrAppend(&out,
                    "\nCifre pubblicate diverse da quelle calcolate: ", differ,
                    " su ", report.published_size(), "\n");
    for (const v1::FigureComparison& f : report.published()) {
      if (!f.differs()) continue;
      const v1::PublishedFigure& p = f.published();
      const FigureCellLabels labels = LabelsOf(p);
      AppendLine(
          &out,
          absl::StrCat(
              "  ", labels.table, " · ", labels.row, " · ", labels.column,
              ": pubblicato ", FormatItalianCompact(p.count(), 2),
              PercentSuffix(p.has_percent(), p.percent()), ", calcolato ",
              FormatItalianCompact(f.computed_count(), 2),
              PercentSuffix(f.has_computed_percent(), f.computed_percent())));
    }
  }
  return out;
}

}  // namespace valore::cli::report_internal
