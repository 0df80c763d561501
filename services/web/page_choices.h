// What most pages let a person pick: the period (the semesters of the
// years the catalog's targets name, up to this year) and the scope (the
// Union or one entity), and what they pick when they pick nothing.
#ifndef VALORE_SERVICES_WEB_PAGE_CHOICES_H_
#define VALORE_SERVICES_WEB_PAGE_CHOICES_H_

#include <ctemplate/template.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/web/page.h"
#include "valore/v1/catalog.pb.h"

namespace valore::web {

struct PageChoices {
  // Newest first.
  std::vector<std::string> periods;
  std::string period;
  // Every entity, in catalog order.
  std::vector<v1::Entity> entities;
  // "" for the Union-wide scope, else an entity id.
  std::string entity;
};

// Reads the `periodo` and `ente` parameters and the catalog. Without a
// period: the newest with values. INVALID_ARGUMENT naming the parameter
// for a period or entity that does not exist.
absl::StatusOr<PageChoices> ReadChoices(const PageContext& context);

// Fills PERIOD_OPTION and ENTITY_OPTION sections (VALUE, LABEL, SELECTED)
// and PERIOD / ENTITY values.
// `all_label`, when not empty, is the first entity option, with value "".
void AddChoices(const PageChoices& choices, absl::string_view all_label,
                ctemplate::TemplateDictionary* page);

// The entity's display name ("Comune di Carpi"), else its id.
std::string EntityName(const PageChoices& choices, const std::string& id);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_CHOICES_H_
