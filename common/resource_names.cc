#include "common/resource_names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/scopes.h"
#include "common/text_util.h"

namespace valore {
namespace {

absl::Status BadName(absl::string_view field, absl::string_view name,
                     absl::string_view pattern) {
  if (name.empty()) {
    return InvalidFieldError(
        field, absl::StrCat("required: a name of the form ", pattern),
        v1::FIELD_REQUIRED);
  }
  return InvalidFieldError(field,
                           absl::StrCat(QuoteForMessage(name),
                                        " is not a name of the form ", pattern),
                           v1::INVALID_NAME);
}

// Whether `name` has `literals` at the even positions and a non-empty id at
// the odd ones; the ids go to `ids`.
bool Matches(absl::string_view name,
             const std::vector<absl::string_view>& literals,
             std::vector<absl::string_view>* ids) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != literals.size() * 2) return false;
  ids->clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i % 2 == 0) {
      if (parts[i] != literals[i / 2]) return false;
    } else {
      if (parts[i].empty()) return false;
      ids->push_back(parts[i]);
    }
  }
  return true;
}

absl::Status CheckPeriod(absl::string_view period, absl::string_view field) {
  absl::StatusOr<Period> p = Period::Parse(period, field);
  return p.ok() ? absl::OkStatus() : p.status();
}

// The scope part of a longer name: "scopes/union" or "entities/{entity}"
// followed by `rest` segments.
bool SplitScope(absl::string_view name, std::string* entity,
                absl::string_view* rest) {
  if (absl::ConsumePrefix(&name, kUnionScope)) {
    entity->clear();
  } else if (absl::ConsumePrefix(&name, "entities/")) {
    const size_t slash = name.find('/');
    *entity = std::string(name.substr(0, slash));
    if (entity->empty()) return false;
    name = slash == absl::string_view::npos ? "" : name.substr(slash);
  } else {
    return false;
  }
  *rest = name;
  return true;
}

}  // namespace

absl::StatusOr<std::string> ParseCollectionName(absl::string_view name,
                                                absl::string_view collection,
                                                absl::string_view field) {
  std::vector<absl::string_view> ids;
  if (!Matches(name, {collection}, &ids)) {
    return BadName(field, name, absl::StrCat("\"", collection, "/{id}\""));
  }
  return std::string(ids[0]);
}

absl::StatusOr<StrategicObjectiveRef> ParseStrategicObjectiveName(
    absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> ids;
  if (!Matches(name, {"directions", "objectives"}, &ids)) {
    return BadName(field, name,
                   "\"directions/{direction}/objectives/{objective}\"");
  }
  return StrategicObjectiveRef{std::string(ids[0]), std::string(ids[1])};
}

std::string MeasurementName(absl::string_view entity, absl::string_view item,
                            absl::string_view period) {
  return absl::StrCat(SeriesName(entity, item), "/periods/", period);
}

std::string SeriesName(absl::string_view entity, absl::string_view item) {
  return absl::StrCat("entities/", entity, "/items/", ResourceIdOf(item));
}

absl::StatusOr<CellRef> ParseMeasurementName(absl::string_view name,
                                             absl::string_view field) {
  std::vector<absl::string_view> ids;
  if (!Matches(name, {"entities", "items", "periods"}, &ids)) {
    return BadName(field, name,
                   "\"entities/{entity}/items/{item}/periods/{period}\"");
  }
  if (absl::Status s = CheckPeriod(ids[2], field); !s.ok()) return s;
  return CellRef{std::string(ids[0]), CodeOfResourceId(ids[1]),
                 std::string(ids[2])};
}

absl::StatusOr<CellRef> ParseSeriesName(absl::string_view name,
                                        absl::string_view field) {
  std::vector<absl::string_view> ids;
  if (!Matches(name, {"entities", "items"}, &ids)) {
    return BadName(field, name, "\"entities/{entity}/items/{item}\"");
  }
  return CellRef{std::string(ids[0]), CodeOfResourceId(ids[1]), ""};
}

absl::StatusOr<std::string> ParseScopeName(absl::string_view name,
                                           absl::string_view field) {
  std::string entity;
  absl::string_view rest;
  if (!SplitScope(name, &entity, &rest) || !rest.empty()) {
    return BadName(field, name, "\"scopes/union\" or \"entities/{entity}\"");
  }
  return entity;
}

absl::StatusOr<ScopePeriodRef> ParseScopePeriodName(absl::string_view name,
                                                    absl::string_view field) {
  ScopePeriodRef out;
  absl::string_view rest;
  std::vector<absl::string_view> ids;
  if (!SplitScope(name, &out.entity, &rest) ||
      !absl::ConsumePrefix(&rest, "/") || !Matches(rest, {"periods"}, &ids)) {
    return BadName(field, name, "\"{scope}/periods/{period}\"");
  }
  if (absl::Status s = CheckPeriod(ids[0], field); !s.ok()) return s;
  out.period = std::string(ids[0]);
  return out;
}

absl::StatusOr<ValidatedOutcomeRef> ParseValidatedOutcomeName(
    absl::string_view name, absl::string_view field) {
  ValidatedOutcomeRef out;
  absl::string_view rest;
  std::vector<absl::string_view> ids;
  if (!SplitScope(name, &out.entity, &rest) ||
      !absl::ConsumePrefix(&rest, "/") ||
      !Matches(rest, {"periods", "validatedOutcomes"}, &ids)) {
    return BadName(field, name,
                   "\"{scope}/periods/{period}/validatedOutcomes/{item}\"");
  }
  if (absl::Status s = CheckPeriod(ids[0], field); !s.ok()) return s;
  out.period = std::string(ids[0]);
  out.item = CodeOfResourceId(ids[1]);
  return out;
}

std::string SnapshotName(absl::string_view period, int32_t version) {
  if (version == 0)
    return absl::StrCat("snapshots/", period, "/versions/latest");
  return absl::StrCat("snapshots/", period, "/versions/", version);
}

absl::StatusOr<SnapshotRef> ParseSnapshotName(absl::string_view name,
                                              absl::string_view field) {
  std::vector<absl::string_view> ids;
  SnapshotRef out;
  if (!Matches(name, {"snapshots", "versions"}, &ids) ||
      !(ids[1] == "latest" ||
        (absl::SimpleAtoi(ids[1], &out.version) && out.version > 0))) {
    return BadName(field, name,
                   "\"snapshots/{period}/versions/{version}\", the version a "
                   "number from 1 or \"latest\"");
  }
  if (absl::Status s = CheckPeriod(ids[0], field); !s.ok()) return s;
  out.period = std::string(ids[0]);
  return out;
}

std::string CatalogVersionName(int64_t version) {
  return absl::StrCat("catalogVersions/", version);
}

absl::StatusOr<int64_t> ParseCatalogVersionName(absl::string_view name,
                                                absl::string_view field) {
  std::vector<absl::string_view> ids;
  int64_t version = 0;
  if (!Matches(name, {"catalogVersions"}, &ids) ||
      !absl::SimpleAtoi(ids[0], &version) || version < 0) {
    return BadName(field, name,
                   "\"catalogVersions/{version}\", the version a number from "
                   "0");
  }
  return version;
}

}  // namespace valore
