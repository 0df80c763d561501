#include "services/web/bar_chart.h"

#include <algorithm>

namespace valore::web {

std::vector<ctemplate::TemplateDictionary*> AddBars(
    const std::vector<double>& shares, ctemplate::TemplateDictionary* chart) {
  chart->SetIntValue("WIDTH", kBarChartWidth);
  chart->SetIntValue("HEIGHT", kBarChartHeight);
  chart->SetIntValue("BASE", kBarChartBase);
  std::vector<ctemplate::TemplateDictionary*> bars;
  if (shares.empty()) return bars;
  const int slot = kBarChartWidth / static_cast<int>(shares.size());
  const int width = std::max(8, slot * 3 / 5);
  for (size_t i = 0; i < shares.size(); ++i) {
    const double share = std::clamp(shares[i], 0.0, 1.0);
    const int height = static_cast<int>(share * (kBarChartBase - kBarChartTop));
    const int x = static_cast<int>(i) * slot + (slot - width) / 2;
    ctemplate::TemplateDictionary* bar = chart->AddSectionDictionary("BAR");
    bar->SetIntValue("X", x);
    bar->SetIntValue("Y", kBarChartBase - height);
    bar->SetIntValue("W", width);
    bar->SetIntValue("H", height);
    bar->SetIntValue("LABEL_X", x + width / 2);
    bar->SetIntValue("LABEL_Y", kBarChartBase - height - 4);
    bars.push_back(bar);
  }
  return bars;
}

}  // namespace valore::web
