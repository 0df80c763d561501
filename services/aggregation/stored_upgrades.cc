#include "services/aggregation/stored_upgrades.h"

#include <optional>
#include <string>

#include "common/figure_labels.h"
#include "common/italian_number.h"
#include "common/scopes.h"
#include "services/aggregation/evaluation.h"
#include "services/common/legacy_fields.h"
#include "services/common/stored_targets.h"

namespace valore::aggregation {
namespace {

// Takes the text an earlier release stored in field `number` of `message`
// (now reserved), as the number it printed; none when it is not there.
std::optional<double> TakeLegacyPercent(google::protobuf::Message* message,
                                        int number) {
  std::optional<double> percent;
  for (const LegacyField& field : TakeLegacyFields(message, number)) {
    if (field.type != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    absl::StatusOr<ParsedNumber> parsed =
        ParseItalianNumber(field.bytes, "percent");
    if (parsed.ok()) percent = parsed->value;
  }
  return percent;
}

// Takes the string an earlier release stored in field `number` (now
// reserved); empty when it is not there.
std::string TakeLegacyString(google::protobuf::Message* message, int number) {
  std::string value;
  for (LegacyField& field : TakeLegacyFields(message, number)) {
    if (field.type == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      value = std::move(field.bytes);
    }
  }
  return value;
}

}  // namespace

void UpgradeStoredValidated(v1::ValidatedOutcome* outcome) {
  const std::string entity = TakeLegacyString(outcome, 4);
  if (outcome->scope().empty()) outcome->set_scope(ScopeOf(entity));
  if (outcome->name().empty()) {
    outcome->set_name(
        ValidatedOutcomeName(entity, outcome->period(), outcome->item()));
  }
}

void UpgradeStoredFigure(v1::PublishedFigure* figure) {
  const std::string table = TakeLegacyString(figure, 1);
  const std::string row = TakeLegacyString(figure, 2);
  const std::string column = TakeLegacyString(figure, 3);
  if (figure->table() == v1::FIGURE_TABLE_UNSPECIFIED && !table.empty()) {
    // Stored after the import checked it against the same words; a cell
    // that no longer reads stays unspecified, and compares as absent.
    absl::StatusOr<v1::PublishedFigure> cell =
        ParseFigureCell(table, row, column);
    if (cell.ok()) figure->MergeFrom(*cell);
  }
  if (figure->has_percent()) return;
  if (std::optional<double> percent = TakeLegacyPercent(figure, 5)) {
    figure->set_percent(*percent);
  }
}

void UpgradeStoredReport(v1::Report* report) {
  // Frozen before reports carried their chart: it is counted as then.
  if (report->chart_size() == 0) FillChart(report);
  for (v1::IndicatorResult& indicator : *report->mutable_indicators()) {
    if (indicator.has_target()) UpgradeStoredTarget(indicator.mutable_target());
    if (indicator.has_next_year_target()) {
      UpgradeStoredTarget(indicator.mutable_next_year_target());
    }
  }
  for (v1::FigureComparison& c : *report->mutable_published()) {
    UpgradeStoredFigure(c.mutable_published());
    if (c.has_computed_percent()) continue;
    if (std::optional<double> percent = TakeLegacyPercent(&c, 3)) {
      c.set_computed_percent(*percent);
    }
  }
}

}  // namespace valore::aggregation
