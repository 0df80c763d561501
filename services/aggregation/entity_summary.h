// The outcome summary of one entity in one period — the outcome table its
// report would show — computed without building the report, so that an
// overview of thousands of entities costs little per entity. Its outcomes
// come from ScopeEvaluator, as the report's do.
#ifndef VALORE_SERVICES_AGGREGATION_ENTITY_SUMMARY_H_
#define VALORE_SERVICES_AGGREGATION_ENTITY_SUMMARY_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "common/period.h"
#include "services/aggregation/scope_evaluator.h"
#include "services/aggregation/union_wide_rollup.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::aggregation {

// item -> value, for one entity in one period; the values are not owned.
using ItemValues = absl::flat_hash_map<absl::string_view, const v1::Value*>;

class SummaryBuilder {
 public:
  // `catalog` must outlive the builder.
  SummaryBuilder(const v1::Catalog& catalog, Period period);

  // The periods whose values Build needs: the period first, the same half
  // of the year before when a band target compares with it, and in a first
  // half what its year-end forecast reads (the year before's close, and the
  // earlier years ForecastHistoryPeriods names).
  const std::vector<Period>& periods() const { return periods_; }

  // `values` holds one ItemValues per periods(); `validated`, the newest
  // validated outcome of each item for (period, entity). An empty `entity`
  // is the Union-wide scope (values from UnionWideValues).
  void Build(const std::string& entity, const std::vector<ItemValues>& values,
             const std::vector<const v1::ValidatedOutcome*>& validated,
             v1::EntitySummary* out) const;

 private:
  const v1::Catalog& catalog_;
  const ScopeEvaluator evaluator_;
  std::vector<Period> periods_;
  // The forecast's earlier years (ForecastHistoryPeriods), oldest first.
  std::vector<Period> history_;
  absl::flat_hash_map<absl::string_view, const v1::Entity*> entities_;
};

// The Union-wide scope's values in a SummaryBuilder's periods, rolled up as
// every entity's values stream by (UnionWideRollup: the report's rule, in
// any order), so that the overview summarises the Union-wide scope from the
// values it reads for the entities, and reads nothing more.
class UnionWideValues {
 public:
  // `catalog` must outlive this.
  UnionWideValues(const v1::Catalog& catalog,
                  const std::vector<Period>& periods);

  // One entity's values, one ItemValues per period; each entity once.
  void Add(const std::string& entity, const std::vector<ItemValues>& values);

  // Once every entity is in: the scope's values, one ItemValues per period
  // (the indicators' Union-wide values, and the executive objectives' of
  // the Union entity, as a Union report reads them), for
  // SummaryBuilder::Build with an empty entity. Valid while this lives.
  std::vector<ItemValues> Finish();

 private:
  const v1::Catalog& catalog_;
  const std::string union_entity_;
  absl::flat_hash_map<absl::string_view, int> order_;
  // [period][indicator]
  std::vector<std::vector<UnionWideRollup>> rollups_;
  std::vector<std::vector<std::optional<v1::Value>>> results_;
  // The Union entity's % achieved of each executive objective, in the
  // period, copied: the values streamed are not kept.
  std::vector<std::optional<v1::Value>> objectives_;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_ENTITY_SUMMARY_H_
