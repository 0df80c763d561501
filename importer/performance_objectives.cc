// The performance plan: sectors.csv (the sectors) and
// performance_objectives.csv (executive objectives, weights, % achieved and
// outcomes).
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/period.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

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
      AddMeasurement(b, b.UnionEntity(), o.code(), period, Trim(value_text), "",
                     file, row.number);
    }
    AddValidated(b, v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code(), period,
                 table.Get(row, "esito"), file, row.number);
    b.objectives.emplace(o.code(), b.out.catalog.executive_objectives_size());
    *b.out.catalog.add_executive_objectives() = std::move(o);
  }
}

}  // namespace valore::import::internal
