// The geometry of the pages' small bar charts (one bar per semester), in
// SVG units: the templates draw them, with a title, a description and the
// same figures in a table beside.
#ifndef VALORE_SERVICES_WEB_BAR_CHART_H_
#define VALORE_SERVICES_WEB_BAR_CHART_H_

#include <ctemplate/template.h>

#include <vector>

namespace valore::web {

inline constexpr int kBarChartWidth = 640;
inline constexpr int kBarChartHeight = 240;
inline constexpr int kBarChartBase = 200;  // y of the axis
inline constexpr int kBarChartTop = 20;    // y of the tallest bar's top

// Sets WIDTH, HEIGHT and BASE on `chart` and adds one BAR section per
// share (0 to 1 of the tallest possible bar), with X, Y, W, H, LABEL_X and
// LABEL_Y (just above the bar); returns the BAR dictionaries, in order, for
// the caller's own values.
std::vector<ctemplate::TemplateDictionary*> AddBars(
    const std::vector<double>& shares, ctemplate::TemplateDictionary* chart);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_BAR_CHART_H_
