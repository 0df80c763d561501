// The entities of the data folder: entities.csv, else the five Terre
// d'Argine entities, and the ids the other files' names resolve to.
#include "common/entities.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "common/csv_reader.h"
#include "importer/data_folder.h"
#include "importer/data_folder_internal.h"

namespace valore::import {
namespace internal {

void ReadEntities(Builder& b, const std::optional<CsvTable>& table) {
  const std::string file = "entities.csv";
  if (!table.has_value()) {
    for (v1::Entity& e : DefaultEntities()) {
      *b.out.catalog.add_entities() = std::move(e);
    }
  } else if (HasColumns(b, file, *table, {"id", "display_name"})) {
    for (const CsvRow& row : table->rows) {
      v1::Entity* e = b.out.catalog.add_entities();
      e->set_id(Trim(table->Get(row, "id")));
      e->set_display_name(Trim(table->Get(row, "display_name")));
      const std::string kind = absl::AsciiStrToLower(table->Get(row, "kind"));
      e->set_kind(kind == "union" || kind == "unione"
                      ? v1::Entity::KIND_UNION
                      : v1::Entity::KIND_MUNICIPALITY);
      *e->mutable_source() = Source(file, row.number);
    }
  }
  for (const v1::Entity& e : b.out.catalog.entities()) {
    b.entity_ids.insert(e.id());
    b.entity_by_name[absl::AsciiStrToLower(e.id())] = e.id();
    b.entity_by_name[absl::AsciiStrToLower(e.display_name())] = e.id();
    // "Comune di Carpi" is written "Carpi" in the tables, the Union "Unione".
    absl::string_view short_name = e.display_name();
    if (absl::ConsumePrefix(&short_name, "Comune di ")) {
      b.entity_by_name[absl::AsciiStrToLower(short_name)] = e.id();
    }
    if (e.kind() == v1::Entity::KIND_UNION) b.entity_by_name["unione"] = e.id();
  }
}

}  // namespace internal

using internal::Trim;

std::string EntityIdOf(const std::string& name) {
  std::string id;
  for (char c : absl::AsciiStrToLower(Trim(name))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '-') {
      id.push_back('-');
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace valore::import
