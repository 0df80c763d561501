// The Union-wide value of one indicator in one period, built as its
// entities' values arrive: what UnionWideValue gives for the same values, in
// whatever order they come. An overview of thousands of entities rolls the
// Union-wide scope up from the values it streams, without keeping them.
#ifndef VALORE_SERVICES_AGGREGATION_UNION_WIDE_ROLLUP_H_
#define VALORE_SERVICES_AGGREGATION_UNION_WIDE_ROLLUP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/period.h"
#include "services/aggregation/exact_sum.h"
#include "valore/v1/catalog.pb.h"
#include "valore/v1/common.pb.h"

namespace valore::aggregation {

class UnionWideRollup {
 public:
  // `indicator` must outlive the roll-up. The rule applied is
  // UnionWideValue's (evaluation.h): the entities meeting their target for
  // ROLLUP_COUNT_MEETING or an entity-count target, else `rollup`.
  UnionWideRollup(const v1::Indicator& indicator,
                  absl::string_view union_entity, Period period);
  // For ROLLUP_SUM / MEAN / NONE alone (RollUp), without an indicator.
  UnionWideRollup(v1::Rollup rollup, absl::string_view union_entity);

  // One entity's value; `order` is the entity's place in the catalog, which
  // decides whose unit and label a total carries. Each entity once.
  void Add(int order, absl::string_view entity, const v1::Value& value);

  // std::nullopt when there is nothing to roll.
  std::optional<v1::Value> Result() const;

 private:
  // One position of a total (a number has one, a composite one per part).
  struct Part {
    ExactSum sum;
    // Fractions of 1, put on the percent scale if any value is a
    // percentage (known only once every value is in).
    ExactSum ratios;
    v1::Unit unit = v1::UNIT_UNSPECIFIED;
    std::string label;
    int label_order = -1;
  };
  void AddToTotals(int order, const v1::Value& value);
  void AddQuantity(int order, size_t position, const v1::Quantity& q);
  std::optional<v1::Value> Total() const;
  std::optional<v1::Value> Counted() const;

  const v1::Indicator* indicator_ = nullptr;
  v1::Rollup rollup_;
  std::string union_entity_;
  // The period's (counting reads the targets of its year).
  int year_ = 0;
  int half_ = 0;
  bool counts_ = false;

  // Entities meeting their target, of those with a value.
  int counted_ = 0;
  int met_ = 0;

  // ROLLUP_SUM / MEAN.
  std::vector<Part> parts_;
  int rolled_ = 0;
  int first_order_ = -1;  // the entity whose units the total carries
  bool any_percent_ = false;
  bool any_composite_ = false;
  bool mismatched_ = false;

  // ROLLUP_NONE: the Union entity's own value, if it was finite.
  std::optional<v1::Value> own_;
  bool own_seen_ = false;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_UNION_WIDE_ROLLUP_H_
