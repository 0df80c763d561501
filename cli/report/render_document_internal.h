// Pieces shared by the files that build the report document
// (render_document.cc and the render_*_tables.cc files it calls): cell and
// table-head constructors, and the tables of each section of the document.
// The web app's tables (services/web/table_view.cc) use the same cells.
#ifndef VALORE_CLI_REPORT_RENDER_DOCUMENT_INTERNAL_H_
#define VALORE_CLI_REPORT_RENDER_DOCUMENT_INTERNAL_H_

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "cli/report/render_internal.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::cli::report_internal {

// --- Cells (render_document_cells.cc) -------------------------------------

Cell Text(std::string text);
Cell Number(std::string text);
Cell RowHeader(std::string text);
std::vector<Cell> Head(const std::vector<std::string>& labels,
                       const std::set<size_t>& numeric = {});
std::string CountText(double count);

// --- Tables of the document's sections --------------------------------------

// The chart's figures as a table (render_summary_tables.cc); OutcomeTable,
// DimensionTable and SectorTable are declared in render_internal.h.
Table ChartTable(const v1::Report& report);

// Results against expectations: DUP and Performance
// (render_results_tables.cc).
Table DupTable(const v1::Report& report);
Table ObjectiveTable(const v1::Report& report);

// Other related activities and lavoro agile (render_activity_tables.cc).
Table EntityFigureTable(const v1::Report& report,
                        const std::vector<const v1::IndicatorResult*>& group);
Table LavoroAgileTable(const v1::Report& report,
                       const std::vector<const v1::IndicatorResult*>& group);

// Validated outcomes that differ from the computed ones, and published figures
// against computed ones (render_comparison_tables.cc).
Table DisagreementTable(const v1::Report& report);
Table PublishedTable(const v1::Report& report);

}  // namespace valore::cli::report_internal

#endif  // VALORE_CLI_REPORT_RENDER_DOCUMENT_INTERNAL_H_
