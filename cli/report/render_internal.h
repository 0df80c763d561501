// Pieces shared by the report renderers: labels and lookups over a Report, a
// small document model (headings, paragraphs, tables) that the Markdown and
// HTML renderers both print so that they show the same content, and the
// per-format entry points that render.cc dispatches to.
#ifndef VALORE_CLI_REPORT_RENDER_INTERNAL_H_
#define VALORE_CLI_REPORT_RENDER_INTERNAL_H_

#include <array>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/figure_labels.h"
#include "common/value_text.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::cli::report_internal {

// The outcome table's columns, in the appendix's order.
inline constexpr int kOutcomeColumnCount =
    static_cast<int>(kOutcomeTableColumns.size());
inline constexpr const auto& kOutcomeColumns = kOutcomeTableColumns;

using ::valore::OutcomeColumnIndex;  // common/figure_labels.h

// kUnionScopeLabel for the Union-wide scope, else the entity id.
std::string ScopeLabel(const v1::Report& report);
// "Valore Pubblico — 2023S2 — Unione delle Terre d'Argine".
std::string ReportTitle(const v1::Report& report);

// The row's label, or the appendix's label for the index-th row when unset.
std::string OutcomeRowLabel(const v1::OutcomeRow& row, int index);

// " (53,49%)" after a figure's count, or nothing when it has no percentage.
std::string PercentSuffix(bool has_percent, double percent);
// The count in the given column (index in kOutcomeColumns); zero when absent.
v1::OutcomeCount OutcomeCountAt(const v1::OutcomeRow& row, int column);
// "100,00%" for a row with actions, "0,00%" for an empty one.
std::string OutcomeTotalPercent(const v1::OutcomeRow& row);
// The row's label, or one derived from its dimension when unset.
std::string DimensionRowLabel(const v1::DimensionRow& row);

// A column of the report's chart (Report.chart, counted by the aggregation
// service), indexed as kOutcomeColumns for drawing.
struct ChartColumn {
  v1::WellbeingDimension dimension = v1::WELLBEING_DIMENSION_UNSPECIFIED;
  std::array<int, kOutcomeColumnCount> counts = {};
  int total = 0;
};
std::vector<ChartColumn> ChartColumns(const v1::Report& report);

// The chart's colours (WCAG 2.1 AA, non-text contrast 1.4.11 and text
// contrast 1.4.3): each fill at least 3:1 against the page, each label at
// least 4.5:1 against its fill; segments are parted by a line of the page's
// colour, since no five colours are all 3:1 apart from each other and from
// white.
struct OutcomeColour {
  const char* fill;
  const char* text;
};
inline constexpr const char* kChartBackground = "#ffffff";
inline constexpr const char* kChartSeparator = kChartBackground;
// Labels drawn beside a segment, on the page.
inline constexpr const char* kChartOutsideText = "#1a1a1a";
// By outcome column (kOutcomeColumns): Bootstrap Italia's slate, red,
// dark orange, orange and emerald.
inline constexpr OutcomeColour kOutcomeColours[kOutcomeColumnCount] = {
    {"#5c6f82", "#ffffff"}, {"#b32d43", "#ffffff"}, {"#995c00", "#ffffff"},
    {"#cc7a00", "#1a1a1a"}, {"#008055", "#ffffff"},
};

// A value as a person reads it (common/value_text.h).
using ::valore::ValueText;
// Whether a value was set at all (a default Value shows nothing).
bool HasValue(const v1::Value& value);
// "Indicatore", "Linea di programmazione", "Obiettivo esecutivo".
std::string ItemTypeLabel(v1::ItemType type);
// The outcome worded as the detail tables word it for that kind of item.
std::string ItemOutcomeLabel(v1::ItemType type, v1::Outcome outcome);
// Indicators outside the DUP tree: lavoro agile, or per-entity figures.
bool IsLavoroAgile(const v1::IndicatorResult& indicator);
bool IsEntityFigure(const v1::IndicatorResult& indicator);

// &, <, >, " and ' as entities, for HTML text and attribute values.
std::string HtmlEscape(absl::string_view text);
// Characters shown, counting UTF-8 code points.
size_t Utf8Width(absl::string_view text);

// --- Document model -------------------------------------------------------

struct Cell {
  std::string text;
  int colspan = 1;
  int rowspan = 1;
  bool numeric = false;     // right-aligned
  bool row_header = false;  // the label that names the row
  bool emphasis = false;    // italic, as the appendix prints percent rows
  bool highlight = false;   // a difference the reader should notice
  // A second, smaller line (the computed outcome beside an overridden one).
  std::string detail;
};

struct Row {
  std::vector<Cell> cells;
  std::string css_class;
};

struct Table {
  std::string css_class;
  std::vector<Cell> head;
  std::vector<Row> body;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kWarning, kTable, kChart };
  Kind kind = Kind::kParagraph;
  int level = 2;  // headings
  std::string text;
  std::string css_class;  // paragraphs: "meta" for the report's particulars
  // kTable; for kChart, the chart's figures as a table.
  Table table;
};

struct Document {
  std::string title;
  std::vector<Block> blocks;
};

// The full report as the appendix lays it out, plus what it could not show.
Document BuildDocument(const v1::Report& report);
// The two summary tables and the sector scores, also used by the text format.
Table OutcomeTable(const v1::Report& report);
Table DimensionTable(const v1::Report& report);
Table SectorTable(const v1::Report& report);
// "Previsione a fine anno" (render_forecast_tables.cc): the lines at risk,
// and every indicator's forecast; `projected_only` leaves out those not
// projected and the explanations (for a terminal).
Table LinesAtRiskTable(const v1::Report& report);
Table ForecastTable(const v1::Report& report, bool projected_only);
// "12 linee a rischio su 38." and the like.
std::string LinesAtRiskSummary(const v1::Report& report);

// --- Formats --------------------------------------------------------------

std::string RenderText(const v1::Report& report);
std::string RenderCsv(const v1::Report& report);
// One CSV line (RFC 4180 quoting, CRLF) appended to `out`.
void AddCsvLine(std::string* out, const std::vector<std::string>& fields);
std::string RenderMarkdown(const v1::Report& report);
std::string RenderHtml(const v1::Report& report);
// The stacked-column chart as an inline <svg> element (no namespace URL, so
// it is meant for embedding in HTML).
std::string RenderSvgChart(const v1::Report& report);

}  // namespace valore::cli::report_internal

#endif  // VALORE_CLI_REPORT_RENDER_INTERNAL_H_
