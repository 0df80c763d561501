// For tests: the samples of a text exposition (GET /metrics), to look up one
// series by name and labels whatever the order the labels came in.
#ifndef VALORE_SERVICES_COMMON_TEST_METRICS_TEXT_H_
#define VALORE_SERVICES_COMMON_TEST_METRICS_TEXT_H_

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace valore::testing {

struct MetricSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample line of `text`; comments (# HELP, # TYPE) are left out. Label
// values are taken as written (the tests' have no escapes).
inline std::vector<MetricSample> ParseMetricsText(absl::string_view text) {
  std::vector<MetricSample> out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    MetricSample sample;
    const size_t brace = line.find('{');
    const size_t close = line.rfind('}');
    size_t value_at;
    if (brace != absl::string_view::npos && close != absl::string_view::npos) {
      sample.name = std::string(line.substr(0, brace));
      const absl::string_view labels =
          line.substr(brace + 1, close - brace - 1);
      for (absl::string_view pair :
           absl::StrSplit(labels, "\",", absl::SkipEmpty())) {
        const size_t eq = pair.find("=\"");
        if (eq == absl::string_view::npos) continue;
        sample.labels[std::string(pair.substr(0, eq))] =
            std::string(absl::StripSuffix(pair.substr(eq + 2), "\""));
      }
      value_at = close + 1;
    } else {
      value_at = line.find(' ');
      sample.name = std::string(line.substr(0, value_at));
    }
    const std::string value(
        absl::StripLeadingAsciiWhitespace(line.substr(value_at)));
    sample.value = std::strtod(value.c_str(), nullptr);
    out.push_back(std::move(sample));
  }
  return out;
}

// The value of the series `name` with exactly `labels`; nullopt when absent.
inline std::optional<double> SampleValue(
    const std::vector<MetricSample>& samples, absl::string_view name,
    const std::map<std::string, std::string>& labels = {}) {
  for (const MetricSample& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::nullopt;
}

}  // namespace valore::testing

#endif  // VALORE_SERVICES_COMMON_TEST_METRICS_TEXT_H_
