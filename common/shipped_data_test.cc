// Parses every target and actual of the shipped Terre d'Argine 2023 data.
#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/target_parser.h"
#include "common/value_parser.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

constexpr int kIndicatorRows = 118;

class ShippedIndicatorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<CsvTable> table = ReadCsvFile(absl::StrCat(
        VALORE_SOURCE_DIR, "/data/terre-d-argine-2023/dup_indicators.csv"));
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = new CsvTable(*std::move(table));
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }

  static std::string Code(const CsvRow& row) {
    return table_->Get(row, "indicatore_code");
  }
  static v1::Target TargetOf(const CsvRow& row) {
    absl::StatusOr<v1::Target> target =
        ParseTarget(table_->Get(row, "target_2023"));
    EXPECT_TRUE(target.ok()) << Code(row) << ": " << target.status();
    return target.value_or(v1::Target());
  }

  static CsvTable* table_;
};

CsvTable* ShippedIndicatorsTest::table_ = nullptr;

bool HasDigit(absl::string_view text) {
  for (char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

TEST_F(ShippedIndicatorsTest, HasTheDocumentedShape) {
  ASSERT_NE(table_, nullptr);
  EXPECT_EQ(table_->rows.size(), kIndicatorRows);
  for (absl::string_view column : {"indicatore_code", "target_2023",
                                   "consuntivo_2023", "andamento_indicatore"}) {
    EXPECT_GE(table_->Column(column), 0) << column;
  }
}

TEST_F(ShippedIndicatorsTest, EveryTargetHasAForm) {
  ASSERT_NE(table_, nullptr);
  for (const CsvRow& row : table_->rows) {
    const std::string& text = table_->Get(row, "target_2023");
    const v1::Target target = TargetOf(row);
    SCOPED_TRACE(absl::StrCat(Code(row), " \"", text, "\""));
    EXPECT_NE(target.form_case(), v1::Target::FORM_NOT_SET);
    EXPECT_EQ(target.text(), text);
    EXPECT_EQ(target.has_none(), text == "==");
    if (!HasDigit(text) && text != "==") {
      EXPECT_EQ(target.form_case(), v1::Target::kQualitative);
    }
    if (target.has_threshold()) {
      EXPECT_GT(target.threshold().components_size(), 0);
    }
  }
}

TEST_F(ShippedIndicatorsTest, KnownForms) {
  ASSERT_NE(table_, nullptr);
  const std::map<std::string, int> composite = {
      {"00003", 2}, {"00093", 2}, {"00007", 2}, {"00009", 3},
      {"00012", 3}, {"00129", 3}, {"00130", 3}};
  const std::set<std::string> bands = {"00067", "00084", "00088"};
  std::set<std::string> seen;
  for (const CsvRow& row : table_->rows) {
    const std::string code = Code(row);
    const v1::Target target = TargetOf(row);
    SCOPED_TRACE(code);
    if (auto it = composite.find(code); it != composite.end()) {
      EXPECT_EQ(target.form_case(), v1::Target::kThreshold);
      EXPECT_EQ(target.threshold().components_size(), it->second);
      seen.insert(code);
    } else if (bands.count(code) > 0) {
      EXPECT_EQ(target.form_case(), v1::Target::kBand);
      EXPECT_EQ(target.band().width(), 3);
      seen.insert(code);
    } else if (code == "00072") {
      EXPECT_EQ(target.form_case(), v1::Target::kEntityCount);
      EXPECT_EQ(target.entity_count().required(), 5);
      seen.insert(code);
    } else if (code == "00132") {
      // "… del PUG (50%)": the only number is in the note.
      EXPECT_EQ(target.form_case(), v1::Target::kQualitative);
      EXPECT_EQ(target.note(), "50%");
      seen.insert(code);
    } else if (target.has_threshold()) {
      EXPECT_EQ(target.threshold().components_size(), 1);
    }
  }
  EXPECT_EQ(seen.size(), composite.size() + bands.size() + 2);
}

// 00123 is marked "raggiunto" with the actual "Non rilevabile" (see the
// dataset's NOTES.md): the one documented exception.
TEST_F(ShippedIndicatorsTest, AchievedSingleThresholdsHaveNumericActuals) {
  ASSERT_NE(table_, nullptr);
  int checked = 0;
  for (const CsvRow& row : table_->rows) {
    const std::string& outcome = table_->Get(row, "andamento_indicatore");
    if (outcome != "raggiunto" && outcome != "quasi raggiunto") continue;
    const v1::Target target = TargetOf(row);
    if (!target.has_threshold() || target.threshold().components_size() != 1 ||
        Code(row) == "00123") {
      continue;
    }
    const std::string& actual = table_->Get(row, "consuntivo_2023");
    absl::StatusOr<v1::Value> value = ParseValue(actual, target);
    ASSERT_TRUE(value.ok()) << value.status();
    EXPECT_EQ(value->kind_case(), v1::Value::kNumber)
        << Code(row) << " \"" << actual << "\"";
    EXPECT_EQ(value->display(), actual);
    ++checked;
  }
  EXPECT_GT(checked, 70);
}

TEST_F(ShippedIndicatorsTest, CompositeActualsMatchTheirTargets) {
  ASSERT_NE(table_, nullptr);
  for (const CsvRow& row : table_->rows) {
    const v1::Target target = TargetOf(row);
    if (target.threshold().components_size() < 2) continue;
    const std::string& actual = table_->Get(row, "consuntivo_2023");
    absl::StatusOr<v1::Value> value = ParseValue(actual, target);
    ASSERT_TRUE(value.ok()) << value.status();
    ASSERT_EQ(value->kind_case(), v1::Value::kComposite)
        << Code(row) << " \"" << actual << "\"";
    EXPECT_EQ(value->composite().parts_size(),
              target.threshold().components_size());
  }
}

TEST_F(ShippedIndicatorsTest, NoTargetRowsHaveNoValue) {
  ASSERT_NE(table_, nullptr);
  for (const CsvRow& row : table_->rows) {
    const v1::Target target = TargetOf(row);
    if (!target.has_none()) continue;
    absl::StatusOr<v1::Value> value =
        ParseValue(table_->Get(row, "consuntivo_2023"), target);
    ASSERT_TRUE(value.ok());
    EXPECT_EQ(value->kind_case(), v1::Value::kNotMeasurable) << Code(row);
  }
}

}  // namespace
}  // namespace valore
