// Which entities a catalog has when none are given, and which of a catalog's
// entities is the Union: one rule each, for the catalog service, the
// importer and the report.
#ifndef VALORE_COMMON_ENTITIES_H_
#define VALORE_COMMON_ENTITIES_H_

#include <string>
#include <vector>

#include "valore/v1/catalog.pb.h"

namespace valore {

// The Unione delle Terre d'Argine and its four comuni, in that order: the
// catalog before any import, and the entities of a data folder without
// entities.csv.
std::vector<v1::Entity> DefaultEntities();

// The id of the catalog's Union entity (KIND_UNION), else of its first
// entity; empty when it has none.
std::string UnionEntityOf(const v1::Catalog& catalog);

}  // namespace valore

#endif  // VALORE_COMMON_ENTITIES_H_
