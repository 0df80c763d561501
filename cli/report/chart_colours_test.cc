// The chart's colours against WCAG 2.1 AA: non-text contrast (1.4.11) of
// every segment against the page and its neighbours, text contrast (1.4.3)
// of every count. Contrast as WCAG defines it, from relative luminance.
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"
#include "gtest/gtest.h"

namespace valore::cli::report_internal {
namespace {

double Channel(int value) {
  const double c = value / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(const std::string& hex) {
  EXPECT_EQ(hex.size(), 7u) << hex;
  const long rgb = std::strtol(hex.c_str() + 1, nullptr, 16);
  return 0.2126 * Channel((rgb >> 16) & 0xff) +
         0.7152 * Channel((rgb >> 8) & 0xff) + 0.0722 * Channel(rgb & 0xff);
}

double Contrast(const std::string& a, const std::string& b) {
  const double la = Luminance(a);
  const double lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(ChartColoursTest, ContrastFollowsWcagDefinition) {
  EXPECT_NEAR(Contrast("#ffffff", "#000000"), 21.0, 1e-9);
  EXPECT_NEAR(Contrast("#777777", "#777777"), 1.0, 1e-9);
  // The figures the old palette was faulted for.
  EXPECT_NEAR(Contrast("#9e9e9e", "#ffffff"), 2.68, 0.01);
  EXPECT_NEAR(Contrast("#fbc02d", "#ffffff"), 1.66, 0.01);
}

TEST(ChartColoursTest, SegmentsStandOutAndCountsRead) {
  for (int k = 0; k < kOutcomeColumnCount; ++k) {
    const OutcomeColour& colour = kOutcomeColours[k];
    SCOPED_TRACE(absl::StrCat("column ", k, " ", colour.fill));
    EXPECT_GE(Contrast(colour.fill, kChartBackground), 3.0);
    // Segments touch only through the separator, which is 3:1 against each.
    EXPECT_GE(Contrast(colour.fill, kChartSeparator), 3.0);
    EXPECT_GE(Contrast(colour.text, colour.fill), 4.5);
  }
  EXPECT_GE(Contrast(kChartOutsideText, kChartBackground), 4.5);
}

}  // namespace
}  // namespace valore::cli::report_internal
