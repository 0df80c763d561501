#include "services/catalog/catalog_validator.h"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/target_parser.h"
#include "common/text_util.h"

namespace valore::catalog {
namespace {

// Collects problems with the source row of the item at fault.
class Problems {
 public:
  void Add(const v1::SourceRef& source, std::string field,
           std::string message) {
    v1::ImportProblem& p = *list_.emplace(list_.end());
    *p.mutable_source() = source;
    p.set_field(std::move(field));
    p.set_message(std::move(message));
  }
  std::vector<v1::ImportProblem> Take() { return std::move(list_); }

 private:
  std::vector<v1::ImportProblem> list_;
};

std::string Where(const v1::SourceRef& source) {
  if (source.file().empty()) return "";
  return absl::StrCat(" (also at ", source.file(), " row ", source.row(), ")");
}

bool IsEntityId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxCodeBytes) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return id.front() != '-';
}

// Codes: letters, digits and . _ - (and '/' for shared objectives).
bool IsCode(absl::string_view code, bool allow_slash) {
  if (code.empty() || code.size() > kMaxCodeBytes) return false;
  for (char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-' || (allow_slash && c == '/');
    if (!ok) return false;
  }
  return true;
}

void CheckText(Problems& problems, const v1::SourceRef& source,
               const std::string& field, const std::string& text,
               bool required) {
  if (required && text.empty()) {
    problems.Add(source, field, "is required");
  } else if (text.size() > kMaxTextBytes) {
    problems.Add(source, field,
                 absl::StrCat("is ", text.size(), " bytes, over the limit of ",
                              kMaxTextBytes));
  }
}

// Records `key` and reports a duplicate with both rows.
template <typename Key>
void CheckUnique(Problems& problems, std::map<Key, v1::SourceRef>& seen,
                 const Key& key, const std::string& shown,
                 const v1::SourceRef& source, const std::string& field,
                 absl::string_view what) {
  auto [it, inserted] = seen.emplace(key, source);
  if (!inserted) {
    problems.Add(source, field,
                 absl::StrCat("duplicate ", what, " ", QuoteForMessage(shown),
                              Where(it->second)));
  }
}

void CheckTarget(Problems& problems, const v1::SourceRef& source,
                 const std::string& field, const v1::Target& target) {
  CheckText(problems, source, field + ".text", target.text(), false);
  for (const auto& [where, why] : TargetProblems(target)) {
    problems.Add(source, absl::StrCat(field, ".", where), why);
  }
}

void CheckPolicy(Problems& problems, const v1::EvaluationPolicy& policy) {
  const v1::SourceRef none;
  auto in_range = [&](const char* name, double v, double lo, double hi) {
    if (v == 0) return;  // unset: the default applies
    if (!std::isfinite(v) || v < lo || v > hi) {
      problems.Add(none, absl::StrCat("policy.", name),
                   absl::StrCat(v, " is outside [", lo, ", ", hi, "]"));
    }
  };
  in_range("partly_achieved_ratio", policy.partly_achieved_ratio(), 0, 1);
  in_range("band_partly_multiplier", policy.band_partly_multiplier(), 1, 100);
  in_range("objective_achieved_percent", policy.objective_achieved_percent(), 0,
           100);
  in_range("objective_partly_percent", policy.objective_partly_percent(), 0,
           100);
  in_range("forecast_min_history_years", policy.forecast_min_history_years(), 1,
           10);
  in_range("forecast_history_years", policy.forecast_history_years(), 1, 10);
  // A window shorter than the minimum could never give a flow its share.
  const int min_years = policy.forecast_min_history_years() == 0
                            ? 2
                            : policy.forecast_min_history_years();
  if (policy.forecast_history_years() != 0 &&
      policy.forecast_history_years() < min_years) {
    problems.Add(none, "policy.forecast_history_years",
                 absl::StrCat(policy.forecast_history_years(),
                              " is fewer than forecast_min_history_years (",
                              min_years, ")"));
  }
}

}  // namespace

