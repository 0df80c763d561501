// What capture needs to know of the catalog version in force for a period:
// whether an entity or an item (indicator or executive objective) exists,
// and what a value of the item must be to fit it.
#ifndef VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
#define VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/record_checks.h"
#include "valore/v1/catalog.pb.h"

namespace valore::capture {

using ::valore::ItemRule;  // common/record_checks.h

class ItemRegistry {
 public:
  virtual ~ItemRegistry() = default;
  // Each check is against the catalog version in force for `period`
  // ("2023S2", as the caller has validated it); an empty `period` means the
  // newest version. `deadline`: when the catalog must have answered, if it
  // is asked.

  // OK, NOT_FOUND naming the entity, or UNAVAILABLE naming the catalog.
  virtual absl::Status CheckEntity(absl::string_view entity,
                                   absl::string_view period,
                                   absl::Time deadline) = 0;
  // OK, NOT_FOUND naming the item, or UNAVAILABLE naming the catalog.
  absl::Status CheckItem(absl::string_view item, absl::string_view period,
                         absl::Time deadline) {
    return Rule(item, period, deadline).status();
  }
  // The item's rule; NOT_FOUND naming the item, or UNAVAILABLE naming the
  // catalog.
  virtual absl::StatusOr<std::shared_ptr<const ItemRule>> Rule(
      absl::string_view item, absl::string_view period,
      absl::Time deadline) = 0;

  // Every item's rule in the version in force for `period`, as one table
  // that does not change while it is held: a bulk write checks its records
  // against it without a lock or a clock read per record. An item missing
  // from it may have been added since: Rule answers it. Null when the
  // registry keeps no such table (Rule then answers every item), or when
  // the catalog cannot be reached and no version is known.
  using RuleTable =
      absl::flat_hash_map<std::string, std::shared_ptr<const ItemRule>>;
  virtual std::shared_ptr<const RuleTable> Rules(absl::string_view /*period*/,
                                                 absl::Time /*deadline*/) {
    return nullptr;
  }
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_ITEM_REGISTRY_H_
