#include "importer/data_folder.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/csv_reader.h"
#include "common/period.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "importer/data_folder_test_support.h"

namespace valore::import {
namespace {

namespace fs = std::filesystem;

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const std::string kShipped =
    std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023";

// A shipped CSV, read independently of the importer.
CsvTable Shipped(const std::string& name) {
  absl::StatusOr<CsvTable> t = ReadCsvFile(kShipped + "/" + name);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *std::move(t) : CsvTable();
}

bool Blank(const std::string& s) {
  return absl::StripAsciiWhitespace(s).empty();
}

// The shipped folder is read once for all the tests that look at it.
class ShippedFolderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<DataFolder> read = ReadDataFolder(kShipped);
    ASSERT_TRUE(read.ok()) << read.status();
    folder_ = new DataFolder(*std::move(read));
  }
  static void TearDownTestSuite() {
    delete folder_;
    folder_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(folder_, nullptr); }

  static DataFolder* folder_;
};

DataFolder* ShippedFolderTest::folder_ = nullptr;

TEST_F(ShippedFolderTest, Counts) {
  const v1::Catalog& c = folder_->catalog;
  std::vector<std::string> ids;
  for (const v1::Entity& e : c.entities()) ids.push_back(e.id());
  EXPECT_THAT(ids, UnorderedElementsAre("unione", "campogalliano", "carpi",
                                        "novi-di-modena", "soliera"));
  EXPECT_EQ(c.lines_size(), 38);
  int dup = 0;
  for (const v1::Indicator& ind : c.indicators()) {
    if (!ind.line_code().empty()) ++dup;
  }
  EXPECT_EQ(dup, 118);
  EXPECT_EQ(c.executive_objectives_size(), 66);
}

