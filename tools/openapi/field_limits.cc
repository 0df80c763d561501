#include "tools/openapi/field_limits.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/pagination.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/value_parser.h"
#include "services/catalog/catalog_limits.h"
#include "services/catalog/catalog_validator.h"
#include "services/common/request_ids.h"

namespace valore::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// capture_core.h's kMaxStreamPeriods: that header brings in the storage
// layer, which a protoc plugin has no business including.
constexpr int64_t kMaxStreamPeriods = 24;
// A page token is web-safe base64 of one or two decimal numbers (common/
// pagination.cc, storage/audit_log.cc): well under this.
constexpr int64_t kMaxPageTokenBytes = 512;
// "<instance>.<revision>" (capture) or "<version>-<hash>" (catalog).
constexpr int64_t kMaxEtagBytes = 128;
// "2023S2".
constexpr int64_t kPeriodBytes = 6;
// SHA-256 in hex.
constexpr int64_t kSha256HexBytes = 64;
// The dirigenti of a programme line: the catalog validator bounds each name,
// not their count; a line names a handful.
constexpr int64_t kMaxManagersPerLine = 100;

constexpr int64_t kMaxItems =
    catalog::kMaxIndicators + catalog::kMaxExecutiveObjectives;  // codes
constexpr int64_t kMaxReportItems = kMaxItems + catalog::kMaxLines;
// Periods a series can hold: two per year from Period::kMinYear to kMaxYear.
constexpr int64_t kMaxSeriesPeriods =
    2 * (Period::kMaxYear - Period::kMinYear + 1);
// The Union-wide scope plus every entity.
constexpr int64_t kMaxScopes = catalog::kMaxEntities + 1;

// Counts bounded by an enum: the outcome table has one row per
// OutcomeTableRow and one count per Outcome, the unspecified value aside.
int64_t CountOfValues(const google::protobuf::EnumDescriptor* e) {
  return e == nullptr ? 0 : e->value_count() - 1;
}

int64_t EnumBound(const FieldDescriptor& field, const char* enum_name) {
  return CountOfValues(field.file()->pool()->FindEnumTypeByName(
      absl::StrCat("valore.v1.", enum_name)));
}

}  // namespace

int64_t MaxPathSegmentBytes() {
  return static_cast<int64_t>(catalog::kMaxCodeBytes);
}

int64_t MaxLength(const FieldDescriptor& field) {
  static const auto* const kByFullName =
      new absl::flat_hash_map<std::string, int64_t>{
          {"valore.v1.Measurement.value_text", kMaxValueTextBytes},
          {"valore.v1.Quantity.label", kMaxNameBytes},
          {"valore.v1.Snapshot.content_hash", kSha256HexBytes},
          {"valore.v1.AuditChange.Snapshot.content_hash", kSha256HexBytes},
          {"valore.v1.Snapshot.locked", kMaxNameBytes},
          {"valore.v1.AuditChange.Snapshot.locked", kMaxNameBytes},
          {"valore.v1.ValidatedOutcome.justification", kMaxJustificationBytes},
      };
  static const auto* const kCodes = new absl::flat_hash_set<std::string>{
      "id",
      "code",
      "entity",
      "entities",
      "item",
      "items",
      "direction_code",
      "strategic_objective_code",
      "operational_objective_code",
      "line_code",
      "sector",
      "indicator",
      "indicator_codes",
      "missing_entities",
  };
  static const auto* const kPeriods = new absl::flat_hash_set<std::string>{
      "period",         "periods",           "start_period",  "end_period",
      "effective_from", "previous_semester", "previous_year",
  };
  static const auto* const kNames =
      new absl::flat_hash_set<std::string>{"name", "parent", "scope", "scopes"};

  if (auto it = kByFullName->find(field.full_name());
      it != kByFullName->end()) {
    return it->second;
  }
  const std::string& name = field.name();
  if (name == "request_id") return static_cast<int64_t>(kMaxRequestIdBytes);
  if (name == "page_token" || name == "next_page_token") {
    return kMaxPageTokenBytes;
  }
  if (name == "etag" || name == "if_none_match") return kMaxEtagBytes;
  if (kPeriods->contains(name)) return kPeriodBytes;
  if (kNames->contains(name)) return static_cast<int64_t>(kMaxNameBytes);
  if (kCodes->contains(name)) return MaxPathSegmentBytes();
  // Texts: titles, notes, reasons, authors, labels of tables.
  return static_cast<int64_t>(kMaxTextBytes);
}

