// What the services accept of a record, checked against a catalog without
// any transport: a measurement (capture), a validated outcome and a
// published figure (aggregation). The services run these on every write;
// the importer's dry run runs the same on a data folder before anything is
// stored, so the two cannot disagree.
#ifndef VALORE_COMMON_RECORD_CHECKS_H_
#define VALORE_COMMON_RECORD_CHECKS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore {

inline constexpr size_t kMaxTextBytes = 4096;
inline constexpr size_t kMaxNameBytes = 256;
// As many parts as a target may have conditions.
inline constexpr int kMaxComponents = kMaxTargetComponents;
// Records of one BatchWriteMeasurements.
inline constexpr int kMaxBatchRecords = 10000;
inline constexpr size_t kMaxJustificationBytes = 4096;
// Validated outcomes of one batch, published figures of one import.
inline constexpr int kMaxBatchOutcomes = 10000;

// --- Measurements ----------------------------------------------------------

// A required, bounded free text (a reason, an author).
absl::Status CheckText(absl::string_view field, absl::string_view text,
                       bool required, size_t limit = kMaxTextBytes);

// Checks the value, note and names (not their existence in the catalog).
// INVALID_ARGUMENT names the field under `prefix` ("measurements[3].").
absl::Status CheckMeasurementShape(const v1::Measurement& m,
                                   absl::string_view prefix);

// What a value of one item is checked against (common/value_fit.h): the
// item's unit and its yearly targets.
struct ItemRule {
  // UNIT_PERCENT for an executive objective: its value is the % achieved.
  v1::Unit unit = v1::UNIT_UNSPECIFIED;
  // The yearly targets; none for an executive objective.
  v1::Indicator indicator;
};
ItemRule RuleOfIndicator(const v1::Indicator& indicator);
ItemRule RuleOfObjective();
// The rule of `item` (an indicator or executive objective code) in
// `catalog`; std::nullopt when the catalog has no such item.
std::optional<ItemRule> FindItemRule(const v1::Catalog& catalog,
                                     absl::string_view item);

// The value of `m` against its item's rule in `period`, with the target in
// force for its entity: OK, or INVALID_ARGUMENT naming the field under
// `prefix`. A value written as text (value_text) is read into `*parsed`.
absl::Status CheckMeasurementValue(const v1::Measurement& m,
                                   const ItemRule& rule, Period period,
                                   absl::string_view prefix, v1::Value* parsed);

// --- Validated outcomes ----------------------------------------------------

// Whether `catalog` has the entity `id`.
bool CatalogHasEntity(const v1::Catalog& catalog, absl::string_view id);

struct CheckedOutcome {
  Period period;
  // The entity id of the scope; empty for the Union-wide scope.
  std::string entity;
};

// The outcome's own fields (period, scope, outcome, item type, the
// justification's length), each named under `field` when wrong.
absl::StatusOr<CheckedOutcome> CheckValidatedOutcome(
    const v1::ValidatedOutcome& v, absl::string_view field);

// NOT_FOUND naming the item, or the scope's entity, when `catalog` lacks it.
absl::Status CheckValidatedInCatalog(const v1::ValidatedOutcome& v,
                                     const std::string& entity,
                                     const v1::Catalog& catalog,
                                     absl::string_view field);

// --- Published figures -----------------------------------------------------

// The cell fields the figure's table needs, a finite count and a percentage
// from 0 to 100; wrong fields are named under `prefix` ("figures[2].").
absl::Status CheckPublishedFigure(const v1::PublishedFigure& f,
                                  absl::string_view prefix);

}  // namespace valore

#endif  // VALORE_COMMON_RECORD_CHECKS_H_
