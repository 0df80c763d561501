// An ItemRegistry for tests of the capture core alone: every entity and item
// exists, so that the tests are about what they name, not the catalog.
#ifndef VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_
#define VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_

#include "absl/status/status.h"
#include "services/capture/item_registry.h"

namespace valore::capture {

class AnyItem final : public ItemRegistry {
 public:
  absl::Status CheckEntity(absl::string_view, absl::Time) override {
    return absl::OkStatus();
  }
  absl::Status CheckItem(absl::string_view, absl::Time) override {
    return absl::OkStatus();
  }
};

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_TEST_REGISTRY_H_
