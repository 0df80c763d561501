// What capture needs to know of the catalog: whether an entity or an item
// (indicator or executive objective) exists, and what a value of the item
// must be to fit it.
#ifndef VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
#define VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "valore/v1/catalog.pb.h"

namespace valore::capture {

// What a value of one item is checked against (common/value_fit.h): the
// item's unit and its yearly targets.
struct ItemRule {
  // UNIT_PERCENT for an executive objective: its value is the % achieved.
  v1::Unit unit = v1::UNIT_UNSPECIFIED;
  // The yearly targets; none for an executive objective.
  v1::Indicator indicator;
};

class ItemRegistry {
 public:
  virtual ~ItemRegistry() = default;
  // OK, NOT_FOUND naming the entity, or UNAVAILABLE naming the catalog.
  // `deadline`: when the catalog must have answered, if it is asked.
  virtual absl::Status CheckEntity(absl::string_view entity,
                                   absl::Time deadline) = 0;
  absl::Status CheckItem(absl::string_view item, absl::Time deadline) {
    return Rule(item, deadline).status();
  }
  // The item's rule; NOT_FOUND naming the item, or UNAVAILABLE naming the
  // catalog.
  virtual absl::StatusOr<std::shared_ptr<const ItemRule>> Rule(
      absl::string_view item, absl::Time deadline) = 0;
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
