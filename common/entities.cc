#include "common/entities.h"

namespace valore {
namespace {

v1::Entity MakeEntity(const char* id, const char* display_name,
                      v1::Entity::Kind kind) {
  v1::Entity e;
  e.set_id(id);
  e.set_display_name(display_name);
  e.set_kind(kind);
  return e;
}

}  // namespace

std::vector<v1::Entity> DefaultEntities() {
  return {
      MakeEntity("unione", "Unione delle Terre d'Argine",
                 v1::Entity::KIND_UNION),
      MakeEntity("campogalliano", "Comune di Campogalliano",
                 v1::Entity::KIND_MUNICIPALITY),
      MakeEntity("carpi", "Comune di Carpi", v1::Entity::KIND_MUNICIPALITY),
      MakeEntity("novi-di-modena", "Comune di Novi di Modena",
                 v1::Entity::KIND_MUNICIPALITY),
      MakeEntity("soliera", "Comune di Soliera", v1::Entity::KIND_MUNICIPALITY),
  };
}

std::string UnionEntityOf(const v1::Catalog& catalog) {
  for (const v1::Entity& e : catalog.entities()) {
    if (e.kind() == v1::Entity::KIND_UNION) return e.id();
  }
  return catalog.entities_size() > 0 ? catalog.entities(0).id() : "";
}

}  // namespace valore
