// The scopes a report can be of, by name: the Union-wide scope
// ("scopes/union": the Union's own values and every comune's, rolled up,
// what the appendix reports) or one entity's own values
// ("entities/{entity}"; "entities/unione" is the Union without the comuni).
#ifndef VALORE_COMMON_SCOPES_H_
#define VALORE_COMMON_SCOPES_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/resource_names.h"

namespace valore {

inline constexpr absl::string_view kUnionScope = "scopes/union";

// The Italian name of the Union-wide scope, wherever it appears beside the
// Union's own entity ("Unione delle Terre d'Argine").
inline constexpr absl::string_view kUnionScopeLabel =
    "Unione delle Terre d'Argine e Comuni (complessivo)";
// Follows the Union entity's own name where the Union-wide scope also
// appears.
inline constexpr absl::string_view kEntityOnlySuffix = " (solo ente)";

// The scope of `entity` (an entity id; empty: the Union-wide scope).
inline std::string ScopeOf(absl::string_view entity) {
  return entity.empty() ? std::string(kUnionScope)
                        : absl::StrCat("entities/", entity);
}

// The name of `item`'s validated outcome in the scope of `entity` and
// `period`: "scopes/union/periods/2023S2/validatedOutcomes/00040".
inline std::string ValidatedOutcomeName(absl::string_view entity,
                                        absl::string_view period,
                                        absl::string_view item) {
  return absl::StrCat(ScopeOf(entity), "/periods/", period,
                      "/validatedOutcomes/", ResourceIdOf(item));
}

}  // namespace valore

#endif  // VALORE_COMMON_SCOPES_H_
