// What changed between a frozen report and the live one: values, outcomes
// and the outcome table's counts, each typed and said for people.
#ifndef VALORE_SERVICES_AGGREGATION_SNAPSHOT_DIFF_H_
#define VALORE_SERVICES_AGGREGATION_SNAPSHOT_DIFF_H_

#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

// Adds to out->changes every difference of `live` from `frozen`: an item
// gone, a value, a final outcome, a count of the outcome table.
void DiffReports(const v1::Report& frozen, const v1::Report& live,
                 v1::DiffSnapshotResponse* out);

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SNAPSHOT_DIFF_H_
