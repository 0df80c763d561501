// The outcomes of every item of a catalog for one scope in one period: each
// indicator, programme line and executive objective computed from the
// scope's values, and its final outcome once the office's validated outcome
// is applied. The one per-item evaluator: the report, the overview and
// snapshots (which freeze reports) all take their outcomes from here.
#ifndef VALORE_SERVICES_AGGREGATION_SCOPE_EVALUATOR_H_
#define VALORE_SERVICES_AGGREGATION_SCOPE_EVALUATOR_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/period.h"
#include "services/aggregation/evaluation.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::aggregation {

// What the evaluator reads for one scope; nullptr where there is no value.
struct ScopeValues {
  // Indexed like catalog.indicators(): the scope's value in the period and
  // in the same half of the year before (empty when no band target needs
  // it, see ScopeEvaluator::needs_last_year).
  std::vector<const v1::Value*> indicators;
  std::vector<const v1::Value*> indicators_last_year;
  // Indexed like catalog.executive_objectives(): the % achieved.
  std::vector<const v1::Value*> objectives;
};

struct ItemOutcome {
  Evaluation computed;
  // The newest validated outcome of the item, or nullptr.
  const v1::ValidatedOutcome* validated = nullptr;
  // The validated outcome when there is one, else the computed one.
  v1::Outcome final_outcome() const {
    return validated != nullptr ? validated->outcome() : computed.outcome;
  }
};

struct ScopeOutcomes {
  // Indexed like the catalog's indicators, lines and executive objectives.
  std::vector<ItemOutcome> indicators;
  std::vector<ItemOutcome> lines;
  std::vector<ItemOutcome> objectives;
};

class ScopeEvaluator {
 public:
  // `catalog` must outlive the evaluator.
  ScopeEvaluator(const v1::Catalog& catalog, Period period);

  // True when a target of the period's year is a band, which compares with
  // the same half of the year before.
  bool needs_last_year() const { return needs_last_year_; }

  // The indices of the catalog indicators of line `line`, in catalog order.
  const std::vector<int>& line_indicators(int line) const {
    return line_indicators_[line];
  }
  // The same for every line, indexed like the catalog's lines.
  const std::vector<std::vector<int>>& lines_indicators() const {
    return line_indicators_;
  }

  // `entity` is an entity id, or empty for the Union-wide scope (whose
  // targets are the general ones). `validated` holds the newest validated
  // outcome of each item for (period, scope). A line is computed from the
  // final outcomes of its indicators. `explain` false leaves the
  // explanations empty (an overview of thousands of entities shows none).
  ScopeOutcomes Evaluate(
      absl::string_view entity, const ScopeValues& values,
      const std::vector<const v1::ValidatedOutcome*>& validated,
      bool explain) const;

 private:
  const v1::Catalog& catalog_;
  const Period period_;
  const v1::EvaluationPolicy policy_;
  bool needs_last_year_ = false;
  std::vector<std::vector<int>> line_indicators_;
};

// The final outcomes of `items`, in order.
std::vector<v1::Outcome> FinalOutcomes(const std::vector<ItemOutcome>& items);

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SCOPE_EVALUATOR_H_
