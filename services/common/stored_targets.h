// Targets stored by earlier releases of valore.v1 (in catalog versions and in
// the reports frozen by snapshots) had their form as an enum (field 1) and
// its parameters in flat fields (3 to 7); they are read into today's `form`.
#ifndef VALORE_SERVICES_COMMON_STORED_TARGETS_H_
#define VALORE_SERVICES_COMMON_STORED_TARGETS_H_

#include "valore/v1/catalog.pb.h"
#include "valore/v1/common.pb.h"

namespace valore {

// A target with no form and the old fields gets the form they say; any
// other target is left as it is.
void UpgradeStoredTarget(v1::Target* target);

// Every yearly target of every indicator of `catalog`.
void UpgradeStoredCatalog(v1::Catalog* catalog);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_STORED_TARGETS_H_
