#include "common/figure_labels.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/text_util.h"

namespace valore {
namespace {

// An entity figure is the Union's total of an indicator's value.
constexpr absl::string_view kEntityFigureColumnLabel = "totale";

constexpr v1::OutcomeTableRow kOutcomeRows[] = {
    v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES,
    v1::OUTCOME_TABLE_ROW_EXECUTIVE_OBJECTIVES,
    v1::OUTCOME_TABLE_ROW_ALL_ACTIONS};
constexpr v1::DimensionColumn kDimensionColumns[] = {
    v1::DIMENSION_COLUMN_PROGRAMME_LINES,
    v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES, v1::DIMENSION_COLUMN_TOTAL};
constexpr v1::FigureTable kTables[] = {v1::FIGURE_TABLE_OUTCOMES,
                                       v1::FIGURE_TABLE_DIMENSIONS,
                                       v1::FIGURE_TABLE_ENTITY_FIGURES};

absl::Status Unknown(absl::string_view field, absl::string_view text,
                     absl::string_view expected) {
  return InvalidFieldError(
      field, absl::StrCat(QuoteForMessage(text), " is not ", expected));
}

}  // namespace

std::string OutcomeTableRowLabel(v1::OutcomeTableRow row) {
  switch (row) {
    case v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES:
      return "Totale complessivo DUP (linea programmazione)";
    case v1::OUTCOME_TABLE_ROW_EXECUTIVE_OBJECTIVES:
      return "Totale complessivo PERFORMANCE (obiettivi)";
    case v1::OUTCOME_TABLE_ROW_ALL_ACTIONS:
      return "Totale complessivo azioni";
    default:
      return "";
  }
}

std::string DimensionRowLabel(v1::WellbeingDimension dimension, bool sub_row) {
  if (dimension == v1::WELLBEING_DIMENSION_UNSPECIFIED) return "Totale";
  if (!sub_row) return DimensionLabel(dimension);
  // The plain "sociale" among its kinds is written with its kind too.
  return absl::StrCat("Di cui: ", dimension == v1::WELLBEING_DIMENSION_SOCIAL
                                      ? "sociale (sociale)"
                                      : DimensionLabel(dimension));
}

std::string DimensionColumnLabel(v1::DimensionColumn column) {
  switch (column) {
    case v1::DIMENSION_COLUMN_PROGRAMME_LINES:
      return "DUP (linea programmazione)";
    case v1::DIMENSION_COLUMN_EXECUTIVE_OBJECTIVES:
      return "Performance (obiettivi)";
    case v1::DIMENSION_COLUMN_TOTAL:
      return "Totale";
    default:
      return "";
  }
}

std::string FigureTableLabel(v1::FigureTable table) {
  switch (table) {
    case v1::FIGURE_TABLE_OUTCOMES:
      return "esiti";
    case v1::FIGURE_TABLE_DIMENSIONS:
      return "dimensioni";
    case v1::FIGURE_TABLE_ENTITY_FIGURES:
      return "entity_figures";
    default:
      return "";
  }
}

FigureCellLabels LabelsOf(const v1::PublishedFigure& f) {
  FigureCellLabels out;
  out.table = FigureTableLabel(f.table());
  switch (f.table()) {
    case v1::FIGURE_TABLE_OUTCOMES:
      out.row = OutcomeTableRowLabel(f.outcome_row());
      out.column = f.outcome_column() == v1::OUTCOME_UNSPECIFIED
                       ? std::string(kOutcomeTotalColumnLabel)
                       : OutcomeColumnLabel(f.outcome_column());
      break;
    case v1::FIGURE_TABLE_DIMENSIONS:
      out.row = DimensionRowLabel(f.dimension(), f.dimension_sub_row());
      out.column = DimensionColumnLabel(f.dimension_column());
      break;
    case v1::FIGURE_TABLE_ENTITY_FIGURES:
      out.row = f.indicator();
      out.column = std::string(kEntityFigureColumnLabel);
      break;
    default:
      break;
  }
  return out;
}

absl::StatusOr<v1::PublishedFigure> ParseFigureCell(absl::string_view table,
                                                    absl::string_view row,
                                                    absl::string_view column) {
  v1::PublishedFigure f;
  for (v1::FigureTable t : kTables) {
    if (table == FigureTableLabel(t)) f.set_table(t);
  }
  switch (f.table()) {
    case v1::FIGURE_TABLE_OUTCOMES: {
      for (v1::OutcomeTableRow r : kOutcomeRows) {
        if (row == OutcomeTableRowLabel(r)) f.set_outcome_row(r);
      }
      if (f.outcome_row() == v1::OUTCOME_TABLE_ROW_UNSPECIFIED) {
        return Unknown("row", row, "a row of the outcome table");
      }
      bool known = column == kOutcomeTotalColumnLabel;
      for (v1::Outcome c : kOutcomeTableColumns) {
        if (column == OutcomeColumnLabel(c)) {
          f.set_outcome_column(c);
          known = true;
        }
      }
      if (!known) return Unknown("column", column, "an outcome-table column");
      return f;
    }
    case v1::FIGURE_TABLE_DIMENSIONS: {
      bool known = false;
      for (int d = v1::WellbeingDimension_MIN; d <= v1::WellbeingDimension_MAX;
           ++d) {
        const auto dimension = static_cast<v1::WellbeingDimension>(d);
        for (bool sub_row : {false, true}) {
          if (!known && row == DimensionRowLabel(dimension, sub_row)) {
            f.set_dimension(dimension);
            f.set_dimension_sub_row(sub_row);
            known = true;
          }
        }
      }
      if (!known) return Unknown("row", row, "a row of the dimension table");
      for (v1::DimensionColumn c : kDimensionColumns) {
        if (column == DimensionColumnLabel(c)) f.set_dimension_column(c);
      }
      if (f.dimension_column() == v1::DIMENSION_COLUMN_UNSPECIFIED) {
        return Unknown("column", column, "a dimension-table column");
      }
      return f;
    }
    case v1::FIGURE_TABLE_ENTITY_FIGURES:
      if (row.empty()) return Unknown("row", row, "an indicator code");
      if (!column.empty() && column != kEntityFigureColumnLabel) {
        return Unknown("column", column, "\"totale\" or empty");
      }
      f.set_indicator(std::string(row));
      return f;
    default:
      return Unknown("table", table, "esiti, dimensioni or entity_figures");
  }
}

}  // namespace valore
