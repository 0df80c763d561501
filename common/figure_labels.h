// The appendix's summary tables as the document words them: row and column
// labels of the outcome table ("esiti") and of the wellbeing-dimension table
// ("dimensioni"), and the cells of published figures read from, and shown
// with, those words.
#ifndef VALORE_COMMON_FIGURE_LABELS_H_
#define VALORE_COMMON_FIGURE_LABELS_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/aggregation.pb.h"

namespace valore {

// The outcome table's columns, in the appendix's order; the last,
// "Totale complessivo", is not an outcome.
inline constexpr std::array<v1::Outcome, 5> kOutcomeTableColumns = {
    v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
    v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, v1::OUTCOME_PARTLY_ACHIEVED,
    v1::OUTCOME_ACHIEVED};

// The index in kOutcomeTableColumns of the column `outcome` is counted in;
// an unset or unknown outcome is "Non valutabile/ Altro" (index 0).
constexpr int OutcomeColumnIndex(v1::Outcome outcome) {
  for (size_t i = 0; i < kOutcomeTableColumns.size(); ++i) {
    if (kOutcomeTableColumns[i] == outcome) return static_cast<int>(i);
  }
  return 0;
}

// The outcome table's last column.
inline constexpr absl::string_view kOutcomeTotalColumnLabel =
    "Totale complessivo";

// "Totale complessivo DUP (linea programmazione)", "Totale complessivo
// PERFORMANCE (obiettivi)", "Totale complessivo azioni".
std::string OutcomeTableRowLabel(v1::OutcomeTableRow row);
// "ambientale", ..., "Di cui: sociale (sicurezza)", "Di cui: sociale
// (sociale)", ..., "Totale" (unspecified).
std::string DimensionRowLabel(v1::WellbeingDimension dimension, bool sub_row);
// "DUP (linea programmazione)", "Performance (obiettivi)", "Totale".
std::string DimensionColumnLabel(v1::DimensionColumn column);
// "esiti", "dimensioni", "entity_figures": the table column of
// summary_expected.csv and of the report's CSV.
std::string FigureTableLabel(v1::FigureTable table);

// A published figure's cell as the document words it.
struct FigureCellLabels {
  std::string table;
  std::string row;     // the indicator code for an entity figure
  std::string column;  // "totale" for an entity figure (the Union's total)
};
FigureCellLabels LabelsOf(const v1::PublishedFigure& figure);

// The typed cell named by the document's words (count and percent left
// unset). INVALID_ARGUMENT naming "table", "row" or "column" and the text
// when a word names no cell.
absl::StatusOr<v1::PublishedFigure> ParseFigureCell(absl::string_view table,
                                                    absl::string_view row,
                                                    absl::string_view column);

}  // namespace valore

#endif  // VALORE_COMMON_FIGURE_LABELS_H_
