#include "importer/data_folder.h"

// Reading folders written for the purpose: the minimal folder, the files of
// DESIGN §10 (targets.csv, measurements.csv, indicator_rules.csv) and the
// problems each reports with its file and row.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "importer/data_folder_test_support.h"

namespace valore::import {
namespace {

namespace fs = std::filesystem;

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::path(::testing::TempDir()) /
            absl::StrCat("data_folder_test_", info->test_suite_name(), "_",
                         info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream out(path_ / name, std::ios::binary);
    out << content;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

constexpr char kLines[] =
    "indirizzo_code,obiettivo_strategico_code,obiettivo_operativo_code,"
    "obiettivo_operativo,dimensione_linea,dirigente,andamento_linea\n"
    "01,01,01,Nidi,educativa,Anna Rossi,Raggiunto\n";

constexpr char kIndicatorsHeader[] =
    "indirizzo_code,indirizzo,obiettivo_strategico_code,obiettivo_strategico,"
    "obiettivo_operativo_code,dimensione_indicatore,dirigente,indicatore_code,"
    "indicatore,target_2023,consuntivo_2023,andamento_indicatore\n";

// Two indicators of line 01.01.01.
std::string Indicators() {
  return absl::StrCat(kIndicatorsHeader,
                      "01,SCUOLA,01,Servizi 0-6,01,educativa,Anna Rossi,00002,"
                      "% domande accolte,> 85%,\"80,5%\",quasi raggiunto\n",
                      "01,SCUOLA,01,Servizi 0-6,01,educativa,Anna Rossi,00003,"
                      "N. iscritti,≥ 100,120,raggiunto\n");
}

// A folder with a line and two indicators, which reads without problems.
void WriteMinimal(TempFolder& t) {
  t.Write("dup_lines.csv", kLines);
  t.Write("dup_indicators.csv", Indicators());
}

TEST(ReadDataFolderTest, MinimalFolder) {
  TempFolder t;
  WriteMinimal(t);
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->catalog.entities_size(), 5);
  ASSERT_EQ(f->catalog.lines_size(), 1);
  EXPECT_EQ(f->catalog.lines(0).code(), "01.01.01");
  EXPECT_EQ(f->catalog.lines(0).dimension(),
            v1::WELLBEING_DIMENSION_EDUCATIONAL);
  ASSERT_EQ(f->catalog.indicators_size(), 2);
  EXPECT_EQ(f->catalog.indicators(1).source().file(), "dup_indicators.csv");
  EXPECT_EQ(f->catalog.indicators(1).source().row(), 2);
  EXPECT_EQ(f->measurements.size(), 2u);
  // Two indicator outcomes and one line outcome.
  EXPECT_EQ(f->validated_outcomes.size(), 3u);
}

TEST(ReadDataFolderTest, MissingFolderIsNotFound) {
  const std::string dir = ::testing::TempDir() + "/no_such_valore_folder";
  absl::StatusOr<DataFolder> f = ReadDataFolder(dir);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(f.status().message(), HasSubstr(dir));
}

TEST(ReadDataFolderTest, FolderWithNoKnownFile) {
  TempFolder t;
  t.Write("readme.txt", "nothing here\n");
  t.Write("other.csv", "a,b\n1,2\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReadDataFolderTest, BadDimensionNamesFileAndRow) {
  TempFolder t;
  t.Write("dup_lines.csv", kLines);
  t.Write("dup_indicators.csv",
          absl::StrCat(kIndicatorsHeader,
                       "01,SCUOLA,01,Servizi 0-6,01,educativa,Anna Rossi,"
                       "00002,% domande,> 85%,80%,raggiunto\n",
                       "01,SCUOLA,01,Servizi 0-6,01,foo,Anna Rossi,"
                       "00003,N. iscritti,≥ 100,120,raggiunto\n"));
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(f.status().message(), HasSubstr("dup_indicators.csv row 2"));
  EXPECT_THAT(f.status().message(), HasSubstr("\"foo\""));
  EXPECT_THAT(f.status().message(), Not(HasSubstr("row 1")));
}

TEST(ReadDataFolderTest, MissingRequiredColumn) {
  TempFolder t;
  // dup_lines.csv without its dimension column.
  t.Write("dup_lines.csv",
          "indirizzo_code,obiettivo_strategico_code,obiettivo_operativo_code,"
          "obiettivo_operativo,dirigente\n"
          "01,01,01,Nidi,Anna Rossi\n");
  t.Write("dup_indicators.csv", Indicators());
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(f.status().message(), HasSubstr("dup_lines.csv"));
  EXPECT_THAT(f.status().message(), HasSubstr("\"dimensione_linea\""));
}

TEST(ReadDataFolderTest, MeasurementProblemsAreAllListed) {
  TempFolder t;
  WriteMinimal(t);
  t.Write("measurements.csv",
          "entity,code,period,value,note\n"
          "carpi,00003,2024S1,12,\n"
          "modena,00002,2024S1,\"81,0%\",\n"
          "soliera,00002,2024S3,\"82,0%\",\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(f.status().message());
  EXPECT_THAT(message, HasSubstr("2 problem"));
  EXPECT_THAT(message, HasSubstr("measurements.csv row 2"));
  EXPECT_THAT(message, HasSubstr("\"modena\""));
  EXPECT_THAT(message, HasSubstr("measurements.csv row 3"));
  EXPECT_THAT(message, HasSubstr("\"2024S3\""));
}

TEST(ReadDataFolderTest, MeasurementsAreAdded) {
  TempFolder t;
  WriteMinimal(t);
  t.Write("measurements.csv",
          "entity,code,period,value,note\n"
          "Carpi,00003,2024S1,12,primo semestre\n"
          "novi-di-modena,00002,2024S2,Non rilevabile,\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_TRUE(f.ok()) << f.status();
  const v1::Measurement* carpi =
      FindMeasurement(*f, "carpi", "00003", "2024S1");
  ASSERT_NE(carpi, nullptr);
  EXPECT_EQ(carpi->value_text(), "12");
  EXPECT_EQ(AsRead(*f, *carpi)->number().value(), 12);
  EXPECT_EQ(carpi->note(), "primo semestre");
  const v1::Measurement* novi =
      FindMeasurement(*f, "novi-di-modena", "00002", "2024S2");
  ASSERT_NE(novi, nullptr);
  EXPECT_TRUE(AsRead(*f, *novi)->has_not_measurable());
}

TEST(ReadDataFolderTest, IndicatorRulesOverrideDefaults) {
  TempFolder t;
  WriteMinimal(t);
  {
    absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
    ASSERT_TRUE(f.ok()) << f.status();
    // Defaults (DESIGN §3): a count is a flow, anything else a level; only
    // the Union's own value.
    const v1::Indicator* rate = FindIndicator(f->catalog, "00002");
    const v1::Indicator* count = FindIndicator(f->catalog, "00003");
    EXPECT_EQ(rate->kind(), v1::INDICATOR_KIND_LEVEL);
    EXPECT_EQ(count->kind(), v1::INDICATOR_KIND_FLOW);
    EXPECT_EQ(rate->rollup(), v1::ROLLUP_NONE);
    EXPECT_EQ(count->rollup(), v1::ROLLUP_NONE);
  }
  t.Write("indicator_rules.csv",
          "code,kind,rollup,unit\n"
          "00002,flow,mean,euro\n"
          "00003,level,count_meeting,\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_TRUE(f.ok()) << f.status();
  const v1::Indicator* rate = FindIndicator(f->catalog, "00002");
  EXPECT_EQ(rate->kind(), v1::INDICATOR_KIND_FLOW);
  EXPECT_EQ(rate->rollup(), v1::ROLLUP_MEAN);
  EXPECT_EQ(rate->unit(), v1::UNIT_EURO);
  const v1::Indicator* count = FindIndicator(f->catalog, "00003");
  EXPECT_EQ(count->kind(), v1::INDICATOR_KIND_LEVEL);
  EXPECT_EQ(count->rollup(), v1::ROLLUP_COUNT_MEETING);
  // The omitted unit keeps its default.
  EXPECT_EQ(count->unit(), v1::UNIT_COUNT);
}

TEST(ReadDataFolderTest, BadRollupIsReported) {
  TempFolder t;
  WriteMinimal(t);
  t.Write("indicator_rules.csv",
          "code,kind,rollup,unit\n"
          "00002,level,sum,percent\n"
          "00003,flow,average,count\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(f.status().message(), HasSubstr("indicator_rules.csv row 2"));
  EXPECT_THAT(f.status().message(), HasSubstr("\"average\""));
  EXPECT_THAT(f.status().message(), HasSubstr("1 problem"));
}

TEST(ReadDataFolderTest, TargetsAddYearsAndEntityTargets) {
  TempFolder t;
  WriteMinimal(t);
  t.Write("targets.csv",
          "code,year,target,entity\n"
          "00002,2024,≥ 90%,\n"
          "00002,2024,≥ 70%,Novi di Modena\n"
          "00003,2024,≥ 12,carpi\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_TRUE(f.ok()) << f.status();
  const v1::Indicator* rate = FindIndicator(f->catalog, "00002");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(rate->targets_size(), 3);
  const v1::YearlyTarget* y2023 = FindTarget(*rate, 2023, "");
  ASSERT_NE(y2023, nullptr);
  EXPECT_EQ(y2023->target().text(), "> 85%");
  const v1::YearlyTarget* y2024 = FindTarget(*rate, 2024, "");
  ASSERT_NE(y2024, nullptr);
  EXPECT_EQ(y2024->target().text(), "≥ 90%");
  EXPECT_TRUE(y2024->target().has_threshold());
  ASSERT_EQ(y2024->target().threshold().components_size(), 1);
  EXPECT_EQ(y2024->target().threshold().components(0).threshold().value(), 90);
  const v1::YearlyTarget* novi = FindTarget(*rate, 2024, "novi-di-modena");
  ASSERT_NE(novi, nullptr);
  EXPECT_EQ(novi->target().text(), "≥ 70%");

  const v1::Indicator* count = FindIndicator(f->catalog, "00003");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->targets_size(), 2);
  const v1::YearlyTarget* carpi = FindTarget(*count, 2024, "carpi");
  ASSERT_NE(carpi, nullptr);
  EXPECT_EQ(carpi->target().threshold().components(0).threshold().value(), 12);
}

TEST(ReadDataFolderTest, TargetForUnknownEntityOrIndicator) {
  TempFolder t;
  WriteMinimal(t);
  t.Write("targets.csv",
          "code,year,target,entity\n"
          "00002,2024,≥ 90%,Modena\n"
          "00099,2024,≥ 90%,\n");
  absl::StatusOr<DataFolder> f = ReadDataFolder(t.path());
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.status().message(), HasSubstr("targets.csv row 1"));
  EXPECT_THAT(f.status().message(), HasSubstr("\"Modena\""));
  EXPECT_THAT(f.status().message(), HasSubstr("targets.csv row 2"));
  EXPECT_THAT(f.status().message(), HasSubstr("\"00099\""));
}

TEST(EntityIdOfTest, Names) {
  EXPECT_EQ(EntityIdOf("Novi di Modena"), "novi-di-modena");
  EXPECT_EQ(EntityIdOf("Carpi"), "carpi");
  EXPECT_EQ(EntityIdOf("  Soliera "), "soliera");
  EXPECT_EQ(EntityIdOf("Unione delle Terre d'Argine"),
            "unione-delle-terre-d-argine");
  EXPECT_EQ(EntityIdOf(""), "");
}

}  // namespace
}  // namespace valore::import
