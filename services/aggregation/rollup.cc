// The Union-wide value of an indicator from its entities' values: roll-ups
// and the one rule for counting entities that meet their target.
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/italian_number.h"
#include "common/value_fit.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_internal.h"
#include "services/aggregation/union_wide_rollup.h"

namespace valore::aggregation {

using internal::FormatQuantity;
using internal::Quantities;

namespace {

std::string DisplayParts(const std::vector<v1::Quantity>& parts) {
  std::vector<std::string> texts;
  for (const v1::Quantity& q : parts) {
    std::string t = FormatQuantity(q.value(), q.unit());
    if (!q.label().empty()) absl::StrAppend(&t, " ", q.label());
    texts.push_back(std::move(t));
  }
  return absl::StrJoin(texts, "; ");
}

// The target an entity's value is held to when counting: its own for the
// year, else the general one when that is a threshold (an entity-count
// target counts entities; it is no bar for one of them).
const v1::Target* CountedTarget(const v1::Indicator& indicator, int year,
                                absl::string_view entity) {
  const v1::Target* target = TargetFor(indicator, year, entity);
  return target != nullptr && target->has_threshold() ? target : nullptr;
}

// Whether one entity's value counts as meeting its target; an entity with
// none meets it with a positive number (a yes/no indicator written 1/0).
bool MeetsOwnTarget(const v1::Indicator& indicator, int year, int half,
                    absl::string_view entity, const v1::Value& value) {
  const v1::Target* own = CountedTarget(indicator, year, entity);
  if (own != nullptr) return MeetsTarget(*own, value, indicator.kind(), half);
  return value.has_number() && value.number().value() > 0;
}

v1::Value CountValue(int met, int counted) {
  v1::Value v;
  v.mutable_number()->set_value(met);
  v.mutable_number()->set_unit(v1::UNIT_COUNT);
  v.set_display(absl::StrCat(met, " enti su ", counted));
  return v;
}

// Whether the Union-wide value counts entities meeting their target.
bool CountsEntities(const v1::Indicator& indicator, int year) {
  const v1::Target* target = TargetFor(indicator, year, "");
  return indicator.rollup() == v1::ROLLUP_COUNT_MEETING ||
         (target != nullptr && target->has_entity_count());
}

}  // namespace

UnionWideRollup::UnionWideRollup(const v1::Indicator& indicator,
                                 absl::string_view union_entity, Period period)
    : indicator_(&indicator),
      rollup_(indicator.rollup()),
      union_entity_(union_entity),
      year_(period.year()),
      half_(period.half()),
      counts_(CountsEntities(indicator, period.year())) {}

UnionWideRollup::UnionWideRollup(v1::Rollup rollup,
                                 absl::string_view union_entity)
    : rollup_(rollup), union_entity_(union_entity) {}

void UnionWideRollup::Add(int order, absl::string_view entity,
                          const v1::Value& value) {
  if (counts_ && entity != union_entity_ &&
      value.kind_case() != v1::Value::KIND_NOT_SET) {
    ++counted_;
    met_ += MeetsOwnTarget(*indicator_, year_, half_, entity, value);
  }
  switch (rollup_) {
    case v1::ROLLUP_SUM:
    case v1::ROLLUP_MEAN:
      AddToTotals(order, value);
      return;
    default:
      if (own_seen_ || entity != union_entity_ ||
          value.kind_case() == v1::Value::KIND_NOT_SET) {
        return;
      }
      own_seen_ = true;
      // A value stored before capture bounded them may not be finite.
      for (const v1::Quantity& q : Quantities(value)) {
        if (!std::isfinite(q.value())) return;
      }
      own_ = value;
      return;
  }
}

void UnionWideRollup::AddToTotals(int order, const v1::Value& value) {
  size_t positions = 0;
  if (value.has_number()) {
    positions = 1;
  } else if (value.has_composite()) {
    positions = value.composite().parts_size();
  }
  // Text, not measurable or missing: skipped.
  if (positions == 0) return;
  if (rolled_ == 0) {
    parts_.resize(positions);
  } else if (positions != parts_.size()) {
    // Values of different shapes cannot be combined, and a made-up total
    // would be worse than none.
    mismatched_ = true;
    return;
  }
  any_composite_ = any_composite_ || value.has_composite();
  const bool first = first_order_ < 0 || order < first_order_;
  if (first) first_order_ = order;
  for (size_t i = 0; i < positions; ++i) {
    const v1::Quantity& q = value.has_number()
                                ? value.number()
                                : value.composite().parts(static_cast<int>(i));
    Part& part = parts_[i];
    // Capture accepts a fraction of 1 where a percentage is due; summed
    // with percentages it is first put on their scale (0,8 -> 80%).
    (q.unit() == v1::UNIT_RATIO ? part.ratios : part.sum).Add(q.value());
    any_percent_ = any_percent_ || q.unit() == v1::UNIT_PERCENT;
    if (first) part.unit = q.unit();
    if (!q.label().empty() &&
        (part.label_order < 0 || order < part.label_order)) {
      part.label = q.label();
      part.label_order = order;
    }
  }
  ++rolled_;
}

std::optional<v1::Value> UnionWideRollup::Total() const {
  if (rolled_ == 0 || mismatched_) return std::nullopt;
  std::vector<v1::Quantity> totals;
  for (const Part& part : parts_) {
    if (!part.sum.finite() || !part.ratios.finite()) return std::nullopt;
    const double ratio_scale = any_percent_ ? 100 : 1;
    double total = part.sum.Value() + ratio_scale * part.ratios.Value();
    // Values stored before capture bounded them can still add up past what
    // a double holds: no total rather than "+∞".
    if (!std::isfinite(total)) return std::nullopt;
    if (rollup_ == v1::ROLLUP_MEAN) total /= rolled_;
    v1::Quantity& q = totals.emplace_back();
    q.set_value(total);
    q.set_unit(any_percent_ && part.unit == v1::UNIT_RATIO ? v1::UNIT_PERCENT
                                                           : part.unit);
    q.set_label(part.label);
  }
  v1::Value out;
  if (any_composite_) {
    for (const v1::Quantity& q : totals) {
      *out.mutable_composite()->add_parts() = q;
    }
  } else {
    *out.mutable_number() = totals[0];
  }
  out.set_display(DisplayParts(totals));
  return out;
}

std::optional<v1::Value> UnionWideRollup::Result() const {
  if (counts_) {
    // An entity count with no comune reported falls back to the Union's
    // own figure ("5 enti su 5" written by the office).
    if (counted_ > 0) return CountValue(met_, counted_);
    if (rollup_ == v1::ROLLUP_COUNT_MEETING) return std::nullopt;
  }
  switch (rollup_) {
    case v1::ROLLUP_SUM:
    case v1::ROLLUP_MEAN:
      return Total();
    case v1::ROLLUP_COUNT_MEETING:  // CountEntitiesMeeting decides
    case v1::ROLLUP_NONE:
    default:
      // ROLLUP_NONE is also the default (DESIGN §3): the Union's own value,
      // whatever its kind, for the evaluation to judge.
      return own_;
  }
}

std::optional<v1::Value> RollUp(v1::Rollup rollup,
                                const std::vector<v1::EntityValue>& values,
                                const std::string& union_entity) {
  UnionWideRollup rolled(rollup, union_entity);
  for (size_t i = 0; i < values.size(); ++i) {
    rolled.Add(static_cast<int>(i), values[i].entity(), values[i].value());
  }
  return rolled.Result();
}

std::optional<v1::Value> CountEntitiesMeeting(
    const v1::Indicator& indicator, const std::vector<v1::EntityValue>& values,
    const std::string& union_entity, Period period) {
  int counted = 0;
  int met = 0;
  for (const v1::EntityValue& ev : values) {
    if (ev.entity() == union_entity ||
        ev.value().kind_case() == v1::Value::KIND_NOT_SET) {
      continue;
    }
    ++counted;
    met += MeetsOwnTarget(indicator, period.year(), period.half(), ev.entity(),
                          ev.value());
  }
  if (counted == 0) return std::nullopt;
  return CountValue(met, counted);
}

std::optional<v1::Value> UnionWideValue(
    const v1::Indicator& indicator, const std::vector<v1::EntityValue>& values,
    const std::string& union_entity, Period period) {
  UnionWideRollup rolled(indicator, union_entity, period);
  for (size_t i = 0; i < values.size(); ++i) {
    rolled.Add(static_cast<int>(i), values[i].entity(), values[i].value());
  }
  return rolled.Result();
}

}  // namespace valore::aggregation
