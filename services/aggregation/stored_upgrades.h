// Stored messages written by earlier releases of valore.v1, read into
// today's fields. PublishedFigure.percent and FigureComparison
// .computed_percent were the percentages as printed ("53,49%", in fields 5
// and 3); they are numbers now (fields 6 and 5), and what was stored as text
// is read back as the number it printed. ValidatedOutcome named its scope
// by an entity id in field 4 (empty for the Union), without `scope` and
// `name`: both are set from it. PublishedFigure named its cell with the
// document's words (table, row, column in fields 1 to 3), read into the
// typed cell fields; and the targets of a frozen report are read as
// services/common/stored_targets.h says.
#ifndef VALORE_SERVICES_AGGREGATION_STORED_UPGRADES_H_
#define VALORE_SERVICES_AGGREGATION_STORED_UPGRADES_H_

#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

void UpgradeStoredFigure(v1::PublishedFigure* figure);

void UpgradeStoredValidated(v1::ValidatedOutcome* outcome);

// Every published figure and comparison of a report frozen in a snapshot.
void UpgradeStoredReport(v1::Report* report);

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_STORED_UPGRADES_H_
