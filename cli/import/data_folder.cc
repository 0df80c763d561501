#include "cli/import/data_folder.h"

#include <filesystem>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/csv_reader.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "common/value_parser.h"

namespace valore::import {
namespace {

namespace fs = std::filesystem;

// Problems found while reading, each with its file and row.
class Problems {
 public:
  void Add(const std::string& file, int row, const std::string& message) {
    if (lines_.size() < kMaxListed) {
      lines_.push_back(absl::StrCat(file, " row ", row, ": ", message));
    }
    ++count_;
  }
  void Add(const std::string& file, int row, const absl::Status& status) {
    Add(file, row, std::string(status.message()));
  }
  absl::Status ToStatus() const {
    if (count_ == 0) return absl::OkStatus();
    std::string message =
        absl::StrCat(count_, " problem(s) in the data folder:");
    for (const std::string& l : lines_) absl::StrAppend(&message, "\n  ", l);
    if (count_ > lines_.size()) {
      absl::StrAppend(&message, "\n  … and ", count_ - lines_.size(), " more");
    }
    return absl::InvalidArgumentError(message);
  }

 private:
  static constexpr size_t kMaxListed = 50;
  std::vector<std::string> lines_;
  size_t count_ = 0;
};

v1::SourceRef Source(const std::string& file, int row) {
  v1::SourceRef ref;
  ref.set_file(file);
  ref.set_row(row);
  return ref;
}

// The year of a column named like "target_2023"; 0 when absent.
int YearOfColumn(const CsvTable& table, absl::string_view prefix) {
  for (const std::string& column : table.header) {
    int year = 0;
    if (absl::StartsWith(column, prefix) &&
        absl::SimpleAtoi(column.substr(prefix.size()), &year)) {
      return year;
    }
  }
  return 0;
}

std::string Trim(absl::string_view s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

// Whether the title names a count ("N. bambini …", "Numero di pratiche …"):
// counts accumulate over the year (DESIGN §3).
bool IsCountTitle(absl::string_view title) {
  return absl::StartsWith(title, "N.") || absl::StartsWith(title, "N ") ||
         absl::StartsWithIgnoreCase(title, "Numero");
}

v1::Unit UnitFor(absl::string_view title, const v1::Target& target) {
  if (target.form() == v1::Target::FORM_QUALITATIVE) return v1::UNIT_TEXT;
  if (target.components_size() == 1) {
    const v1::Unit u = target.components(0).threshold().unit();
    if (u == v1::UNIT_PERCENT || u == v1::UNIT_EURO || u == v1::UNIT_AREA_KM2) {
      return u;
    }
  }
  // "N. dipendenti formati / totale dipendenti * 100" is a rate, not a count.
  if (absl::StartsWith(title, "%") || absl::StartsWith(title, "Tasso") ||
      absl::StrContains(title, "* 100") || absl::StrContains(title, "*100")) {
    return v1::UNIT_PERCENT;
  }
  if (IsCountTitle(title)) return v1::UNIT_COUNT;
  return v1::UNIT_NUMBER;
}

v1::Polarity PolarityFor(const v1::Target& target) {
  switch (target.form()) {
    case v1::Target::FORM_BAND:
      return v1::POLARITY_WITHIN_BAND;
    case v1::Target::FORM_QUALITATIVE:
    case v1::Target::FORM_NONE:
      return v1::POLARITY_QUALITATIVE;
    case v1::Target::FORM_THRESHOLD:
      if (target.components_size() > 0 &&
          (target.components(0).comparator() == v1::COMPARATOR_AT_MOST ||
           target.components(0).comparator() == v1::COMPARATOR_LESS)) {
        return v1::POLARITY_LOWER_IS_BETTER;
      }
      return v1::POLARITY_HIGHER_IS_BETTER;
    default:
      return v1::POLARITY_HIGHER_IS_BETTER;
  }
}

// The catalog under construction, with indexes to find what is there.
struct Builder {
  DataFolder out;
  Problems problems;
  absl::flat_hash_map<std::string, int> directions;  // code -> index
  std::set<std::pair<std::string, std::string>> strategic_objectives;
  absl::flat_hash_map<std::string, int> lines;       // code -> index
  absl::flat_hash_map<std::string, int> indicators;  // code -> index
  absl::flat_hash_map<std::string, int> objectives;  // code -> index
  absl::flat_hash_set<std::string> entity_ids;
  // Entities by lower-case id or display name.
  absl::flat_hash_map<std::string, std::string> entity_by_name;

  void AddDirection(const std::string& code, const std::string& title,
                    const v1::SourceRef& src) {
    if (code.empty() || directions.contains(code)) return;
    directions[code] = out.catalog.directions_size();
    v1::StrategicDirection* d = out.catalog.add_directions();
    d->set_code(code);
    d->set_title(title);
    *d->mutable_source() = src;
  }
  void AddStrategicObjective(const std::string& direction,
                             const std::string& code, const std::string& title,
                             const v1::SourceRef& src) {
    if (code.empty() ||
        !strategic_objectives.insert({direction, code}).second) {
      return;
    }
    v1::StrategicObjective* o = out.catalog.add_strategic_objectives();
    o->set_direction_code(direction);
    o->set_code(code);
    o->set_title(title);
    *o->mutable_source() = src;
  }
  // The direction and strategic objective a row of indicators or objectives
  // sits under, added when new; the code of its programme line.
  std::string AddTreeOf(const CsvTable& table, const CsvRow& row,
                        const v1::SourceRef& src) {
    const std::string direction = Trim(table.Get(row, "indirizzo_code"));
    const std::string strategic =
        Trim(table.Get(row, "obiettivo_strategico_code"));
    AddDirection(direction, Trim(table.Get(row, "indirizzo")), src);
    AddStrategicObjective(direction, strategic,
                          Trim(table.Get(row, "obiettivo_strategico")), src);
    return absl::StrCat(direction, ".", strategic, ".",
                        Trim(table.Get(row, "obiettivo_operativo_code")));
  }
  // An entity id for a name as the data writes it; "" when unknown.
  std::string Entity(const std::string& name) const {
    const std::string key = absl::AsciiStrToLower(Trim(name));
    if (auto it = entity_by_name.find(key); it != entity_by_name.end()) {
      return it->second;
    }
    const std::string id = EntityIdOf(name);
    return entity_ids.contains(id) ? id : "";
  }
  std::string UnionEntity() const {
    for (const v1::Entity& e : out.catalog.entities()) {
      if (e.kind() == v1::Entity::KIND_UNION) return e.id();
    }
    return out.catalog.entities_size() > 0 ? out.catalog.entities(0).id() : "";
  }
};

absl::StatusOr<std::optional<CsvTable>> ReadOptional(const fs::path& dir,
                                                     const std::string& name) {
  const fs::path path = dir / name;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<CsvTable>();
  absl::StatusOr<CsvTable> table = ReadCsvFile(path.string());
  if (!table.ok()) return table.status();
  return std::optional<CsvTable>(*std::move(table));
}

// Checks that `table` has every column in `required`.
bool HasColumns(Builder& b, const std::string& file, const CsvTable& table,
                std::initializer_list<const char*> required) {
  bool ok = true;
  for (const char* column : required) {
    if (table.Column(column) < 0) {
      b.problems.Add(file, 0, absl::StrCat("missing column \"", column, "\""));
      ok = false;
    }
  }
  return ok;
}

void ReadEntities(Builder& b, const std::optional<CsvTable>& table) {
  const std::string file = "entities.csv";
  if (!table.has_value()) {
    struct Default {
      const char* id;
      const char* name;
      v1::Entity::Kind kind;
    };
    static const Default kDefaults[] = {
        {"unione", "Unione delle Terre d'Argine", v1::Entity::KIND_UNION},
        {"campogalliano", "Comune di Campogalliano",
         v1::Entity::KIND_MUNICIPALITY},
        {"carpi", "Comune di Carpi", v1::Entity::KIND_MUNICIPALITY},
        {"novi-di-modena", "Comune di Novi di Modena",
         v1::Entity::KIND_MUNICIPALITY},
        {"soliera", "Comune di Soliera", v1::Entity::KIND_MUNICIPALITY},
    };
    for (const Default& d : kDefaults) {
      v1::Entity* e = b.out.catalog.add_entities();
      e->set_id(d.id);
      e->set_display_name(d.name);
      e->set_kind(d.kind);
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

void AddValidated(Builder& b, v1::ItemType type, const std::string& item,
                  const std::string& period, const std::string& text,
                  const std::string& file, int row) {
  if (Trim(text).empty()) return;
  absl::StatusOr<v1::Outcome> outcome = ParseOutcome(text, "outcome");
  if (!outcome.ok()) {
    b.problems.Add(file, row, outcome.status());
    return;
  }
  v1::ValidatedOutcome v;
  v.set_item_type(type);
  v.set_item(item);
  v.set_period(period);
  v.set_outcome(*outcome);
  b.out.validated_outcomes.push_back(std::move(v));
}

void AddMeasurement(Builder& b, const std::string& entity,
                    const std::string& item, const std::string& period,
                    v1::Value value, const std::string& note) {
  v1::Measurement m;
  m.set_entity(entity);
  m.set_item(item);
  m.set_period(period);
  *m.mutable_value() = std::move(value);
  m.set_note(note);
  b.out.measurements.push_back(std::move(m));
}

void ReadDupLines(Builder& b, const CsvTable& table) {
  const std::string file = "dup_lines.csv";
  if (!HasColumns(b, file, table,
                  {"indirizzo_code", "obiettivo_strategico_code",
                   "obiettivo_operativo_code", "obiettivo_operativo",
                   "dimensione_linea"})) {
    return;
  }
  for (const CsvRow& row : table.rows) {
    v1::ProgrammeLine line;
    line.set_direction_code(Trim(table.Get(row, "indirizzo_code")));
    line.set_strategic_objective_code(
        Trim(table.Get(row, "obiettivo_strategico_code")));
    line.set_line_code(Trim(table.Get(row, "obiettivo_operativo_code")));
    line.set_code(absl::StrCat(line.direction_code(), ".",
                               line.strategic_objective_code(), ".",
                               line.line_code()));
    line.set_title(Trim(table.Get(row, "obiettivo_operativo")));
    absl::StatusOr<v1::WellbeingDimension> dim =
        ParseDimension(table.Get(row, "dimensione_linea"), "dimensione_linea");
    if (!dim.ok()) b.problems.Add(file, row.number, dim.status());
    line.set_dimension(dim.ok() ? *dim : v1::WELLBEING_DIMENSION_UNSPECIFIED);
    for (absl::string_view m : absl::StrSplit(table.Get(row, "dirigente"), ';',
                                              absl::SkipWhitespace())) {
      line.add_managers(Trim(m));
    }
    *line.mutable_source() = Source(file, row.number);
    // Duplicates are left for the catalog service to report with both rows.
    b.lines.emplace(line.code(), b.out.catalog.lines_size());
    *b.out.catalog.add_lines() = line;
  }
}

// The line's outcome as the document states it, from dup_lines.csv.
void ReadLineOutcomes(Builder& b, const CsvTable& table,
                      const std::string& period) {
  for (const CsvRow& row : table.rows) {
    const std::string code =
        absl::StrCat(Trim(table.Get(row, "indirizzo_code")), ".",
                     Trim(table.Get(row, "obiettivo_strategico_code")), ".",
                     Trim(table.Get(row, "obiettivo_operativo_code")));
    AddValidated(b, v1::ITEM_TYPE_PROGRAMME_LINE, code, period,
                 table.Get(row, "andamento_linea"), "dup_lines.csv",
                 row.number);
  }
}

void ReadDupIndicators(Builder& b, const CsvTable& table) {
  const std::string file = "dup_indicators.csv";
  if (!HasColumns(b, file, table,
                  {"indirizzo_code", "indirizzo", "obiettivo_strategico_code",
                   "obiettivo_strategico", "obiettivo_operativo_code",
                   "dimensione_indicatore", "indicatore_code", "indicatore"})) {
    return;
  }
  const int target_year = YearOfColumn(table, "target_");
  const int actual_year = YearOfColumn(table, "consuntivo_");
  const std::string target_column = absl::StrCat("target_", target_year);
  const std::string actual_column = absl::StrCat("consuntivo_", actual_year);
  const std::string period =
      actual_year > 0 ? Period(actual_year, 2).ToString() : "";
  for (const CsvRow& row : table.rows) {
    const v1::SourceRef src = Source(file, row.number);
    v1::Indicator ind;
    ind.set_code(Trim(table.Get(row, "indicatore_code")));
    ind.set_title(Trim(table.Get(row, "indicatore")));
    ind.set_line_code(b.AddTreeOf(table, row, src));
    absl::StatusOr<v1::WellbeingDimension> dim = ParseDimension(
        table.Get(row, "dimensione_indicatore"), "dimensione_indicatore");
    if (!dim.ok()) b.problems.Add(file, row.number, dim.status());
    ind.set_dimension(dim.ok() ? *dim : v1::WELLBEING_DIMENSION_UNSPECIFIED);
    ind.set_manager(Trim(table.Get(row, "dirigente")));
    *ind.mutable_source() = src;

    v1::Target target;
    if (target_year > 0) {
      absl::StatusOr<v1::Target> parsed =
          ParseTarget(table.Get(row, target_column));
      if (!parsed.ok()) {
        b.problems.Add(file, row.number, parsed.status());
      } else {
        target = *parsed;
        v1::YearlyTarget* y = ind.add_targets();
        y->set_year(target_year);
        *y->mutable_target() = target;
      }
    }
    ind.set_unit(UnitFor(ind.title(), target));
    ind.set_polarity(PolarityFor(target));
    ind.set_kind(IsCountTitle(ind.title()) ? v1::INDICATOR_KIND_FLOW
                                           : v1::INDICATOR_KIND_LEVEL);
    ind.set_rollup(v1::ROLLUP_NONE);

    if (actual_year > 0) {
      const std::string actual = table.Get(row, actual_column);
      if (!Trim(actual).empty()) {
        absl::StatusOr<v1::Value> value = ParseValue(actual, target);
        if (!value.ok()) {
          b.problems.Add(file, row.number, value.status());
        } else {
          AddMeasurement(b, b.UnionEntity(), ind.code(), period, *value, "");
        }
      }
      AddValidated(b, v1::ITEM_TYPE_INDICATOR, ind.code(), period,
                   table.Get(row, "andamento_indicatore"), file, row.number);
    }
    b.indicators.emplace(ind.code(), b.out.catalog.indicators_size());
    *b.out.catalog.add_indicators() = std::move(ind);
  }
}

void ReadSectors(Builder& b, const std::optional<CsvTable>& table,
                 const CsvTable* objectives) {
  const std::string file = "sectors.csv";
  absl::flat_hash_set<std::string> have;
  if (table.has_value() && HasColumns(b, file, *table, {"code"})) {
    for (const CsvRow& row : table->rows) {
      v1::Sector* s = b.out.catalog.add_sectors();
      s->set_code(Trim(table->Get(row, "code")));
      s->set_display_name(Trim(table->Get(row, "name")));
      s->set_manager(Trim(table->Get(row, "dirigente")));
      *s->mutable_source() = Source(file, row.number);
      have.insert(s->code());
    }
  }
  // Sectors named only by objective codes get a sector of their own.
  if (objectives == nullptr) return;
  for (const CsvRow& row : objectives->rows) {
    const std::string code = Trim(objectives->Get(row, "codice"));
    const std::string sector = std::string(code.substr(0, code.find('.')));
    if (!sector.empty() && have.insert(sector).second) {
      v1::Sector* s = b.out.catalog.add_sectors();
      s->set_code(sector);
      s->set_display_name(absl::StrCat("Settore ", sector));
      s->set_manager(Trim(objectives->Get(row, "dirigente")));
    }
  }
}

// "14%" -> the first sector of the code at 14; "== (15% Settore Affari
// generali, 5% altri settori)" -> 15 to the sector so named and 5 to every
// other sector of kind "settore" (see data NOTES.md).
void ParseWeights(Builder& b, const std::string& text, const std::string& code,
                  const absl::flat_hash_map<std::string, std::string>& kinds,
                  v1::ExecutiveObjective* o, const std::string& file, int row) {
  const std::string own = code.substr(0, code.find('.'));
  absl::StatusOr<ParsedNumber> plain = ParseItalianNumber(Trim(text), "peso");
  if (plain.ok()) {
    v1::SectorWeight* w = o->add_weights();
    w->set_sector(own);
    w->set_percent(plain->value);
    return;
  }
  const size_t open = text.find('(');
  const size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    b.problems.Add(file, row,
                   absl::StrCat("peso: \"", text, "\" is not a weight"));
    return;
  }
  std::string named_sector;
  double others = -1;
  for (absl::string_view part :
       absl::StrSplit(text.substr(open + 1, close - open - 1), ',')) {
    part = absl::StripAsciiWhitespace(part);
    size_t pos = 0;
    std::optional<ParsedNumber> n = ConsumeItalianNumber(part, &pos);
    const std::string rest = Trim(part.substr(pos));
    if (!n.has_value()) {
      b.problems.Add(file, row,
                     absl::StrCat("peso: \"", text, "\" is not a weight"));
      return;
    }
    if (absl::StartsWithIgnoreCase(rest, "altri settori")) {
      others = n->value;
      continue;
    }
    for (const v1::Sector& s : b.out.catalog.sectors()) {
      if (!s.display_name().empty() &&
          absl::EqualsIgnoreCase(rest, s.display_name())) {
        named_sector = s.code();
        v1::SectorWeight* w = o->add_weights();
        w->set_sector(s.code());
        w->set_percent(n->value);
      }
    }
    if (named_sector.empty()) {
      b.problems.Add(file, row,
                     absl::StrCat("peso: no sector is named \"", rest,
                                  "\" (see sectors.csv)"));
      return;
    }
  }
  if (others >= 0) {
    for (const v1::Sector& s : b.out.catalog.sectors()) {
      auto kind = kinds.find(s.code());
      const bool is_settore = kind == kinds.end() || kind->second == "settore";
      if (s.code() != named_sector && s.code() != own && is_settore) {
        v1::SectorWeight* w = o->add_weights();
        w->set_sector(s.code());
        w->set_percent(others);
      }
    }
  }
}

// `default_period` is the period of the DUP actuals, which the shipped
// layout's "valore_rilevato" column (no year) shares.
void ReadObjectives(Builder& b, const CsvTable& table,
                    const std::optional<CsvTable>& sectors,
                    const std::string& default_period) {
  const std::string file = "performance_objectives.csv";
  if (!HasColumns(b, file, table,
                  {"indirizzo_code", "obiettivo_strategico_code",
                   "obiettivo_operativo_code", "dimensione", "codice", "titolo",
                   "peso"})) {
    return;
  }
  absl::flat_hash_map<std::string, std::string> kinds;
  if (sectors.has_value()) {
    for (const CsvRow& row : sectors->rows) {
      kinds[Trim(sectors->Get(row, "code"))] =
          absl::AsciiStrToLower(Trim(sectors->Get(row, "kind")));
    }
  }
  const int year = YearOfColumn(table, "valore_rilevato_");
  const std::string period =
      year > 0 ? Period(year, 2).ToString() : default_period;
  if (period.empty() && table.Column("valore_rilevato") >= 0) {
    b.problems.Add(file, 0,
                   "valore_rilevato has no year: name the column "
                   "valore_rilevato_YYYY or ship dup_indicators.csv beside it");
    return;
  }
  for (const CsvRow& row : table.rows) {
    const v1::SourceRef src = Source(file, row.number);
    v1::ExecutiveObjective o;
    o.set_code(Trim(table.Get(row, "codice")));
    o.set_title(Trim(table.Get(row, "titolo")));
    o.set_line_code(b.AddTreeOf(table, row, src));
    absl::StatusOr<v1::WellbeingDimension> dim =
        ParseDimension(table.Get(row, "dimensione"), "dimensione");
    if (!dim.ok()) b.problems.Add(file, row.number, dim.status());
    o.set_dimension(dim.ok() ? *dim : v1::WELLBEING_DIMENSION_UNSPECIFIED);
    o.set_manager(Trim(table.Get(row, "dirigente")));
    o.set_weight_text(Trim(table.Get(row, "peso")));
    ParseWeights(b, o.weight_text(), o.code(), kinds, &o, file, row.number);
    *o.mutable_source() = src;

    const std::string value_text =
        table.Get(row, year > 0 ? absl::StrCat("valore_rilevato_", year)
                                : std::string("valore_rilevato"));
    if (!Trim(value_text).empty()) {
      absl::StatusOr<ParsedNumber> n =
          ParseItalianNumber(Trim(value_text), "valore_rilevato");
      v1::Value value;
      value.set_display(Trim(value_text));
      if (n.ok()) {
        value.mutable_number()->set_value(n->value);
        value.mutable_number()->set_unit(n->percent ? v1::UNIT_PERCENT
                                                    : v1::UNIT_NUMBER);
      } else {
        value.set_text(Trim(value_text));
      }
      AddMeasurement(b, b.UnionEntity(), o.code(), period, value, "");
    }
    AddValidated(b, v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code(), period,
                 table.Get(row, "esito"), file, row.number);
    b.objectives.emplace(o.code(), b.out.catalog.executive_objectives_size());
    *b.out.catalog.add_executive_objectives() = std::move(o);
  }
}

// The semester that ends on a date "YYYY-MM-DD".
absl::StatusOr<std::string> PeriodOfDate(const std::string& date) {
  std::vector<std::string> parts = absl::StrSplit(date, '-');
  int year = 0;
  int month = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || month < 1 || month > 12 ||
      year < Period::kMinYear || year > Period::kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("period_end: \"", date, "\" is not a date YYYY-MM-DD"));
  }
  return Period(year, month <= 6 ? 1 : 2).ToString();
}

void ReadEntityFigures(Builder& b, const CsvTable& table,
                       const std::optional<CsvTable>& titles) {
  const std::string file = "entity_figures.csv";
  if (!HasColumns(b, file, table,
                  {"figure", "entity", "period_end", "value"})) {
    return;
  }
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>> named;
  if (titles.has_value()) {
    for (const CsvRow& row : titles->rows) {
      named[Trim(titles->Get(row, "figure"))] = {
          Trim(titles->Get(row, "title")), Trim(titles->Get(row, "section"))};
    }
  }
  for (const CsvRow& row : table.rows) {
    const std::string figure = Trim(table.Get(row, "figure"));
    if (!b.indicators.contains(figure)) {
      v1::Indicator ind;
      ind.set_code(figure);
      auto title = named.find(figure);
      ind.set_title(title != named.end() ? title->second.first : figure);
      ind.set_section(title != named.end() ? title->second.second
                                           : "Piena accessibilità");
      ind.set_unit(v1::UNIT_COUNT);
      ind.set_polarity(v1::POLARITY_HIGHER_IS_BETTER);
      // A stock at the end of the semester, not a yearly flow.
      ind.set_kind(v1::INDICATOR_KIND_LEVEL);
      ind.set_rollup(v1::ROLLUP_SUM);
      *ind.mutable_source() = Source(file, row.number);
      b.indicators.emplace(figure, b.out.catalog.indicators_size());
      *b.out.catalog.add_indicators() = std::move(ind);
    }
    absl::StatusOr<std::string> period =
        PeriodOfDate(Trim(table.Get(row, "period_end")));
    if (!period.ok()) {
      b.problems.Add(file, row.number, period.status());
      continue;
    }
    absl::StatusOr<ParsedNumber> n =
        ParseItalianNumber(Trim(table.Get(row, "value")), "value");
    if (!n.ok()) {
      b.problems.Add(file, row.number, n.status());
      continue;
    }
    const std::string entity_name = Trim(table.Get(row, "entity"));
    if (absl::EqualsIgnoreCase(entity_name, "totale")) {
      v1::PublishedFigure f;
      f.set_table("entity_figures");
      f.set_row(figure);
      f.set_column("totale");
      f.set_count(n->value);
      b.out.published[*period].push_back(std::move(f));
      continue;
    }
    const std::string entity = b.Entity(entity_name);
    if (entity.empty()) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("entity: \"", entity_name, "\" is not an entity"));
      continue;
    }
    v1::Value value;
    value.mutable_number()->set_value(n->value);
    value.mutable_number()->set_unit(v1::UNIT_COUNT);
    value.set_display(FormatItalianCompact(n->value));
    AddMeasurement(b, entity, figure, *period, value,
                   Trim(table.Get(row, "note")));
  }
}

void ReadLavoroAgile(Builder& b, const CsvTable& table) {
  const std::string file = "lavoro_agile.csv";
  if (!HasColumns(b, file, table, {"table", "indicator"})) return;
  // Columns: valore_YYYY (reference), atteso_YYYY (targets), rilevato_YYYY.
  for (const CsvRow& row : table.rows) {
    v1::Indicator ind;
    ind.set_code(absl::StrFormat("LA.%02d", row.number));
    ind.set_title(Trim(table.Get(row, "indicator")));
    ind.set_section(
        absl::StrCat("Lavoro agile - ", Trim(table.Get(row, "table"))));
    ind.set_kind(v1::INDICATOR_KIND_LEVEL);
    ind.set_rollup(v1::ROLLUP_NONE);
    *ind.mutable_source() = Source(file, row.number);
    v1::Target first_target;
    for (const std::string& column : table.header) {
      int year = 0;
      std::vector<std::string> parts = absl::StrSplit(column, '_');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &year)) continue;
      const std::string text = Trim(table.Get(row, column));
      if (text.empty()) continue;
      if (parts[0] == "atteso") {
        absl::StatusOr<v1::Target> target = ParseTarget(text);
        if (!target.ok()) {
          b.problems.Add(file, row.number, target.status());
          continue;
        }
        if (ind.targets_size() == 0) first_target = *target;
        v1::YearlyTarget* y = ind.add_targets();
        y->set_year(year);
        *y->mutable_target() = *target;
      }
    }
    for (const std::string& column : table.header) {
      int year = 0;
      std::vector<std::string> parts = absl::StrSplit(column, '_');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &year)) continue;
      const std::string text = Trim(table.Get(row, column));
      if (text.empty() || (parts[0] != "valore" && parts[0] != "rilevato"))
        continue;
      absl::StatusOr<v1::Value> value = ParseValue(text, first_target);
      if (!value.ok()) {
        b.problems.Add(file, row.number, value.status());
        continue;
      }
      AddMeasurement(b, b.UnionEntity(), ind.code(), Period(year, 2).ToString(),
                     *value, Trim(table.Get(row, "note")));
    }
    ind.set_unit(UnitFor(ind.title(), first_target));
    ind.set_polarity(PolarityFor(first_target));
    b.indicators.emplace(ind.code(), b.out.catalog.indicators_size());
    *b.out.catalog.add_indicators() = std::move(ind);
  }
}

