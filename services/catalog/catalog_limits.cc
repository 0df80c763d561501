#include "services/catalog/catalog_limits.h"

#include "absl/strings/str_cat.h"

namespace valore::catalog {
namespace {

absl::Status Over(const char* field, size_t count, size_t limit) {
  return absl::ResourceExhaustedError(
      absl::StrCat("catalog.", field, ": ", count, " is over the limit of ",
                   limit, " per catalog; nothing stored"));
}

}  // namespace

absl::Status CheckCatalogLimits(const v1::Catalog& c) {
  struct Count {
    const char* field;
    int count;
    int limit;
  };
  const Count counts[] = {
      {"entities", c.entities_size(), kMaxEntities},
      {"directions", c.directions_size(), kMaxDirections},
      {"strategic_objectives", c.strategic_objectives_size(),
       kMaxStrategicObjectives},
      {"lines", c.lines_size(), kMaxLines},
      {"indicators", c.indicators_size(), kMaxIndicators},
      {"executive_objectives", c.executive_objectives_size(),
       kMaxExecutiveObjectives},
      {"sectors", c.sectors_size(), kMaxSectors},
  };
  for (const Count& n : counts) {
    if (n.count > n.limit) return Over(n.field, n.count, n.limit);
  }
  for (int i = 0; i < c.indicators_size(); ++i) {
    const int targets = c.indicators(i).targets_size();
    if (targets > kMaxTargetsPerIndicator) {
      return absl::ResourceExhaustedError(
          absl::StrCat("catalog.indicators[", i, "].targets: ", targets,
                       " is over the limit of ", kMaxTargetsPerIndicator,
                       " per indicator; nothing stored"));
    }
  }
  const size_t bytes = c.ByteSizeLong();
  if (bytes > kMaxCatalogBytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("catalog: ", bytes, " bytes is over the limit of ",
                     kMaxCatalogBytes, " bytes; nothing stored"));
  }
  return absl::OkStatus();
}

}  // namespace valore::catalog
