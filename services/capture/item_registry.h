// What capture needs to know of the catalog: whether an entity or an item
// (indicator or executive objective) exists.
#ifndef VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
#define VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace valore::capture {

class ItemRegistry {
 public:
  virtual ~ItemRegistry() = default;
  // OK, NOT_FOUND naming the entity, or UNAVAILABLE naming the catalog.
  // `deadline`: when the catalog must have answered, if it is asked.
  virtual absl::Status CheckEntity(absl::string_view entity,
                                   absl::Time deadline) = 0;
  virtual absl::Status CheckItem(absl::string_view item,
                                 absl::Time deadline) = 0;
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