void ReadJustifications(Builder& b, const CsvTable& table) {
  const std::string file = "justifications.csv";
  if (!HasColumns(b, file, table, {"code", "period", "justification"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    const std::string period = Trim(table.Get(row, "period"));
    bool found = false;
    for (v1::ValidatedOutcome& v : b.out.validated_outcomes) {
      if (v.item() == code && v.period() == period) {
        v.set_justification(Trim(table.Get(row, "justification")));
        found = true;
      }
    }
    if (!found) {
      b.problems.Add(file, row.number,
                     absl::StrCat("no validated outcome of \"", code, "\" in ",
                                  period, " to justify"));
    }
  }
}

void ReadSummary(Builder& b, const CsvTable& table, const std::string& period) {
  const std::string file = "summary_expected.csv";
  if (!HasColumns(b, file, table,
                  {"table", "row", "column", "count", "percent"})) {
    return;
  }
  for (const CsvRow& row : table.rows) {
    v1::PublishedFigure f;
    f.set_table(Trim(table.Get(row, "table")));
    f.set_row(Trim(table.Get(row, "row")));
    f.set_column(Trim(table.Get(row, "column")));
    absl::StatusOr<ParsedNumber> n =
        ParseItalianNumber(Trim(table.Get(row, "count")), "count");
    if (!n.ok()) {
      b.problems.Add(file, row.number, n.status());
      continue;
    }
    f.set_count(n->value);
    f.set_percent(Trim(table.Get(row, "percent")));
    b.out.published[period].push_back(std::move(f));
  }
}

void ReadIndicatorRules(Builder& b, const CsvTable& table) {
  const std::string file = "indicator_rules.csv";
  if (!HasColumns(b, file, table, {"code"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    auto it = b.indicators.find(code);
    if (it == b.indicators.end()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: indicator \"", code, "\" not found"));
      continue;
    }
    v1::Indicator* ind = b.out.catalog.mutable_indicators(it->second);
    const std::string kind =
        absl::AsciiStrToLower(Trim(table.Get(row, "kind")));
    if (kind == "flow") {
      ind->set_kind(v1::INDICATOR_KIND_FLOW);
    } else if (kind == "level") {
      ind->set_kind(v1::INDICATOR_KIND_LEVEL);
    } else if (!kind.empty()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("kind: \"", kind, "\" is not flow or level"));
    }
    const std::string rollup =
        absl::AsciiStrToLower(Trim(table.Get(row, "rollup")));
    static const std::pair<const char*, v1::Rollup> kRollups[] = {
        {"sum", v1::ROLLUP_SUM},
        {"mean", v1::ROLLUP_MEAN},
        {"count_meeting", v1::ROLLUP_COUNT_MEETING},
        {"none", v1::ROLLUP_NONE}};
    bool rollup_ok = rollup.empty();
    for (const auto& [name, value] : kRollups) {
      if (rollup == name) {
        ind->set_rollup(value);
        rollup_ok = true;
      }
    }
    if (!rollup_ok) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("rollup: \"", rollup,
                       "\" is not sum, mean, count_meeting or none"));
    }
    const std::string unit =
        absl::AsciiStrToLower(Trim(table.Get(row, "unit")));
    static const std::pair<const char*, v1::Unit> kUnits[] = {
        {"count", v1::UNIT_COUNT}, {"percent", v1::UNIT_PERCENT},
        {"euro", v1::UNIT_EURO},   {"days", v1::UNIT_DAYS},
        {"ratio", v1::UNIT_RATIO}, {"km2", v1::UNIT_AREA_KM2},
        {"text", v1::UNIT_TEXT},   {"number", v1::UNIT_NUMBER}};
    bool unit_ok = unit.empty();
    for (const auto& [name, value] : kUnits) {
      if (unit == name) {
        ind->set_unit(value);
        unit_ok = true;
      }
    }
    if (!unit_ok) {
      b.problems.Add(file, row.number,
                     absl::StrCat("unit: \"", unit, "\" is unknown"));
    }
  }
}

