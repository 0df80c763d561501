// The appendix's chart: one column per wellbeing dimension, stacked by the
// final outcome of its programme lines and executive objectives. Every
// column uses the same scale, so heights compare across dimensions.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/report/render_internal.h"
#include "common/labels.h"

namespace valore::cli::report_internal {

namespace {

constexpr double kWidth = 900;
constexpr double kHeight = 380;
constexpr double kPlotLeft = 30;
constexpr double kPlotTop = 40;  // room for the tallest column's total
constexpr double kPlotBottom = 320;
constexpr double kSlot = 100;  // horizontal room per column
constexpr double kBar = 60;
constexpr double kLegendLeft = 660;
constexpr double kMinLabelHeight = 13;

// Three decimals keep each height's ratio to its count exact to well within
// a thousandth.
std::string Num(double v) { return absl::StrFormat("%.3f", v); }

}  // namespace

std::string RenderSvgChart(const v1::Report& report) {
  const std::vector<ChartColumn> columns = ChartColumns(report);
  int max_total = 0;
  for (const ChartColumn& c : columns) max_total = std::max(max_total, c.total);
  const double scale =
      max_total > 0 ? (kPlotBottom - kPlotTop) / max_total : 0.0;

  std::string out = absl::StrCat(
      "<svg class=\"grafico\" viewBox=\"0 0 ", kWidth, " ", kHeight,
      "\" width=\"", kWidth, "\" height=\"", kHeight,
      "\" role=\"img\" aria-labelledby=\"grafico-titolo\" "
      "font-size=\"12\" font-family=\"sans-serif\">\n"
      "<title id=\"grafico-titolo\">Azioni per dimensione del benessere ed "
      "esito</title>\n");
  absl::StrAppend(&out, "<line class=\"asse\" x1=\"", Num(kPlotLeft),
                  "\" y1=\"", Num(kPlotBottom), "\" x2=\"",
                  Num(kPlotLeft + kSlot * columns.size()), "\" y2=\"",
                  Num(kPlotBottom),
                  "\" stroke=\"#444\" stroke-width=\"1\"/>\n");

  for (size_t i = 0; i < columns.size(); ++i) {
    const ChartColumn& column = columns[i];
    const std::string dimension = DimensionLabel(column.dimension);
    const double x = kPlotLeft + kSlot * i + (kSlot - kBar) / 2;
    const double center = x + kBar / 2;
    absl::StrAppend(&out, "<g class=\"column\" data-dimension=\"",
                    HtmlEscape(dimension), "\" data-total=\"", column.total,
                    "\">\n");
    // Best outcome at the base, as the eye reads the base first.
    double y = kPlotBottom;
    for (int k = kOutcomeColumnCount - 1; k >= 0; --k) {
      const int count = column.counts[k];
      if (count == 0) continue;
      const double h = count * scale;
      y -= h;
      const std::string label = OutcomeColumnLabel(kOutcomeColumns[k]);
      absl::StrAppend(&out, "<rect class=\"segment\" data-outcome=\"",
                      HtmlEscape(label), "\" data-count=\"", count,
                      "\" height=\"", Num(h), "\" x=\"", Num(x), "\" y=\"",
                      Num(y), "\" width=\"", Num(kBar), "\" fill=\"",
                      kOutcomeColours[k].fill, "\" stroke=\"", kChartSeparator,
                      "\" stroke-width=\"2\"><title>", HtmlEscape(label), ": ",
                      count, "</title></rect>\n");
      // A segment too thin for its number gets it beside the column.
      const bool inside = h >= kMinLabelHeight;
      absl::StrAppend(&out, "<text class=\"count\" x=\"",
                      Num(inside ? center : x + kBar + 3), "\" y=\"",
                      Num(y + h / 2 + 4), "\" text-anchor=\"",
                      inside ? "middle" : "start", "\" fill=\"",
                      inside ? kOutcomeColours[k].text : kChartOutsideText,
                      "\">", count, "</text>\n");
    }
    absl::StrAppend(&out, "<text class=\"total\" x=\"", Num(center), "\" y=\"",
                    Num(y - 6),
                    "\" text-anchor=\"middle\" font-weight=\"bold\">",
                    column.total, "</text>\n");
    absl::StrAppend(&out, "<text class=\"label\" x=\"", Num(center), "\" y=\"",
                    Num(kPlotBottom + 18), "\" text-anchor=\"middle\">",
                    HtmlEscape(dimension), "</text>\n</g>\n");
  }

  // Legend top to bottom in the order the segments stack top to bottom.
  out += "<g class=\"legend\">\n";
  for (int k = 0; k < kOutcomeColumnCount; ++k) {
    const double y = kPlotTop + 24 * k;
    absl::StrAppend(&out, "<rect class=\"swatch\" x=\"", Num(kLegendLeft),
                    "\" y=\"", Num(y), "\" width=\"14\" height=\"14\" fill=\"",
                    kOutcomeColours[k].fill, "\"/>\n");
    absl::StrAppend(
        &out, "<text x=\"", Num(kLegendLeft + 20), "\" y=\"", Num(y + 11),
        "\">", HtmlEscape(OutcomeColumnLabel(kOutcomeColumns[k])), "</text>\n");
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace valore::cli::report_internal
