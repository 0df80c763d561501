// What most pages let a person pick: the period (the semesters of the
// years the catalog's targets name, up to this year) and the scope (the
// Union or one entity), and what they pick when they pick nothing.
#ifndef VALORE_SERVICES_WEB_PAGE_CHOICES_H_
#define VALORE_SERVICES_WEB_PAGE_CHOICES_H_

#include <ctemplate/template.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
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
  // `ente=tutti`: every entity at once, where a page offers it (the entry
  // grid, one row per item and entity); `entity` is then "".
  bool all_entities = false;
};

// The value of `ente` that asks for every entity at once.
inline constexpr char kAllEntities[] = "tutti";

// The catalog's lists behind the pickers — the years its targets name and
// the entities — kept for a short while: every signed-in role may read them
// and they change only when a catalog is imported, while a page is asked
// for again and again. Each page still reads its own data with its reader's
// token.
class ChoicesCache {
 public:
  explicit ChoicesCache(absl::Duration ttl);
  struct Lists {
    std::set<int> years;
    std::vector<v1::Entity> entities;
  };
  // The lists, read again (with this reader's token) once older than ttl.
  absl::StatusOr<std::shared_ptr<const Lists>> Get(const PageContext& context);
  // The newest period with values, as last found, while younger than ttl;
  // else "".
  std::string DefaultPeriod(absl::Time now);
  void KeepDefaultPeriod(const std::string& period, absl::Time now);

 private:
  const absl::Duration ttl_;
  absl::Mutex mu_;
  std::shared_ptr<const Lists> lists_ ABSL_GUARDED_BY(mu_);
  absl::Time fetched_ ABSL_GUARDED_BY(mu_);
  std::string default_period_ ABSL_GUARDED_BY(mu_);
  absl::Time default_fetched_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

// Reads the `periodo` and `ente` parameters and the catalog. Without a
// period: the newest with values (found again at most every ttl), unless
// `with_period` is false (a page that shows every period). INVALID_ARGUMENT
// naming the parameter for a period or entity that does not exist.
absl::StatusOr<PageChoices> ReadChoices(const PageContext& context,
                                        bool with_period = true);

// Sets PERIOD and ENTITY, and the includes PERIOD_SELECT (the select
// "Periodo") and ENTITY_SELECT (a select labelled `entity_label`; its first
// option `all_label`, of value `all_value`, unless the label is empty).
void AddChoices(const PageChoices& choices, absl::string_view entity_label,
                absl::string_view all_label,
                ctemplate::TemplateDictionary* page,
                absl::string_view all_value = "");

// The entity's display name ("Comune di Carpi"), else its id.
std::string EntityName(const PageChoices& choices, const std::string& id);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_CHOICES_H_
