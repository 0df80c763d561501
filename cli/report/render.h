// Renders an aggregation Report for people and programs: the appendix's two
// summary tables in a terminal, their cells as CSV, the whole message as
// JSON, and the full report (tables, chart, details) as Markdown or as one
// printable HTML page.
#ifndef VALORE_CLI_REPORT_RENDER_H_
#define VALORE_CLI_REPORT_RENDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::cli {

enum class ReportFormat { kText, kCsv, kJson, kMarkdown, kHtml };

// "text", "csv", "json", "md" or "html"; INVALID_ARGUMENT naming --format and
// the value otherwise.
absl::StatusOr<ReportFormat> ParseReportFormat(absl::string_view text);

// The report in `format`. CSV has the layout of summary_expected.csv (CRLF
// line ends); HTML is one self-contained page with no scripts and no external
// resources.
std::string RenderReport(const v1::Report& report, ReportFormat format);

// Every entity's DUP lines by outcome (StreamEntitySummaries), one row per
// entity in the outcome table's column order (an entity without a table
// counts zero). For people: name, "count (percent)" cells and "N su M"
// indicators measured; otherwise id, name and plain counts.
struct OverviewTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
OverviewTable MakeOverviewTable(
    const v1::StreamEntitySummariesResponse& overview, bool for_people);

// The same as CSV: one row
// per entity — id, name, the count of each outcome column, the lines, the
// indicators measured and in all — with CRLF line ends.
std::string RenderOverviewCsv(
    const v1::StreamEntitySummariesResponse& overview);

}  // namespace valore::cli

#endif  // VALORE_CLI_REPORT_RENDER_H_