absl::StatusOr<int64_t> MaxItems(const FieldDescriptor& field) {
  using namespace catalog;  // NOLINT: the catalog limits read as a table
  static const auto* const kByFullName =
      new absl::flat_hash_map<std::string, int64_t>{
          {"valore.v1.Catalog.entities", kMaxEntities},
          {"valore.v1.Catalog.directions", kMaxDirections},
          {"valore.v1.Catalog.strategic_objectives", kMaxStrategicObjectives},
          {"valore.v1.Catalog.lines", kMaxLines},
          {"valore.v1.Catalog.indicators", kMaxIndicators},
          {"valore.v1.Catalog.executive_objectives", kMaxExecutiveObjectives},
          {"valore.v1.Catalog.sectors", kMaxSectors},
          {"valore.v1.ProgrammeLine.managers", kMaxManagersPerLine},
          {"valore.v1.Indicator.targets", kMaxTargetsPerIndicator},
          {"valore.v1.ExecutiveObjective.weights", kMaxSectors},
          {"valore.v1.ObjectiveResult.weights", kMaxSectors},
          {"valore.v1.Value.Composite.parts", kMaxComponents},
          {"valore.v1.Target.Threshold.components", kMaxTargetComponents},
          // Every problem is about some part of the request, which is at
          // most kMaxCatalogBytes long.
          {"valore.v1.ImportCatalogResponse.problems",
           static_cast<int64_t>(kMaxCatalogBytes)},
          {"valore.v1.BatchWriteMeasurementsRequest.measurements",
           kMaxBatchRecords},
          {"valore.v1.BatchWriteMeasurementsResponse.measurements",
           kMaxBatchRecords},
          {"valore.v1.ReadSeriesResponse.measurements", kMaxSeriesPeriods},
          {"valore.v1.BatchGetMeasurementsRequest.entities", kMaxEntities},
          {"valore.v1.Caller.entities", kMaxEntities},
          {"valore.v1.BatchGetMeasurementsRequest.items", kMaxItems},
          {"valore.v1.BatchGetMeasurementsResponse.measurements",
           int64_t{kMaxEntities} * kMaxItems},
          {"valore.v1.StreamPeriodValuesRequest.periods", kMaxStreamPeriods},
          {"valore.v1.StreamPeriodValuesRequest.entities", kMaxEntities},
          {"valore.v1.StreamPeriodValuesResponse.values",
           int64_t{kMaxEntities} * kMaxStreamPeriods},
          {"valore.v1.EntityPeriodValues.values", kMaxItems},
          {"valore.v1.BatchSetValidatedOutcomesRequest.validated_outcomes",
           kMaxBatchOutcomes},
          {"valore.v1.BatchSetValidatedOutcomesResponse.validated_outcomes",
           kMaxBatchOutcomes},
          {"valore.v1.ImportPublishedFiguresRequest.figures",
           kMaxBatchOutcomes},
          {"valore.v1.StreamEntitySummariesRequest.scopes", kMaxScopes},
          {"valore.v1.StreamEntitySummariesResponse.summaries", kMaxScopes},
          {"valore.v1.IndicatorResult.entity_values", kMaxEntities},
          {"valore.v1.LineResult.managers", kMaxManagersPerLine},
          {"valore.v1.LineResult.indicator_codes", kMaxIndicators},
          {"valore.v1.Snapshot.locked", kMaxEntities},
          {"valore.v1.AuditChange.Snapshot.locked", kMaxEntities},
          // A value change and an outcome change per item, and every cell
          // of the outcome table.
          {"valore.v1.DiffSnapshotResponse.changes", 2 * kMaxReportItems + 64},
          {"valore.v1.Report.indicators", kMaxIndicators},
          {"valore.v1.Report.lines", kMaxLines},
          {"valore.v1.Report.objectives", kMaxExecutiveObjectives},
          {"valore.v1.Report.sector_scores", kMaxSectors},
          {"valore.v1.Report.disagreements", kMaxReportItems},
          {"valore.v1.Report.published", kMaxBatchOutcomes},
          {"valore.v1.Report.missing_entities", kMaxEntities},
          {"valore.v1.Report.forecasts", kMaxIndicators},
          {"valore.v1.Report.line_forecasts", kMaxLines},
          {"valore.v1.EntitySummary.lines_at_risk", kMaxLines},
          {"valore.v1.IndicatorForecast.first_half_shares", kMaxComponents},
          {"valore.v1.LineForecast.indicators_not_achieved", kMaxIndicators},
      };
  if (auto it = kByFullName->find(field.full_name());
      it != kByFullName->end()) {
    return it->second;
  }
  // Counts bounded by an enum's values.
  const std::string& name = field.full_name();
  if (name == "valore.v1.Report.outcome_table" ||
      name == "valore.v1.EntitySummary.outcome_table") {
    return EnumBound(field, "OutcomeTableRow");
  }
  if (name == "valore.v1.OutcomeRow.counts" ||
      name == "valore.v1.ChartColumn.counts" ||
      name == "valore.v1.EntitySummary.indicator_outcomes") {
    return EnumBound(field, "Outcome");
  }
  if (name == "valore.v1.Report.chart") {
    return EnumBound(field, "WellbeingDimension");
  }
  // A row per dimension, and a "Di cui" sub-row per dimension at most
  // ("Totale" is the unspecified dimension's row).
  if (name == "valore.v1.Report.dimension_table") {
    return 2 * (EnumBound(field, "WellbeingDimension") + 1);
  }
  // A page of a List method: at most kMaxPageSize.
  const Descriptor& owner = *field.containing_type();
  if (absl::StartsWith(owner.name(), "List") &&
      absl::EndsWith(owner.name(), "Response") &&
      owner.FindFieldByName("next_page_token") != nullptr) {
    return kMaxPageSize;
  }
  return absl::FailedPreconditionError(
      absl::StrCat("no maxItems for the repeated field ", field.full_name(),
                   ": add its bound to tools/openapi/field_limits.cc"));
}

absl::StatusOr<int64_t> MaxStreamMessages(const Descriptor& stream_message) {
  // Every message carries at least one (entity, period) or scope.
  if (stream_message.full_name() == "valore.v1.StreamPeriodValuesResponse") {
    return int64_t{catalog::kMaxEntities} * kMaxStreamPeriods;
  }
  if (stream_message.full_name() == "valore.v1.StreamEntitySummariesResponse") {
    return kMaxScopes;
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "no bound on the messages of the stream of ", stream_message.full_name(),
      ": add it to tools/openapi/field_limits.cc"));
}

}  // namespace valore::openapi
