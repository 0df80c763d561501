// Builds the report of one period for one scope (an entity, or the Union)
// from a catalog snapshot, the measurements of the period and of the periods
// it is compared with, the validated outcomes and the published figures.
// Pure: no transport, no storage, so every rule is tested on its own.
#ifndef VALORE_SERVICES_AGGREGATION_REPORT_BUILDER_H_
#define VALORE_SERVICES_AGGREGATION_REPORT_BUILDER_H_

#include <map>
#include <string>
#include <vector>

#include "common/entities.h"
#include "common/period.h"
#include "common/value_fit.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::aggregation {

// entity -> item -> value, for one period.
using PeriodValues = std::map<std::string, std::map<std::string, v1::Value>>;

struct ReportInputs {
  const v1::Catalog* catalog = nullptr;
  Period period{2023, 2};
  // An entity id, or empty for the Union.
  std::string scope;
  PeriodValues current;
  PeriodValues previous_semester;
  PeriodValues previous_year;  // the same semester of the year before
  // A first half's year-end forecast: the values of earlier years' halves
  // (ForecastHistoryPeriods), by period.
  std::map<Period, PeriodValues> history;
  // The newest validated outcome of each item for (period, scope).
  std::vector<v1::ValidatedOutcome> validated;
  std::vector<v1::PublishedFigure> published;
  std::vector<std::string> missing_entities;
};

// The report, into `out` (which may live on an arena).
void BuildReportInto(const ReportInputs& inputs, v1::Report* out);

using ::valore::UnionEntityOf;  // common/entities.h

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_REPORT_BUILDER_H_
