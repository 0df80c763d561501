// Checks a whole catalog before it is stored: codes unique and well formed,
// references resolvable, texts bounded, numbers finite. Every problem is
// reported with the row it came from, so one import lists them all.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_VALIDATOR_H_
#define VALORE_SERVICES_CATALOG_CATALOG_VALIDATOR_H_

#include <vector>

#include "valore/v1/catalog.pb.h"

namespace valore::catalog {

inline constexpr size_t kMaxTextBytes = 4096;
inline constexpr size_t kMaxCodeBytes = 64;

std::vector<v1::ImportProblem> ValidateCatalog(const v1::Catalog& catalog);

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_VALIDATOR_H_