std::vector<v1::ImportProblem> ValidateCatalog(const v1::Catalog& catalog) {
  Problems problems;

  std::map<std::string, v1::SourceRef> entities;
  for (int i = 0; i < catalog.entities_size(); ++i) {
    const v1::Entity& e = catalog.entities(i);
    const std::string field = absl::StrCat("entities[", i, "]");
    if (!IsEntityId(e.id())) {
      problems.Add(e.source(), field + ".id",
                   absl::StrCat(QuoteForMessage(e.id()),
                                " is not an entity id (lower-case letters, "
                                "digits and '-')"));
    }
    CheckUnique(problems, entities, e.id(), e.id(), e.source(), field + ".id",
                "entity id");
    CheckText(problems, e.source(), field + ".display_name", e.display_name(),
              false);
  }
  if (catalog.entities_size() == 0) {
    problems.Add(v1::SourceRef(), "entities",
                 "a catalog needs at least one entity");
  }

  std::map<std::string, v1::SourceRef> directions;
  for (int i = 0; i < catalog.directions_size(); ++i) {
    const v1::StrategicDirection& d = catalog.directions(i);
    const std::string field = absl::StrCat("directions[", i, "]");
    if (!IsCode(d.code(), false)) {
      problems.Add(d.source(), field + ".code",
                   absl::StrCat(QuoteForMessage(d.code()), " is not a code"));
    }
    CheckUnique(problems, directions, d.code(), d.code(), d.source(),
                field + ".code", "strategic direction");
    CheckText(problems, d.source(), field + ".title", d.title(), true);
  }

  std::map<std::pair<std::string, std::string>, v1::SourceRef> objectives;
  for (int i = 0; i < catalog.strategic_objectives_size(); ++i) {
    const v1::StrategicObjective& o = catalog.strategic_objectives(i);
    const std::string field = absl::StrCat("strategic_objectives[", i, "]");
    if (!IsCode(o.code(), false)) {
      problems.Add(o.source(), field + ".code",
                   absl::StrCat(QuoteForMessage(o.code()), " is not a code"));
    }
    if (directions.count(o.direction_code()) == 0) {
      problems.Add(o.source(), field + ".direction_code",
                   absl::StrCat("unknown strategic direction ",
                                QuoteForMessage(o.direction_code())));
    }
    CheckUnique(problems, objectives, {o.direction_code(), o.code()},
                absl::StrCat(o.direction_code(), ".", o.code()), o.source(),
                field + ".code", "strategic objective");
    CheckText(problems, o.source(), field + ".title", o.title(), true);
  }

  std::map<std::string, v1::SourceRef> lines;
  for (int i = 0; i < catalog.lines_size(); ++i) {
    const v1::ProgrammeLine& l = catalog.lines(i);
    const std::string field = absl::StrCat("lines[", i, "]");
    const std::string expected =
        absl::StrCat(l.direction_code(), ".", l.strategic_objective_code(), ".",
                     l.operational_objective_code());
    if (l.code() != expected) {
      problems.Add(l.source(), field + ".code",
                   absl::StrCat(QuoteForMessage(l.code()), " should be ",
                                QuoteForMessage(expected)));
    }
    if (objectives.count({l.direction_code(), l.strategic_objective_code()}) ==
        0) {
      problems.Add(
          l.source(), field + ".strategic_objective_code",
          absl::StrCat("unknown strategic objective \"", l.direction_code(),
                       ".", l.strategic_objective_code(), "\""));
    }
    if (l.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED) {
      problems.Add(l.source(), field + ".dimension", "is required");
    }
    CheckUnique(problems, lines, l.code(), l.code(), l.source(),
                field + ".code", "programme line");
    CheckText(problems, l.source(), field + ".title", l.title(), true);
  }

  std::map<std::string, v1::SourceRef> sectors;
  for (int i = 0; i < catalog.sectors_size(); ++i) {
    const v1::Sector& s = catalog.sectors(i);
    const std::string field = absl::StrCat("sectors[", i, "]");
    if (!IsCode(s.code(), false)) {
      problems.Add(s.source(), field + ".code",
                   absl::StrCat(QuoteForMessage(s.code()), " is not a code"));
    }
    CheckUnique(problems, sectors, s.code(), s.code(), s.source(),
                field + ".code", "sector");
  }

  // Indicators and objectives share the capture namespace of items.
  std::map<std::string, v1::SourceRef> items;
  for (int i = 0; i < catalog.indicators_size(); ++i) {
    const v1::Indicator& ind = catalog.indicators(i);
    const std::string field = absl::StrCat("indicators[", i, "]");
    if (!IsCode(ind.code(), false)) {
      problems.Add(ind.source(), field + ".code",
                   absl::StrCat(QuoteForMessage(ind.code()),
                                " is not an indicator code"));
    }
    CheckUnique(problems, items, ind.code(), ind.code(), ind.source(),
                field + ".code", "item code");
    if (!ind.line_code().empty() && lines.count(ind.line_code()) == 0) {
      problems.Add(ind.source(), field + ".line_code",
                   absl::StrCat("unknown programme line ",
                                QuoteForMessage(ind.line_code())));
    }
    CheckText(problems, ind.source(), field + ".title", ind.title(), true);
    CheckText(problems, ind.source(), field + ".manager", ind.manager(), false);
    std::set<std::pair<int, std::string>> years;
    for (int t = 0; t < ind.targets_size(); ++t) {
      const v1::YearlyTarget& y = ind.targets(t);
      const std::string tfield = absl::StrCat(field, ".targets[", t, "]");
      if (y.year() < 1900 || y.year() > 9999) {
        problems.Add(ind.source(), tfield + ".year",
                     absl::StrCat(y.year(), " is not a year"));
      }
      if (!y.entity().empty() && entities.count(y.entity()) == 0) {
        problems.Add(
            ind.source(), tfield + ".entity",
            absl::StrCat("unknown entity ", QuoteForMessage(y.entity())));
      }
      if (!years.insert({y.year(), y.entity()}).second) {
        problems.Add(ind.source(), tfield,
                     absl::StrCat("a second target for ", y.year(),
                                  y.entity().empty() ? "" : " ", y.entity()));
      }
      CheckTarget(problems, ind.source(), tfield + ".target", y.target());
    }
  }

  for (int i = 0; i < catalog.executive_objectives_size(); ++i) {
    const v1::ExecutiveObjective& o = catalog.executive_objectives(i);
    const std::string field = absl::StrCat("executive_objectives[", i, "]");
    if (!IsCode(o.code(), true)) {
      problems.Add(
          o.source(), field + ".code",
          absl::StrCat(QuoteForMessage(o.code()), " is not an objective code"));
    }
    CheckUnique(problems, items, o.code(), o.code(), o.source(),
                field + ".code", "item code");
    if (o.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED) {
      problems.Add(o.source(), field + ".dimension", "is required");
    }
    CheckText(problems, o.source(), field + ".title", o.title(), true);
    CheckText(problems, o.source(), field + ".weight_text", o.weight_text(),
              false);
    for (int w = 0; w < o.weights_size(); ++w) {
      const v1::SectorWeight& sw = o.weights(w);
      const std::string wfield = absl::StrCat(field, ".weights[", w, "]");
      if (sectors.count(sw.sector()) == 0) {
        problems.Add(
            o.source(), wfield + ".sector",
            absl::StrCat("unknown sector ", QuoteForMessage(sw.sector())));
      }
      if (!std::isfinite(sw.percent()) || sw.percent() < 0 ||
          sw.percent() > 100) {
        problems.Add(
            o.source(), wfield + ".percent",
            absl::StrCat(sw.percent(), " is not a weight in [0, 100]"));
      }
    }
  }

  CheckPolicy(problems, catalog.policy());
  return problems.Take();
}

}  // namespace valore::catalog
