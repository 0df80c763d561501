#include "common/figure_labels.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "common/error_details.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

// Every cell the shipped appendix publishes reads into a typed cell that is
// shown with the same words.
TEST(FigureLabelsTest, EveryPublishedCellRoundTrips) {
  absl::StatusOr<CsvTable> table = ReadCsvFile(absl::StrCat(
      VALORE_SOURCE_DIR, "/data/terre-d-argine-2023/summary_expected.csv"));
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_GT(table->rows.size(), 30u);
  for (const CsvRow& row : table->rows) {
    const std::string t = table->Get(row, "table");
    const std::string r = table->Get(row, "row");
    const std::string c = table->Get(row, "column");
    absl::StatusOr<v1::PublishedFigure> cell = ParseFigureCell(t, r, c);
    ASSERT_TRUE(cell.ok()) << t << " · " << r << " · " << c << ": "
                           << cell.status();
    const FigureCellLabels shown = LabelsOf(*cell);
    EXPECT_EQ(shown.table, t);
    EXPECT_EQ(shown.row, r);
    EXPECT_EQ(shown.column, c);
  }
}

TEST(FigureLabelsTest, CellsAreTyped) {
  absl::StatusOr<v1::PublishedFigure> raggiunto = ParseFigureCell(
      "esiti", "Totale complessivo DUP (linea programmazione)", "Raggiunto");
  ASSERT_TRUE(raggiunto.ok());
  EXPECT_EQ(raggiunto->table(), v1::FIGURE_TABLE_OUTCOMES);
  EXPECT_EQ(raggiunto->outcome_row(), v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  EXPECT_EQ(raggiunto->outcome_column(), v1::OUTCOME_ACHIEVED);

  absl::StatusOr<v1::PublishedFigure> social = ParseFigureCell(
      "dimensioni", "Di cui: sociale (sociale)", "Performance (obiettivi)");
  ASSERT_TRUE(social.ok());
  EXPECT_EQ(social->dimension(), v1::WELLBEING_DIMENSION_SOCIAL);
  EXPECT_TRUE(social->dimension_sub_row());
  EXPECT_EQ(social->dimension_column(),
            v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES);

  absl::StatusOr<v1::PublishedFigure> total =
      ParseFigureCell("dimensioni", "Totale", "Totale");
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->dimension(), v1::WELLBEING_DIMENSION_UNSPECIFIED);
  EXPECT_FALSE(total->dimension_sub_row());

  absl::StatusOr<v1::PublishedFigure> figure =
      ParseFigureCell("entity_figures", "00002", "totale");
  ASSERT_TRUE(figure.ok());
  EXPECT_EQ(figure->indicator(), "00002");
  EXPECT_EQ(LabelsOf(*figure).column, "totale");
}

TEST(FigureLabelsTest, UnknownWordsNameTheirField) {
  for (const auto& [t, r, c, field] : std::vector<std::array<std::string, 4>>{
           {"totali", "x", "y", "table"},
           {"esiti", "Totale DUP", "Raggiunto", "row"},
           {"esiti", "Totale complessivo azioni", "Raggiunti", "column"},
           {"dimensioni", "spirituale", "Totale", "row"},
           {"dimensioni", "sociale", "DUP", "column"},
           {"entity_figures", "", "", "row"},
           {"entity_figures", "00002", "Raggiunto", "column"}}) {
    absl::StatusOr<v1::PublishedFigure> cell = ParseFigureCell(t, r, c);
    ASSERT_FALSE(cell.ok()) << t << r << c;
    EXPECT_EQ(cell.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(cell.status().message(), field))
        << cell.status();
  }
}

TEST(OutcomeColumnIndexTest, EveryOutcomeHasItsColumn) {
  for (size_t i = 0; i < kOutcomeTableColumns.size(); ++i) {
    EXPECT_EQ(OutcomeColumnIndex(kOutcomeTableColumns[i]), static_cast<int>(i));
  }
  EXPECT_EQ(OutcomeColumnIndex(v1::OUTCOME_UNSPECIFIED),
            OutcomeColumnIndex(v1::OUTCOME_NOT_ASSESSABLE));
}

}  // namespace
}  // namespace valore
