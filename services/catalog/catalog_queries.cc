#include "services/catalog/catalog_queries.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/error_details.h"
#include "common/resource_names.h"
#include "common/text_util.h"
#include "common/pagination.h"

namespace valore::catalog {
namespace {

template <typename T, typename Pred>
std::vector<const T*> Select(const google::protobuf::RepeatedPtrField<T>& all,
                             Pred keep) {
  std::vector<const T*> out;
  for (const T& item : all) {
    if (keep(item)) out.push_back(&item);
  }
  return out;
}

// Copies one page of `selected` into `out`, returning the next page token.
template <typename T>
absl::StatusOr<std::string> FillPage(
    const std::vector<const T*>& selected, int page_size,
    const std::string& token, int64_t version,
    google::protobuf::RepeatedPtrField<T>* out) {
  absl::StatusOr<Page> page =
      Paginate(page_size, token, selected.size(), version);
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) *out->Add() = *selected[i];
  return page->next_page_token;
}

// The item whose `key_of` is `id`; NOT_FOUND carries `reason`, with the id
// under `key` ("entity", "item").
template <typename T, typename Key>
absl::StatusOr<T> FindById(const google::protobuf::RepeatedPtrField<T>& all,
                           const std::string& id, absl::string_view what,
                           v1::ErrorReason reason, const char* key,
                           Key key_of) {
  for (const T& item : all) {
    if (key_of(item) == id) return item;
  }
  return WithReason(absl::NotFoundError(absl::StrCat(
                        what, " ", QuoteForMessage(id), " not found")),
                    reason, {{key, id}});
}

// The item `name` ("{collection}/{id}") names.
template <typename T, typename Key>
absl::StatusOr<T> FindByName(const google::protobuf::RepeatedPtrField<T>& all,
                             absl::string_view name,
                             absl::string_view collection,
                             absl::string_view what, v1::ErrorReason reason,
                             const char* key, Key key_of) {
  absl::StatusOr<std::string> id =
      ParseCollectionName(name, collection, "name");
  if (!id.ok()) return id.status();
  return FindById(all, *id, what, reason, key, key_of);
}

bool HasManager(const v1::ProgrammeLine& line, const std::string& manager) {
  return std::find(line.managers().begin(), line.managers().end(), manager) !=
         line.managers().end();
}

}  // namespace

absl::StatusOr<v1::Entity> GetEntity(const v1::Catalog& c,
                                     const v1::GetEntityRequest& r) {
  return FindByName(c.entities(), r.name(), "entities", "entity",
                    v1::ENTITY_NOT_FOUND, "entity",
                    [](const v1::Entity& e) { return e.id(); });
}

absl::StatusOr<v1::StrategicDirection> GetStrategicDirection(
    const v1::Catalog& c, const v1::GetStrategicDirectionRequest& r) {
  return FindByName(c.directions(), r.name(), "directions",
                    "strategic direction", v1::RESOURCE_NOT_FOUND, "name",
                    [](const v1::StrategicDirection& d) { return d.code(); });
}

absl::StatusOr<v1::StrategicObjective> GetStrategicObjective(
    const v1::Catalog& c, const v1::GetStrategicObjectiveRequest& r) {
  absl::StatusOr<StrategicObjectiveRef> ref =
      ParseStrategicObjectiveName(r.name(), "name");
  if (!ref.ok()) return ref.status();
  return FindById(c.strategic_objectives(),
                  absl::StrCat(ref->direction, ".", ref->objective),
                  "strategic objective", v1::RESOURCE_NOT_FOUND, "name",
                  [](const v1::StrategicObjective& o) {
                    return absl::StrCat(o.direction_code(), ".", o.code());
                  });
}

absl::StatusOr<v1::Sector> GetSector(const v1::Catalog& c,
                                     const v1::GetSectorRequest& r) {
  return FindByName(c.sectors(), r.name(), "sectors", "sector",
                    v1::RESOURCE_NOT_FOUND, "name",
                    [](const v1::Sector& s) { return s.code(); });
}

