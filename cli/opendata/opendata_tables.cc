#include "cli/opendata/opendata_tables.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"
#include "common/labels.h"
#include "common/value_text.h"

namespace valore::cli::opendata {
namespace {

// Lists (the parts of a composite value, a line's dirigenti) are parted so;
// no code, unit or name of the catalog holds it.
constexpr char kListSeparator[] = ";";

// A stable English key from a proto enum value name: "social_safety" for
// WELLBEING_DIMENSION_SOCIAL_SAFETY with prefix "WELLBEING_DIMENSION_".
std::string EnumKey(const std::string& enum_name, absl::string_view prefix) {
  return absl::AsciiStrToLower(absl::StripPrefix(enum_name, prefix));
}

std::string OutcomeKey(v1::Outcome outcome) {
  return EnumKey(v1::Outcome_Name(outcome), "OUTCOME_");
}

std::string UnitKey(v1::Unit unit) {
  return unit == v1::UNIT_UNSPECIFIED ? ""
                                      : EnumKey(v1::Unit_Name(unit), "UNIT_");
}

// The appendix's words for a dimension; empty when the item has none.
std::string Dimension(v1::WellbeingDimension dimension) {
  return dimension == v1::WELLBEING_DIMENSION_UNSPECIFIED
             ? ""
             : DimensionLabel(dimension);
}

// A validated outcome is empty where the office set none.
std::string Validated(v1::Outcome outcome, std::string (*label)(v1::Outcome)) {
  return outcome == v1::OUTCOME_UNSPECIFIED ? "" : label(outcome);
}

// The numbers of a value and their units, as parallel lists; empty for a
// text, a value not measurable, or none.
std::pair<std::string, std::string> Numbers(const v1::Value& value) {
  std::vector<std::string> numbers;
  std::vector<std::string> units;
  auto add = [&](const v1::Quantity& q) {
    numbers.push_back(DecimalText(q.value()));
    units.push_back(UnitKey(q.unit()));
  };
  if (value.has_number()) add(value.number());
  if (value.has_composite()) {
    for (const v1::Quantity& q : value.composite().parts()) add(q);
  }
  return {absl::StrJoin(numbers, kListSeparator),
          absl::StrJoin(units, kListSeparator)};
}

Column Col(std::string name, std::string title, Datatype datatype,
           bool required, std::string separator = "") {
  return Column{std::move(name), std::move(title), datatype, required,
                std::move(separator)};
}

// The outcome columns every item table ends with.
void AddOutcomeColumns(std::vector<Column>* columns) {
  columns->push_back(
      Col("computed_outcome", "Esito calcolato", Datatype::kString, true));
  columns->push_back(
      Col("validated_outcome", "Esito validato", Datatype::kString, false));
  columns->push_back(Col("outcome", "Esito", Datatype::kString, true));
  columns->push_back(
      Col("justification", "Motivazione", Datatype::kString, false));
}

Table Indicators(const v1::Report& report) {
  Table t;
  t.file = "indicators.csv";
  t.title = "Indicatori";
  t.columns = {
      Col("code", "Codice", Datatype::kString, true),
      Col("title", "Indicatore", Datatype::kString, true),
      Col("dimension", "Dimensione benessere", Datatype::kString, false),
      Col("line_code", "Linea", Datatype::kString, false),
      Col("section", "Sezione dell'appendice", Datatype::kString, false),
      Col("manager", "Dirigente", Datatype::kString, false),
      Col("target", "Target", Datatype::kString, false),
      Col("value", "Consuntivo", Datatype::kDecimal, false, kListSeparator),
      Col("unit", "Unità di misura", Datatype::kString, false, kListSeparator),
      Col("value_text", "Consuntivo come scritto", Datatype::kString, false),
  };
  AddOutcomeColumns(&t.columns);
  t.primary_key = {"code"};
  t.foreign_keys = {{"line_code", "programme_lines.csv", "code"}};
  for (const v1::IndicatorResult& i : report.indicators()) {
    auto [numbers, units] = Numbers(i.value());
    t.rows.push_back({i.code(), i.title(), Dimension(i.dimension()),
                      i.line_code(), i.section(), i.manager(),
                      i.target().text(), numbers, units, ValueText(i.value()),
                      IndicatorOutcomeLabel(i.computed()),
                      Validated(i.validated(), IndicatorOutcomeLabel),
                      IndicatorOutcomeLabel(i.final()), i.justification()});
  }
  return t;
}

Table Lines(const v1::Report& report) {
  Table t;
  t.file = "programme_lines.csv";
  t.title = "Linee di programmazione DUP";
  t.columns = {
      Col("code", "Linea", Datatype::kString, true),
      Col("title", "Obiettivo operativo", Datatype::kString, true),
      Col("dimension", "Dimensione benessere", Datatype::kString, false),
      Col("managers", "Dirigenti", Datatype::kString, false, kListSeparator),
      Col("indicators", "Indicatori", Datatype::kInteger, true),
  };
  AddOutcomeColumns(&t.columns);
  t.primary_key = {"code"};
  for (const v1::LineResult& l : report.lines()) {
    t.rows.push_back({l.code(), l.title(), Dimension(l.dimension()),
                      absl::StrJoin(l.managers(), kListSeparator),
                      absl::StrCat(l.indicator_codes_size()),
                      LineOutcomeLabel(l.computed()),
                      Validated(l.validated(), LineOutcomeLabel),
                      LineOutcomeLabel(l.final()), l.justification()});
  }
  return t;
}

Table Objectives(const v1::Report& report) {
  Table t;
  t.file = "executive_objectives.csv";
  t.title = "Obiettivi esecutivi (performance)";
  t.columns = {
      Col("code", "Codice", Datatype::kString, true),
      Col("title", "Obiettivo esecutivo", Datatype::kString, true),
      Col("line_code", "Linea", Datatype::kString, false),
      Col("dimension", "Dimensione benessere", Datatype::kString, false),
      Col("manager", "Dirigente", Datatype::kString, false),
      Col("weight_text", "Peso obiettivo", Datatype::kString, false),
      Col("achieved_percent", "Valore rilevato (% di raggiungimento)",
          Datatype::kDecimal, false),
      Col("value_text", "Valore rilevato come scritto", Datatype::kString,
          false),
  };
  AddOutcomeColumns(&t.columns);
  t.primary_key = {"code"};
  // No foreign key to the lines: an objective may serve a line the DUP
  // tables do not hold (SG.00001 and 05.01.03 in the shipped data).
  for (const v1::ObjectiveResult& o : report.objectives()) {
    t.rows.push_back(
        {o.code(), o.title(), o.line_code(), Dimension(o.dimension()),
         o.manager(), o.weight_text(),
         o.value().has_number() ? DecimalText(o.value().number().value()) : "",
         ValueText(o.value()), ObjectiveOutcomeLabel(o.computed()),
         Validated(o.validated(), ObjectiveOutcomeLabel),
         ObjectiveOutcomeLabel(o.final()), o.justification()});
  }
  return t;
}

Table Weights(const v1::Report& report) {
  Table t;
  t.file = "objective_weights.csv";
  t.title = "Pesi degli obiettivi esecutivi per settore";
  t.columns = {
      Col("objective_code", "Obiettivo esecutivo", Datatype::kString, true),
      Col("sector", "Settore", Datatype::kString, true),
      Col("weight_percent", "Peso (%)", Datatype::kDecimal, true),
  };
  t.primary_key = {"objective_code", "sector"};
  t.foreign_keys = {{"objective_code", "executive_objectives.csv", "code"}};
  for (const v1::ObjectiveResult& o : report.objectives()) {
    for (const v1::SectorWeight& w : o.weights()) {
      t.rows.push_back({o.code(), w.sector(), DecimalText(w.percent())});
    }
  }
  return t;
}

// The outcome table as the appendix prints it: a row per kind of action, a
// count and a percentage per outcome column, the total.
Table OutcomeSummary(const v1::Report& report) {
  using report_internal::kOutcomeColumnCount;
  using report_internal::kOutcomeColumns;
  Table t;
  t.file = "outcome_summary.csv";
  t.title = "Esiti";
  t.columns = {Col("row", "Riga (chiave)", Datatype::kString, true),
               Col("label", "Riga", Datatype::kString, true)};
  for (v1::Outcome o : kOutcomeColumns) {
    const std::string key = OutcomeKey(o);
    const std::string label = OutcomeColumnLabel(o);
    t.columns.push_back(Col(key, label, Datatype::kInteger, true));
    t.columns.push_back(Col(absl::StrCat(key, "_percent"),
                            absl::StrCat(label, " %"), Datatype::kDecimal,
                            true));
  }
  t.columns.push_back(Col("total", std::string(kOutcomeTotalColumnLabel),
                          Datatype::kInteger, true));
  t.primary_key = {"row"};
  for (int i = 0; i < report.outcome_table_size(); ++i) {
    const v1::OutcomeRow& r = report.outcome_table(i);
    std::vector<std::string> row = {
        EnumKey(v1::OutcomeTableRow_Name(r.row()), "OUTCOME_TABLE_ROW_"),
        report_internal::OutcomeRowLabel(r, i)};
    for (int c = 0; c < kOutcomeColumnCount; ++c) {
      const v1::OutcomeCount count = report_internal::OutcomeCountAt(r, c);
      row.push_back(absl::StrCat(count.count()));
      row.push_back(DecimalText(count.percent()));
    }
    row.push_back(absl::StrCat(r.total()));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// The wellbeing-dimension table: lines, objectives and both per dimension,
// with the "Di cui" rows of sociale and the total.
Table DimensionSummary(const v1::Report& report) {
  Table t;
  t.file = "dimension_summary.csv";
  t.title = "Dimensioni del benessere";
  const std::string lines =
      DimensionColumnLabel(v1::DIMENSION_COLUMN_PROGRAMME_LINES);
  const std::string objectives =
      DimensionColumnLabel(v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES);
  const std::string total = DimensionColumnLabel(v1::DIMENSION_COLUMN_TOTAL);
  t.columns = {
      Col("row", "Riga (chiave)", Datatype::kString, true),
      Col("label", "Riga", Datatype::kString, true),
      Col("dimension", "Dimensione benessere", Datatype::kString, false),
      Col("sub_row", "Di cui", Datatype::kBoolean, true),
      Col("programme_lines", lines, Datatype::kInteger, true),
      Col("programme_lines_percent", absl::StrCat(lines, " %"),
          Datatype::kDecimal, true),
      Col("executive_objectives", objectives, Datatype::kInteger, true),
      Col("executive_objectives_percent", absl::StrCat(objectives, " %"),
          Datatype::kDecimal, true),
      Col("total", total, Datatype::kInteger, true),
      Col("total_percent", absl::StrCat(total, " %"), Datatype::kDecimal, true),
  };
  t.primary_key = {"row"};
  for (const v1::DimensionRow& r : report.dimension_table()) {
    std::string key = r.dimension() == v1::WELLBEING_DIMENSION_UNSPECIFIED
                          ? "total"
                          : EnumKey(v1::WellbeingDimension_Name(r.dimension()),
                                    "WELLBEING_DIMENSION_");
    if (r.sub_row()) key = absl::StrCat("of_which_", key);
    t.rows.push_back({key, report_internal::DimensionRowLabel(r),
                      Dimension(r.dimension()), r.sub_row() ? "true" : "false",
                      absl::StrCat(r.lines()), DecimalText(r.lines_percent()),
                      absl::StrCat(r.objectives()),
                      DecimalText(r.objectives_percent()),
                      absl::StrCat(r.total()), DecimalText(r.total_percent())});
  }
  return t;
}

}  // namespace

const char* DatatypeName(Datatype datatype) {
  switch (datatype) {
    case Datatype::kInteger:
      return "integer";
    case Datatype::kDecimal:
      return "decimal";
    case Datatype::kBoolean:
      return "boolean";
    case Datatype::kString:
      break;
  }
  return "string";
}

std::string DecimalText(double value) {
  // Values are bounded far below 1e300 (common/value_fit.h); the buffer fits
  // any finite double in fixed notation all the same.
  if (!std::isfinite(value)) return "";
  if (value == 0) return "0";  // also -0
  char buffer[400];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                    std::chars_format::fixed);
  if (error != std::errc()) return "";
  return std::string(buffer, end);
}

std::vector<Table> OpenDataTables(const v1::Report& report) {
  std::vector<Table> tables;
  tables.push_back(Indicators(report));
  tables.push_back(Lines(report));
  tables.push_back(Objectives(report));
  tables.push_back(Weights(report));
  tables.push_back(OutcomeSummary(report));
  tables.push_back(DimensionSummary(report));
  return tables;
}

std::string TableCsv(const Table& table) {
  std::string out;
  std::vector<std::string> header;
  for (const Column& c : table.columns) header.push_back(c.name);
  report_internal::AddCsvLine(&out, header);
  for (const std::vector<std::string>& row : table.rows) {
    report_internal::AddCsvLine(&out, row);
  }
  return out;
}

}  // namespace valore::cli::opendata
