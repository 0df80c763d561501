// The open-data folder built from a small report: numbers with a '.'
// decimal mark, a CSV header that is the metadata's column list, JSON that
// parses, the same bytes from the same report, and options refused by name.
#include "cli/opendata/opendata.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/opendata/opendata_tables.h"
#include "common/csv_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::cli::opendata {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

TEST(DecimalTextTest, WritesPlainDecimalsWithADot) {
  EXPECT_EQ(DecimalText(80.5), "80.5");
  EXPECT_EQ(DecimalText(173), "173");
  EXPECT_EQ(DecimalText(-0.0), "0");
  EXPECT_EQ(DecimalText(1e12), "1000000000000");
  EXPECT_EQ(DecimalText(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(DecimalText(100.0 / 38), "2.6315789473684212");
}

v1::Report SmallReport() {
  v1::Report r;
  r.set_period("2024S1");
  v1::IndicatorResult* i = r.add_indicators();
  i->set_code("00009");
  i->set_title("Iscritti, scrutinati, promossi");
  i->set_line_code("01.01.01");
  i->set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  i->mutable_target()->set_text("≥ 750 iscritti; ≥ 650 scrutinati");
  v1::Value::Composite* parts = i->mutable_value()->mutable_composite();
  parts->add_parts()->set_value(624);
  parts->add_parts()->set_value(294.5);
  i->mutable_value()->set_display("624 iscritti 294,5 scrutinati");
  i->set_computed(v1::OUTCOME_NOT_ACHIEVED);
  i->set_validated(v1::OUTCOME_PARTLY_ACHIEVED);
  i->set_final(v1::OUTCOME_PARTLY_ACHIEVED);
  i->set_justification("Dato parziale, \"in corso\", da rivedere");
  v1::LineResult* l = r.add_lines();
  l->set_code("01.01.01");
  l->set_title("Nidi d'infanzia");
  l->add_managers("A. Rossi");
  l->add_managers("B. Bianchi");
  l->add_indicator_codes("00009");
  l->set_computed(v1::OUTCOME_PARTLY_ACHIEVED);
  l->set_final(v1::OUTCOME_PARTLY_ACHIEVED);
  v1::ObjectiveResult* o = r.add_objectives();
  o->set_code("DG.00005/S4.00004");
  o->set_title("Obiettivo condiviso");
  o->set_line_code("01.01.01");
  o->set_weight_text("10%");
  v1::SectorWeight* w = o->add_weights();
  w->set_sector("DG");
  w->set_percent(10);
  o->mutable_value()->mutable_number()->set_value(99.5);
  o->set_computed(v1::OUTCOME_PARTLY_ACHIEVED);
  o->set_final(v1::OUTCOME_PARTLY_ACHIEVED);
  v1::OutcomeRow* row = r.add_outcome_table();
  row->set_row(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  row->set_total(1);
  v1::OutcomeCount* c = row->add_counts();
  c->set_outcome(v1::OUTCOME_PARTLY_ACHIEVED);
  c->set_count(1);
  c->set_percent(100);
  v1::DimensionRow* d = r.add_dimension_table();
  d->set_dimension(v1::WELLBEING_DIMENSION_UNSPECIFIED);
  d->set_lines(1);
  d->set_lines_percent(100);
  d->set_total(1);
  d->set_total_percent(100);
  return r;
}

OpenDataOptions Options() {
  OpenDataOptions o;
  o.scope_name = "Unione delle Terre d'Argine e Comuni (complessivo)";
  o.scope_id = "union";
  o.publisher_name = "Unione delle Terre d'Argine";
  o.publisher_id = "unione";
  o.issued = absl::FromUnixSeconds(1704065400);  // 2024-01-01 00:30 Rome
  o.modified = o.issued;
  o.snapshot_version = 1;
  return o;
}

std::map<std::string, std::string> ByName(
    const std::vector<OpenDataFile>& files) {
  std::map<std::string, std::string> out;
  for (const OpenDataFile& f : files) out[f.name] = f.content;
  return out;
}

TEST(OpenDataTest, EveryTableIsDescribedColumnByColumn) {
  auto files = BuildOpenData(SmallReport(), Options());
  ASSERT_TRUE(files.ok()) << files.status();
  auto by_name = ByName(*files);
  const Json metadata = Json::parse(by_name.at("csv-metadata.json"));
  ASSERT_EQ(metadata["tables"].size(), 6u);
  for (const Json& table : metadata["tables"]) {
    const std::string file = table["url"];
    ASSERT_EQ(by_name.count(file), 1u) << file;
    auto csv = ParseCsv(by_name.at(file), file);
    ASSERT_TRUE(csv.ok()) << csv.status();
    std::vector<std::string> declared;
    for (const Json& c : table["tableSchema"]["columns"]) {
      declared.push_back(c["name"]);
      EXPECT_EQ(c["titles"].count("it"), 1u);
    }
    EXPECT_EQ(csv->header, declared) << file;
  }
}

TEST(OpenDataTest, CellsAreDataNotItalianText) {
  auto files = BuildOpenData(SmallReport(), Options());
  ASSERT_TRUE(files.ok());
  auto indicators = ParseCsv(ByName(*files).at("indicators.csv"), "i");
  ASSERT_TRUE(indicators.ok());
  ASSERT_EQ(indicators->rows.size(), 1u);
  const CsvRow& row = indicators->rows[0];
  EXPECT_EQ(indicators->Get(row, "value"), "624;294.5");
  EXPECT_EQ(indicators->Get(row, "value_text"),
            "624 iscritti 294,5 scrutinati");
  EXPECT_EQ(indicators->Get(row, "computed_outcome"), "non raggiunto");
  EXPECT_EQ(indicators->Get(row, "outcome"), "quasi raggiunto");
  EXPECT_EQ(indicators->Get(row, "justification"),
            "Dato parziale, \"in corso\", da rivedere");
  EXPECT_EQ(indicators->Get(row, "dimension"), "educativa");

  auto lines = ParseCsv(ByName(*files).at("programme_lines.csv"), "l");
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(lines->Get(lines->rows[0], "managers"), "A. Rossi;B. Bianchi");
  EXPECT_EQ(lines->Get(lines->rows[0], "validated_outcome"), "");

  auto weights = ParseCsv(ByName(*files).at("objective_weights.csv"), "w");
  ASSERT_TRUE(weights.ok());
  EXPECT_EQ(weights->Get(weights->rows[0], "objective_code"),
            "DG.00005/S4.00004");
  EXPECT_EQ(weights->Get(weights->rows[0], "weight_percent"), "10");
}

TEST(OpenDataTest, TheDcatDescriptionNamesEveryFileAndTheDates) {
  auto files = BuildOpenData(SmallReport(), Options());
  ASSERT_TRUE(files.ok());
  const Json dcat = Json::parse(ByName(*files).at("dcat.jsonld"));
  const Json& dataset = dcat["@graph"][0];
  EXPECT_EQ(dataset["dct:identifier"], "unione:valore-pubblico-2024S1-union");
  EXPECT_EQ(dataset["dct:modified"]["@value"], "2024-01-01");
  EXPECT_EQ(dataset["dct:temporal"]["schema:startDate"]["@value"],
            "2024-01-01");
  EXPECT_EQ(dataset["dct:temporal"]["schema:endDate"]["@value"], "2024-06-30");
  EXPECT_EQ(dataset["owl:versionInfo"], "1");
  EXPECT_EQ(dataset["dcat:distribution"].size(), files->size());
  EXPECT_EQ(dataset["dct:license"]["@id"], kDefaultLicense);
}

TEST(OpenDataTest, TheSameReportGivesTheSameBytes) {
  auto a = BuildOpenData(SmallReport(), Options());
  auto b = BuildOpenData(SmallReport(), Options());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(ByName(*a), ByName(*b));
}

TEST(OpenDataTest, OptionsAreCheckedByName) {
  OpenDataOptions o = Options();
  o.license = "CC BY 4.0";
  EXPECT_THAT(BuildOpenData(SmallReport(), o).status().message(),
              HasSubstr("--license"));
  o = Options();
  o.license = "https://creativecommons.org/publicdomain/zero/1.0/";
  auto files = BuildOpenData(SmallReport(), o);
  ASSERT_TRUE(files.ok());
  EXPECT_THAT(ByName(*files).at("dcat.jsonld"),
              HasSubstr("publicdomain/zero/1.0/"));
  o = Options();
  o.publisher_id = "";
  EXPECT_THAT(BuildOpenData(SmallReport(), o).status().message(),
              HasSubstr("--publisher_id"));
  o = Options();
  o.contact_email = "nessuno";
  EXPECT_THAT(BuildOpenData(SmallReport(), o).status().message(),
              HasSubstr("--contact_email"));
}

}  // namespace
}  // namespace valore::cli::opendata