void ReadTargets(Builder& b, const CsvTable& table) {
  const std::string file = "targets.csv";
  if (!HasColumns(b, file, table, {"code", "year", "target"})) return;
  for (const CsvRow& row : table.rows) {
    const std::string code = Trim(table.Get(row, "code"));
    auto it = b.indicators.find(code);
    int year = 0;
    if (it == b.indicators.end()) {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: indicator \"", code, "\" not found"));
      continue;
    }
    if (!absl::SimpleAtoi(Trim(table.Get(row, "year")), &year)) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("year: \"", table.Get(row, "year"), "\" is not a year"));
      continue;
    }
    absl::StatusOr<v1::Target> target = ParseTarget(table.Get(row, "target"));
    if (!target.ok()) {
      b.problems.Add(file, row.number, target.status());
      continue;
    }
    std::string entity;
    const std::string entity_name = Trim(table.Get(row, "entity"));
    if (!entity_name.empty()) {
      entity = b.Entity(entity_name);
      if (entity.empty()) {
        b.problems.Add(
            file, row.number,
            absl::StrCat("entity: \"", entity_name, "\" is not an entity"));
        continue;
      }
    }
    v1::Indicator* ind = b.out.catalog.mutable_indicators(it->second);
    v1::YearlyTarget* slot = nullptr;
    for (v1::YearlyTarget& y : *ind->mutable_targets()) {
      if (y.year() == year && y.entity() == entity) slot = &y;
    }
    if (slot == nullptr) slot = ind->add_targets();
    slot->set_year(year);
    slot->set_entity(entity);
    *slot->mutable_target() = *target;
  }
}

