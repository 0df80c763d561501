// An ItemRegistry for tests of the capture core alone: every entity and item
// exists and takes any finite value, so that the tests are about what they
// name, not the catalog.
#ifndef VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_
#define VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_

#include "absl/status/status.h"
#include "services/capture/item_registry.h"

namespace valore::capture {

class AnyItem final : public ItemRegistry {
 public:
  absl::Status CheckEntity(absl::string_view, absl::string_view,
                           absl::Time) override {
    return absl::OkStatus();
  }
  // No target and no unit: any finite, bounded value fits.
  absl::StatusOr<std::shared_ptr<const ItemRule>> Rule(absl::string_view,
                                                       absl::string_view,
                                                       absl::Time) override {
    static const auto* rule =
        new std::shared_ptr<const ItemRule>(std::make_shared<const ItemRule>());
    return *rule;
  }
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_
