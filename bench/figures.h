// The figures of one benchmark run: printed as a table and as one
// `name=value` line each, and written as JSON.
#ifndef VALORE_BENCH_FIGURES_H_
#define VALORE_BENCH_FIGURES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace valore::bench {

struct Figure {
  std::string name;
  double value = 0;
  std::string unit;
  std::string what;
  // "≥ 0.5", "≤ 5", or empty; `met` is meaningful only with a target.
  std::string target;
  bool met = true;
};

class Figures {
 public:
  void Add(const std::string& name, double value, const std::string& unit,
           const std::string& what);
  // A figure with a target: at least `min` (or at most `max`).
  void AddAtLeast(const std::string& name, double value, double min,
                  const std::string& what);
  void AddAtMost(const std::string& name, double value, double max,
                 const std::string& unit, const std::string& what);
  // Free-form context written to the JSON (machine, options, notes).
  void Note(const std::string& key, const std::string& value);

  const std::vector<Figure>& all() const { return figures_; }
  // The table, then the name=value lines.
  std::string Text() const;
  std::string Json() const;
  absl::Status WriteJson(const std::string& path) const;

 private:
  std::vector<Figure> figures_;
  std::vector<std::pair<std::string, std::string>> notes_;
};

}  // namespace valore::bench

#endif  // VALORE_BENCH_FIGURES_H_