// Every actual of the shipped appendix is sent as written and read by the
// one parser (common/value_parser.h) into a value that fits its item, so
// that the import stores all of them.
TEST_F(ShippedFolderTest, EveryActualIsReadAndFitsItsItem) {
  int checked = 0;
  for (const v1::Measurement& m : folder_->measurements) {
    EXPECT_FALSE(m.has_value()) << m.item() << ": the service parses values";
    ASSERT_FALSE(m.value_text().empty()) << m.entity() << " " << m.item();
    const absl::StatusOr<v1::Value> value = AsRead(*folder_, m);
    EXPECT_TRUE(value.ok()) << m.entity() << " " << m.item() << " "
                            << m.period() << ": " << value.status();
    if (value.ok()) {
      EXPECT_EQ(value->display(), m.value_text());
      EXPECT_NE(value->kind_case(), v1::Value::KIND_NOT_SET);
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(folder_->measurements.size()));
  EXPECT_GT(checked, 200);
}

TEST_F(ShippedFolderTest, EveryDupIndicatorHasItsTarget) {
  const CsvTable csv = Shipped("dup_indicators.csv");
  ASSERT_EQ(csv.rows.size(), 118u);
  for (const CsvRow& row : csv.rows) {
    const std::string code = csv.Get(row, "indicatore_code");
    const v1::Indicator* ind = FindIndicator(folder_->catalog, code);
    ASSERT_NE(ind, nullptr) << code;
    const v1::YearlyTarget* y = FindTarget(*ind, 2023, "");
    ASSERT_NE(y, nullptr) << code;
    EXPECT_EQ(y->target().text(), csv.Get(row, "target_2023")) << code;
    // The line is the one the row's hierarchy cells name.
    EXPECT_EQ(ind->line_code(),
              absl::StrCat(csv.Get(row, "indirizzo_code"), ".",
                           csv.Get(row, "obiettivo_strategico_code"), ".",
                           csv.Get(row, "obiettivo_operativo_code")))
        << code;
  }
}

TEST_F(ShippedFolderTest, ActualsAreUnionMeasurementsOf2023S2) {
  const CsvTable csv = Shipped("dup_indicators.csv");
  int with_actual = 0;
  for (const CsvRow& row : csv.rows) {
    const std::string actual = csv.Get(row, "consuntivo_2023");
    if (Blank(actual)) continue;
    ++with_actual;
    const std::string code = csv.Get(row, "indicatore_code");
    const v1::Measurement* m =
        FindMeasurement(*folder_, "unione", code, "2023S2");
    ASSERT_NE(m, nullptr) << code;
    EXPECT_EQ(m->value_text(), actual) << code;
  }
  EXPECT_GT(with_actual, 0);
}

TEST_F(ShippedFolderTest, ValidatedOutcomesCountEveryOutcomeCell) {
  int indicators = 0;
  int lines = 0;
  int objectives = 0;
  const CsvTable ind = Shipped("dup_indicators.csv");
  for (const CsvRow& row : ind.rows) {
    if (!Blank(ind.Get(row, "andamento_indicatore"))) ++indicators;
  }
  const CsvTable lin = Shipped("dup_lines.csv");
  for (const CsvRow& row : lin.rows) {
    if (!Blank(lin.Get(row, "andamento_linea"))) ++lines;
  }
  const CsvTable obj = Shipped("performance_objectives.csv");
  for (const CsvRow& row : obj.rows) {
    if (!Blank(obj.Get(row, "esito"))) ++objectives;
  }
  EXPECT_EQ(lines, 38);
  EXPECT_EQ(objectives, 66);
  // 00108 and 00119 have lost their outcome cell (NOTES.md).
  EXPECT_EQ(indicators, 116);

  std::map<v1::ItemType, int> by_type;
  for (const v1::ValidatedOutcome& v : folder_->validated_outcomes) {
    ++by_type[v.item_type()];
    EXPECT_EQ(v.period(), "2023S2") << v.item();
    EXPECT_NE(v.outcome(), v1::OUTCOME_UNSPECIFIED) << v.item();
  }
  EXPECT_EQ(folder_->validated_outcomes.size(),
            static_cast<size_t>(indicators + lines + objectives));
  EXPECT_EQ(by_type[v1::ITEM_TYPE_INDICATOR], indicators);
  EXPECT_EQ(by_type[v1::ITEM_TYPE_PROGRAMME_LINE], lines);
  EXPECT_EQ(by_type[v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE], objectives);
  EXPECT_EQ(FindValidated(*folder_, "00108", "2023S2"), nullptr);
  EXPECT_EQ(FindValidated(*folder_, "00119", "2023S2"), nullptr);
}

TEST_F(ShippedFolderTest, FootnotesJustifyTheirOutcomes) {
  const CsvTable csv = Shipped("justifications.csv");
  std::map<std::string, std::string> expected;
  for (const CsvRow& row : csv.rows) {
    expected[csv.Get(row, "code")] = csv.Get(row, "justification");
  }
  ASSERT_EQ(expected.size(), 2u);
  for (const char* code : {"00040", "00043"}) {
    const v1::ValidatedOutcome* v = FindValidated(*folder_, code, "2023S2");
    ASSERT_NE(v, nullptr) << code;
    EXPECT_EQ(v->item_type(), v1::ITEM_TYPE_INDICATOR);
    EXPECT_EQ(v->justification(), expected[code]) << code;
    EXPECT_THAT(v->justification(), HasSubstr(code));
  }
  // 00040: grants paid by third parties; 00043: owners unwilling to rent.
  EXPECT_THAT(FindValidated(*folder_, "00040", "2023S2")->justification(),
              HasSubstr("Enti terzi"));
  EXPECT_THAT(FindValidated(*folder_, "00043", "2023S2")->justification(),
              HasSubstr("proprietari"));
  int justified = 0;
  for (const v1::ValidatedOutcome& v : folder_->validated_outcomes) {
    if (!v.justification().empty()) ++justified;
  }
  EXPECT_EQ(justified, 2);
}

TEST_F(ShippedFolderTest, EverySectorWeighsOneHundred) {
  std::map<std::string, double> sum;
  for (const v1::ExecutiveObjective& o :
       folder_->catalog.executive_objectives()) {
    EXPECT_GT(o.weights_size(), 0) << o.code();
    for (const v1::SectorWeight& w : o.weights())
      sum[w.sector()] += w.percent();
  }
  for (const char* sector :
       {"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "DG"}) {
    EXPECT_NEAR(sum[sector], 100, 1e-9) << sector;
  }
  // Every weighted sector is one of the catalog's sectors.
  std::set<std::string> sectors;
  for (const v1::Sector& s : folder_->catalog.sectors())
    sectors.insert(s.code());
  for (const auto& [sector, total] : sum) {
    EXPECT_EQ(sectors.count(sector), 1u) << sector;
  }
}

TEST_F(ShippedFolderTest, SharedAndSplitWeights) {
  const v1::ExecutiveObjective* sg =
      FindObjective(folder_->catalog, "SG.00001");
  ASSERT_NE(sg, nullptr);
  std::map<std::string, double> weights;
  for (const v1::SectorWeight& w : sg->weights()) {
    EXPECT_TRUE(weights.emplace(w.sector(), w.percent()).second) << w.sector();
  }
  EXPECT_EQ(weights.size(), 9u);
  EXPECT_EQ(weights["S1"], 15);
  for (const char* s : {"S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"}) {
    EXPECT_EQ(weights[s], 5) << s;
  }
  EXPECT_EQ(weights.count("DG"), 0u);
  EXPECT_EQ(sg->weight_text(),
            "== (15% Settore Affari generali, 5% altri settori)");

  // A shared objective counts for the first sector of its code.
  const v1::ExecutiveObjective* dg =
      FindObjective(folder_->catalog, "DG.00005/S4.00004");
  ASSERT_NE(dg, nullptr);
  ASSERT_EQ(dg->weights_size(), 1);
  EXPECT_EQ(dg->weights(0).sector(), "DG");
  EXPECT_EQ(dg->weights(0).percent(), 10);
  const v1::ExecutiveObjective* s4 =
      FindObjective(folder_->catalog, "S4.00004/DG.00005");
  ASSERT_NE(s4, nullptr);
  ASSERT_EQ(s4->weights_size(), 1);
  EXPECT_EQ(s4->weights(0).sector(), "S4");
  EXPECT_EQ(s4->weights(0).percent(), 20);
}

TEST_F(ShippedFolderTest, EntityFiguresRollUpToTheirTotals) {
  const CsvTable csv = Shipped("entity_figures.csv");
  std::set<std::string> figures;
  std::map<std::string, double> totals;
  for (const CsvRow& row : csv.rows) {
    figures.insert(csv.Get(row, "figure"));
    if (csv.Get(row, "entity") == "totale") {
      totals[csv.Get(row, "figure")] = std::stod(csv.Get(row, "value"));
    }
  }
  ASSERT_EQ(figures.size(), 4u);
  ASSERT_EQ(totals.size(), 3u);

  for (const std::string& figure : figures) {
    const v1::Indicator* ind = FindIndicator(folder_->catalog, figure);
    ASSERT_NE(ind, nullptr) << figure;
    EXPECT_EQ(ind->rollup(), v1::ROLLUP_SUM) << figure;
    EXPECT_TRUE(ind->line_code().empty()) << figure;
    EXPECT_FALSE(ind->section().empty()) << figure;
  }

  // The published totals, by figure.
  std::map<std::string, double> published;
  for (const v1::PublishedFigure& f : folder_->published["2023S2"]) {
    if (f.table() == v1::FIGURE_TABLE_ENTITY_FIGURES) {
      published[f.indicator()] = f.count();
    }
  }
  EXPECT_EQ(published, totals);

  for (const auto& [figure, total] : totals) {
    double sum = 0;
    for (const char* entity :
         {"unione", "campogalliano", "carpi", "novi-di-modena", "soliera"}) {
      if (const v1::Measurement* m =
              FindMeasurement(*folder_, entity, figure, "2023S2")) {
        const absl::StatusOr<v1::Value> value = AsRead(*folder_, *m);
        ASSERT_TRUE(value.ok() && value->has_number())
            << figure << " " << entity << " " << m->value_text();
        sum += value->number().value();
      }
    }
    EXPECT_EQ(sum, published[figure]) << figure;
  }

  // Carpi's own SPID figure, as the CSV gives it.
  const v1::Measurement* carpi = FindMeasurement(
      *folder_, "carpi", "identita_spid_rilasciate_sportelli", "2023S2");
  ASSERT_NE(carpi, nullptr);
  EXPECT_EQ(AsRead(*folder_, *carpi)->number().value(), 3922);
  // No figure row names "totale" as an entity.
  for (const v1::Measurement& m : folder_->measurements) {
    EXPECT_NE(m.entity(), "totale");
    EXPECT_FALSE(m.entity().empty()) << m.item();
  }
}

TEST_F(ShippedFolderTest, SummaryTablesArePublishedFor2023S2) {
  const CsvTable csv = Shipped("summary_expected.csv");
  ASSERT_EQ(csv.rows.size(), 48u);
  int summary = 0;
  bool found = false;
  for (const v1::PublishedFigure& f : folder_->published["2023S2"]) {
    if (f.table() == v1::FIGURE_TABLE_ENTITY_FIGURES) continue;
    ++summary;
    if (f.table() == v1::FIGURE_TABLE_OUTCOMES &&
        f.outcome_row() == v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES &&
        f.outcome_column() == v1::OUTCOME_NOT_ACHIEVED) {
      found = true;
      EXPECT_EQ(f.count(), 2);
      ASSERT_TRUE(f.has_percent());
      EXPECT_DOUBLE_EQ(f.percent(), 4.65);  // printed "4,65%"
    }
  }
  EXPECT_EQ(summary, 48);
  EXPECT_TRUE(found);
  // Every published figure is of the 2023 close.
  for (const auto& [period, list] : folder_->published) {
    EXPECT_EQ(period, "2023S2");
  }
}

TEST_F(ShippedFolderTest, LavoroAgileIndicators) {
  int count = 0;
  for (const v1::Indicator& ind : folder_->catalog.indicators()) {
    if (ind.section().rfind("Lavoro agile", 0) != 0) continue;
    ++count;
    EXPECT_TRUE(ind.line_code().empty()) << ind.code();
    EXPECT_NE(FindTarget(ind, 2023, ""), nullptr) << ind.code();
    EXPECT_NE(FindTarget(ind, 2024, ""), nullptr) << ind.code();
  }
  EXPECT_EQ(count, 5);
}

// A data folder written for one test, removed afterwards.
}  // namespace
}  // namespace valore::import