// The target an indicator has for the year of `period`, for parsing values.
v1::Target TargetFor(const v1::Indicator& ind, int year) {
  for (const v1::YearlyTarget& y : ind.targets()) {
    if (y.year() == year && y.entity().empty()) return y.target();
  }
  return v1::Target();
}

void ReadMeasurements(Builder& b, const CsvTable& table) {
  const std::string file = "measurements.csv";
  if (!HasColumns(b, file, table, {"entity", "code", "period", "value"}))
    return;
  for (const CsvRow& row : table.rows) {
    const std::string entity_name = Trim(table.Get(row, "entity"));
    const std::string entity = b.Entity(entity_name);
    if (entity.empty()) {
      b.problems.Add(
          file, row.number,
          absl::StrCat("entity: \"", entity_name, "\" is not an entity"));
      continue;
    }
    absl::StatusOr<Period> period =
        Period::Parse(Trim(table.Get(row, "period")));
    if (!period.ok()) {
      b.problems.Add(file, row.number, period.status());
      continue;
    }
    const std::string code = Trim(table.Get(row, "code"));
    const std::string text = table.Get(row, "value");
    absl::StatusOr<v1::Value> value;
    if (auto it = b.indicators.find(code); it != b.indicators.end()) {
      value = ParseValue(text, TargetFor(b.out.catalog.indicators(it->second),
                                         period->year()));
    } else if (b.objectives.contains(code)) {
      // An objective's value is its % achieved: one number.
      v1::Target percent;
      percent.set_form(v1::Target::FORM_THRESHOLD);
      value = ParseValue(text, percent);
    } else {
      b.problems.Add(file, row.number,
                     absl::StrCat("code: \"", code,
                                  "\" is no indicator or executive objective"));
      continue;
    }
    if (!value.ok()) {
      b.problems.Add(file, row.number, value.status());
      continue;
    }
    AddMeasurement(b, entity, code, period->ToString(), *value,
                   Trim(table.Get(row, "note")));
  }
}

}  // namespace

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

