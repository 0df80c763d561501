// How large a catalog may be. A Union's catalog has a few hundred items and
// a national one a few thousand entities; the limits leave room for both
// while keeping what one import can make the catalog service hold (every
// version stays in memory while calls read it) far below its memory.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_LIMITS_H_
#define VALORE_SERVICES_CATALOG_CATALOG_LIMITS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "valore/v1/catalog.pb.h"

namespace valore::catalog {

inline constexpr int kMaxEntities = 20000;
inline constexpr int kMaxDirections = 1000;
inline constexpr int kMaxStrategicObjectives = 5000;
inline constexpr int kMaxLines = 10000;
inline constexpr int kMaxIndicators = 10000;
inline constexpr int kMaxTargetsPerIndicator = 200;
inline constexpr int kMaxExecutiveObjectives = 10000;
inline constexpr int kMaxSectors = 1000;
inline constexpr size_t kMaxCatalogBytes = 16 << 20;

// RESOURCE_EXHAUSTED naming the first limit `catalog` is over, else OK.
// Cheap: counts only, checked before anything is validated or copied.
absl::Status CheckCatalogLimits(const v1::Catalog& catalog);

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_LIMITS_H_
