// Helpers shared by the files of AggregationCore (aggregation_core.cc,
// report_cache.cc, validated_outcomes.cc). Not part of the core's interface.
#ifndef VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_INTERNAL_H_
#define VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_INTERNAL_H_

#include <string>

#include "valore/v1/catalog.pb.h"

namespace valore::aggregation::internal {

// The key, in the meta family, of the last revision given to a validated
// outcome.
inline constexpr char kLastRevisionKey[] = "last_revision";

}  // namespace valore::aggregation::internal

#endif  // VALORE_SERVICES_AGGREGATION_AGGREGATION_CORE_INTERNAL_H_
