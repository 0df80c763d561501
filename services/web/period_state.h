// A period's lock and snapshots as pages show them.
#ifndef VALORE_SERVICES_WEB_PERIOD_STATE_H_
#define VALORE_SERVICES_WEB_PERIOD_STATE_H_

#include <ctemplate/template.h>

#include <string>

#include "absl/status/statusor.h"
#include "services/web/page.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"

namespace valore::web {

struct PeriodState {
  v1::PeriodLock lock;                  // locked() false when never locked
  v1::ListSnapshotsResponse snapshots;  // oldest first
};

absl::StatusOr<PeriodState> ReadPeriodState(const PageContext& context,
                                            const std::string& period);

// LOCKED section (REASON, AUTHOR, WHEN) or OPEN section; SNAPSHOT section
// (VERSION, WHEN, PRINCIPAL) for the newest, or NO_SNAPSHOT.
void AddPeriodState(const PeriodState& state,
                    ctemplate::TemplateDictionary* page);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PERIOD_STATE_H_