absl::StatusOr<DataFolder> ReadDataFolder(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("data folder \"", dir, "\" not found"));
  }
  const fs::path root(dir);
  std::map<std::string, std::optional<CsvTable>> t;
  for (const char* name :
       {"entities.csv", "dup_lines.csv", "dup_indicators.csv",
        "performance_objectives.csv", "sectors.csv", "entity_figures.csv",
        "figure_titles.csv", "lavoro_agile.csv", "justifications.csv",
        "summary_expected.csv", "indicator_rules.csv", "targets.csv",
        "measurements.csv"}) {
    absl::StatusOr<std::optional<CsvTable>> table = ReadOptional(root, name);
    if (!table.ok()) return table.status();
    t[name] = *std::move(table);
  }
  if (!t["dup_indicators.csv"] && !t["performance_objectives.csv"] &&
      !t["entity_figures.csv"]) {
    return absl::InvalidArgumentError(absl::StrCat(
        "data folder \"", dir,
        "\" has none of dup_indicators.csv, performance_objectives.csv, "
        "entity_figures.csv"));
  }

  Builder b;
  const int actual_year =
      t["dup_indicators.csv"]
          ? YearOfColumn(*t["dup_indicators.csv"], "consuntivo_")
          : 0;
  const std::string actual_period =
      actual_year > 0 ? Period(actual_year, 2).ToString() : "";
  ReadEntities(b, t["entities.csv"]);
  if (t["dup_lines.csv"]) ReadDupLines(b, *t["dup_lines.csv"]);
  if (t["dup_indicators.csv"]) ReadDupIndicators(b, *t["dup_indicators.csv"]);
  if (t["dup_lines.csv"] && !actual_period.empty()) {
    ReadLineOutcomes(b, *t["dup_lines.csv"], actual_period);
  }
  ReadSectors(b, t["sectors.csv"],
              t["performance_objectives.csv"]
                  ? &*t["performance_objectives.csv"]
                  : nullptr);
  if (t["performance_objectives.csv"]) {
    ReadObjectives(b, *t["performance_objectives.csv"], t["sectors.csv"],
                   actual_period);
  }
  if (t["entity_figures.csv"]) {
    ReadEntityFigures(b, *t["entity_figures.csv"], t["figure_titles.csv"]);
  }
  if (t["lavoro_agile.csv"]) ReadLavoroAgile(b, *t["lavoro_agile.csv"]);
  if (t["indicator_rules.csv"])
    ReadIndicatorRules(b, *t["indicator_rules.csv"]);
  if (t["targets.csv"]) ReadTargets(b, *t["targets.csv"]);
  if (t["measurements.csv"]) ReadMeasurements(b, *t["measurements.csv"]);
  if (t["justifications.csv"]) ReadJustifications(b, *t["justifications.csv"]);
  // The published summary is of the period of the DUP actuals.
  if (t["summary_expected.csv"] && !actual_period.empty()) {
    ReadSummary(b, *t["summary_expected.csv"], actual_period);
  }
  if (absl::Status s = b.problems.ToStatus(); !s.ok()) return s;
  return std::move(b.out);
}

}  // namespace valore::import
