#include "cli/report/render.h"

#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render_internal.h"
#include "common/figure_labels.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "common/text_util.h"

namespace valore::cli {

namespace report_internal {

std::string ScopeLabel(const v1::Report& report) {
  return report.entity().empty() ? std::string(kUnionScopeLabel)
                                 : report.entity();
}

std::string ReportTitle(const v1::Report& report) {
  return absl::StrCat("Valore Pubblico — ", report.period(), " — ",
                      ScopeLabel(report));
}

std::string PercentSuffix(bool has_percent, double percent) {
  return has_percent ? absl::StrCat(" (", FormatPercent(percent), ")") : "";
}

std::string OutcomeRowLabel(const v1::OutcomeRow& row, int index) {
  if (!row.label().empty()) return row.label();
  if (row.row() != v1::OUTCOME_TABLE_ROW_UNSPECIFIED) {
    return valore::OutcomeTableRowLabel(row.row());
  }
  // A row without its kind: the table's order says which it is.
  return valore::OutcomeTableRowLabel(
      index == 0   ? v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES
      : index == 1 ? v1::OUTCOME_TABLE_ROW_EXECUTIVE_OBJECTIVES
                   : v1::OUTCOME_TABLE_ROW_ALL_ACTIONS);
}

v1::OutcomeCount OutcomeCountAt(const v1::OutcomeRow& row, int column) {
  // Match by outcome where the service set it; fall back to the position the
  // contract promises.
  for (const v1::OutcomeCount& c : row.counts()) {
    if (c.outcome() != v1::OUTCOME_UNSPECIFIED &&
        OutcomeColumnIndex(c.outcome()) == column) {
      return c;
    }
  }
  if (column < row.counts_size() &&
      row.counts(column).outcome() == v1::OUTCOME_UNSPECIFIED) {
    return row.counts(column);
  }
  v1::OutcomeCount none;
  none.set_outcome(kOutcomeColumns[column]);
  return none;
}

std::string OutcomeTotalPercent(const v1::OutcomeRow& row) {
  return FormatPercent(row.total() > 0 ? 100.0 : 0.0);
}

std::string DimensionRowLabel(const v1::DimensionRow& row) {
  if (!row.label().empty()) return row.label();
  return valore::DimensionRowLabel(row.dimension(), row.sub_row());
}

std::vector<ChartColumn> ChartColumns(const v1::Report& report) {
  std::vector<ChartColumn> columns;
  for (const v1::ChartColumn& c : report.chart()) {
    ChartColumn column;
    column.dimension = c.dimension();
    for (const v1::OutcomeCount& count : c.counts()) {
      column.counts[OutcomeColumnIndex(count.outcome())] += count.count();
    }
    column.total = c.total();
    columns.push_back(column);
  }
  return columns;
}

bool HasValue(const v1::Value& value) {
  return value.kind_case() != v1::Value::KIND_NOT_SET ||
         !value.display().empty();
}

std::string ItemTypeLabel(v1::ItemType type) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      return "Indicatore";
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      return "Linea di programmazione";
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      return "Obiettivo esecutivo";
    default:
      return "";
  }
}

std::string ItemOutcomeLabel(v1::ItemType type, v1::Outcome outcome) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      return IndicatorOutcomeLabel(outcome);
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      return ObjectiveOutcomeLabel(outcome);
    default:
      return LineOutcomeLabel(outcome);
  }
}

bool IsLavoroAgile(const v1::IndicatorResult& indicator) {
  return absl::StartsWithIgnoreCase(indicator.section(), "Lavoro agile");
}

bool IsEntityFigure(const v1::IndicatorResult& indicator) {
  return !indicator.section().empty() && !IsLavoroAgile(indicator);
}

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

size_t Utf8Width(absl::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++n;
  }
  return n;
}

}  // namespace report_internal

namespace {

std::string RenderJson(const v1::Report& report) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  // Zero counts are figures of the report, not absent data.
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(report, &json, options)
           .ok()) {
    return "{}\n";
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

}  // namespace

absl::StatusOr<ReportFormat> ParseReportFormat(absl::string_view text) {
  if (text == "text") return ReportFormat::kText;
  if (text == "csv") return ReportFormat::kCsv;
  if (text == "json") return ReportFormat::kJson;
  if (text == "md") return ReportFormat::kMarkdown;
  if (text == "html") return ReportFormat::kHtml;
  return absl::InvalidArgumentError(
      absl::StrCat("--format: ", QuoteForMessage(text),
                   " is not a report format; expected text, csv, json, md or "
                   "html"));
}

std::string RenderReport(const v1::Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kCsv:
      return report_internal::RenderCsv(report);
    case ReportFormat::kJson:
      return RenderJson(report);
    case ReportFormat::kMarkdown:
      return report_internal::RenderMarkdown(report);
    case ReportFormat::kHtml:
      return report_internal::RenderHtml(report);
    case ReportFormat::kText:
      break;
  }
  return report_internal::RenderText(report);
}

}  // namespace valore::cli