absl::StatusOr<v1::ListEntitiesResponse> ListEntities(
    const v1::Catalog& c, const v1::ListEntitiesRequest& r) {
  v1::ListEntitiesResponse out;
  auto selected = Select(c.entities(), [](const v1::Entity&) { return true; });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_entities());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::ListStrategicDirectionsResponse> ListStrategicDirections(
    const v1::Catalog& c, const v1::ListStrategicDirectionsRequest& r) {
  v1::ListStrategicDirectionsResponse out;
  auto selected = Select(c.directions(),
                         [](const v1::StrategicDirection&) { return true; });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_directions());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::ListStrategicObjectivesResponse> ListStrategicObjectives(
    const v1::Catalog& c, const v1::ListStrategicObjectivesRequest& r) {
  v1::ListStrategicObjectivesResponse out;
  auto selected =
      Select(c.strategic_objectives(), [&](const v1::StrategicObjective& o) {
        return r.direction_code().empty() ||
               o.direction_code() == r.direction_code();
      });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_strategic_objectives());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::ProgrammeLine> GetProgrammeLine(
    const v1::Catalog& c, const v1::GetProgrammeLineRequest& r) {
  return FindByName(c.lines(), r.name(), "lines", "programme line",
                    v1::ITEM_NOT_FOUND, "item",
                    [](const v1::ProgrammeLine& l) { return l.code(); });
}

absl::StatusOr<v1::ListProgrammeLinesResponse> ListProgrammeLines(
    const v1::Catalog& c, const v1::ListProgrammeLinesRequest& r) {
  v1::ListProgrammeLinesResponse out;
  auto selected = Select(c.lines(), [&](const v1::ProgrammeLine& l) {
    return (r.direction_code().empty() ||
            l.direction_code() == r.direction_code()) &&
           (r.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED ||
            l.dimension() == r.dimension()) &&
           (r.manager().empty() || HasManager(l, r.manager()));
  });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_lines());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::Indicator> GetIndicator(const v1::Catalog& c,
                                           const v1::GetIndicatorRequest& r) {
  return FindByName(c.indicators(), r.name(), "indicators", "indicator",
                    v1::ITEM_NOT_FOUND, "item",
                    [](const v1::Indicator& i) { return i.code(); });
}

absl::StatusOr<v1::ListIndicatorsResponse> ListIndicators(
    const v1::Catalog& c, const v1::ListIndicatorsRequest& r) {
  v1::ListIndicatorsResponse out;
  auto selected = Select(c.indicators(), [&](const v1::Indicator& i) {
    return (r.line_code().empty() || i.line_code() == r.line_code()) &&
           (r.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED ||
            i.dimension() == r.dimension()) &&
           (r.manager().empty() || i.manager() == r.manager());
  });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_indicators());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::ExecutiveObjective> GetExecutiveObjective(
    const v1::Catalog& c, const v1::GetExecutiveObjectiveRequest& r) {
  return FindByName(
      c.executive_objectives(), r.name(), "executiveObjectives",
      "executive objective", v1::ITEM_NOT_FOUND, "item",
      [](const v1::ExecutiveObjective& o) { return ResourceIdOf(o.code()); });
}

absl::StatusOr<v1::ListExecutiveObjectivesResponse> ListExecutiveObjectives(
    const v1::Catalog& c, const v1::ListExecutiveObjectivesRequest& r) {
  v1::ListExecutiveObjectivesResponse out;
  auto selected =
      Select(c.executive_objectives(), [&](const v1::ExecutiveObjective& o) {
        const bool in_sector =
            r.sector().empty() ||
            std::any_of(o.weights().begin(), o.weights().end(),
                        [&](const v1::SectorWeight& w) {
                          return w.sector() == r.sector();
                        });
        return in_sector &&
               (r.line_code().empty() || o.line_code() == r.line_code()) &&
               (r.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED ||
                o.dimension() == r.dimension()) &&
               (r.manager().empty() || o.manager() == r.manager());
      });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_executive_objectives());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

absl::StatusOr<v1::ListSectorsResponse> ListSectors(
    const v1::Catalog& c, const v1::ListSectorsRequest& r) {
  v1::ListSectorsResponse out;
  auto selected = Select(c.sectors(), [](const v1::Sector&) { return true; });
  absl::StatusOr<std::string> next =
      FillPage(selected, r.page_size(), r.page_token(), c.version(),
               out.mutable_sectors());
  if (!next.ok()) return next.status();
  out.set_next_page_token(*next);
  return out;
}

v1::ExportCatalogResponse ExportCatalog(const v1::Catalog& c,
                                        const v1::ExportCatalogRequest& r) {
  v1::ExportCatalogResponse out;
  out.set_etag(c.etag());
  if (!r.if_none_match().empty() && r.if_none_match() == c.etag()) {
    out.set_not_modified(true);
  } else {
    *out.mutable_catalog() = c;
  }
  return out;
}

}  // namespace valore::catalog
