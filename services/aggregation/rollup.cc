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

namespace valore::aggregation {

using internal::FormatQuantity;
using internal::Quantities;

namespace {

// Numeric parts for a roll-up: nullopt for a value that has none.
std::optional<std::vector<v1::Quantity>> NumericParts(const v1::Value& value) {
  std::vector<v1::Quantity> q = Quantities(value);
  if (q.empty()) return std::nullopt;
  return q;
}

std::string DisplayParts(const std::vector<v1::Quantity>& parts) {
  std::vector<std::string> texts;
  for (const v1::Quantity& q : parts) {
    std::string t = FormatQuantity(q.value(), q.unit());
    if (!q.label().empty()) absl::StrAppend(&t, " ", q.label());
    texts.push_back(std::move(t));
  }
  return absl::StrJoin(texts, "; ");
}

}  // namespace

std::optional<v1::Value> RollUp(v1::Rollup rollup,
                                const std::vector<v1::EntityValue>& values,
                                const std::string& union_entity) {
  switch (rollup) {
    case v1::ROLLUP_SUM:
    case v1::ROLLUP_MEAN: {
      std::vector<v1::Quantity> totals;
      bool any_composite = false;
      int rolled = 0;
      // Capture accepts a fraction of 1 where a percentage is due; summed
      // with percentages it is first put on their scale (0,8 -> 80%).
      bool any_percent = false;
      for (const v1::EntityValue& ev : values) {
        for (const v1::Quantity& q : Quantities(ev.value())) {
          any_percent = any_percent || q.unit() == v1::UNIT_PERCENT;
        }
      }
      for (const v1::EntityValue& ev : values) {
        std::optional<std::vector<v1::Quantity>> parts =
            NumericParts(ev.value());
        if (!parts) continue;  // text, not measurable or missing: skipped
        for (v1::Quantity& q : *parts) {
          if (any_percent && q.unit() == v1::UNIT_RATIO) {
            q.set_value(q.value() * 100);
            q.set_unit(v1::UNIT_PERCENT);
          }
        }
        any_composite = any_composite || ev.value().has_composite();
        if (rolled == 0) {
          totals = *parts;
        } else {
          // Parts are added position by position; values of different shapes
          // cannot be combined, and a made-up total would be worse than none.
          if (parts->size() != totals.size()) return std::nullopt;
          for (size_t i = 0; i < totals.size(); ++i) {
            totals[i].set_value(totals[i].value() + (*parts)[i].value());
            if (totals[i].label().empty()) {
              totals[i].set_label((*parts)[i].label());
            }
          }
        }
        ++rolled;
      }
      if (rolled == 0) return std::nullopt;
      // Values stored before capture bounded them can still add up past
      // what a double holds: no total rather than "+∞".
      for (const v1::Quantity& q : totals) {
        if (!std::isfinite(q.value())) return std::nullopt;
      }
      if (rollup == v1::ROLLUP_MEAN) {
        for (v1::Quantity& q : totals) q.set_value(q.value() / rolled);
      }
      v1::Value out;
      if (any_composite) {
        for (const v1::Quantity& q : totals) {
          *out.mutable_composite()->add_parts() = q;
        }
      } else {
        *out.mutable_number() = totals[0];
      }
      out.set_display(DisplayParts(totals));
      return out;
    }
    case v1::ROLLUP_COUNT_MEETING:  // CountEntitiesMeeting decides
    case v1::ROLLUP_NONE:
    default:
      // ROLLUP_NONE is also the default (DESIGN §3): the Union's own value,
      // whatever its kind, for the evaluation to judge.
      for (const v1::EntityValue& ev : values) {
        if (ev.entity() != union_entity ||
            ev.value().kind_case() == v1::Value::KIND_NOT_SET) {
          continue;
        }
        // A value stored before capture bounded them may not be finite.
        for (const v1::Quantity& q : Quantities(ev.value())) {
          if (!std::isfinite(q.value())) return std::nullopt;
        }
        return ev.value();
      }
      return std::nullopt;
  }
}

namespace {

// The target an entity's value is held to when counting: its own for the
// year, else the general one when that is a threshold (an entity-count
// target counts entities; it is no bar for one of them).
const v1::Target* CountedTarget(const v1::Indicator& indicator, int year,
                                const std::string& entity) {
  const v1::Target* target = TargetFor(indicator, year, entity);
  return target != nullptr && target->has_threshold() ? target : nullptr;
}

}  // namespace

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
    const v1::Target* own =
        CountedTarget(indicator, period.year(), ev.entity());
    if (own != nullptr) {
      met += MeetsTarget(*own, ev.value(), indicator.kind(), period.half());
    } else if (ev.value().has_number() && ev.value().number().value() > 0) {
      ++met;
    }
  }
  if (counted == 0) return std::nullopt;
  v1::Value v;
  v.mutable_number()->set_value(met);
  v.mutable_number()->set_unit(v1::UNIT_COUNT);
  v.set_display(absl::StrCat(met, " enti su ", counted));
  return v;
}

std::optional<v1::Value> UnionWideValue(
    const v1::Indicator& indicator, const std::vector<v1::EntityValue>& values,
    const std::string& union_entity, Period period) {
  const v1::Target* target = TargetFor(indicator, period.year(), "");
  if (indicator.rollup() == v1::ROLLUP_COUNT_MEETING ||
      (target != nullptr && target->has_entity_count())) {
    std::optional<v1::Value> counted =
        CountEntitiesMeeting(indicator, values, union_entity, period);
    // An entity count with no comune reported falls back to the Union's
    // own figure ("5 enti su 5" written by the office).
    if (counted.has_value() || indicator.rollup() == v1::ROLLUP_COUNT_MEETING) {
      return counted;
    }
  }
  return RollUp(indicator.rollup(), values, union_entity);
}

}  // namespace valore::aggregation
