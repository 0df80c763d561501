#include "services/web/period_state.h"

#include "common/italian_date.h"

namespace valore::web {

absl::StatusOr<PeriodState> ReadPeriodState(const PageContext& context,
                                            const std::string& period) {
  PeriodState state;
  v1::ListPeriodLocksRequest locks_request;
  locks_request.set_page_size(1000);
  absl::StatusOr<v1::ListPeriodLocksResponse> locks =
      context.calls.Capture<v1::ListPeriodLocksResponse>("ListPeriodLocks",
                                                         locks_request);
  if (!locks.ok()) return locks.status();
  for (const v1::PeriodLock& lock : locks->locks()) {
    if (lock.period() == period) state.lock = lock;
  }
  v1::ListSnapshotsRequest snapshots_request;
  snapshots_request.set_period(period);
  snapshots_request.set_page_size(1000);
  absl::StatusOr<v1::ListSnapshotsResponse> snapshots =
      context.calls.Aggregation<v1::ListSnapshotsResponse>("ListSnapshots",
                                                           snapshots_request);
  if (!snapshots.ok()) return snapshots.status();
  state.snapshots = *std::move(snapshots);
  return state;
}

void AddPeriodState(const PeriodState& state,
                    ctemplate::TemplateDictionary* page) {
  if (state.lock.locked()) {
    ctemplate::TemplateDictionary* locked =
        page->AddSectionDictionary("LOCKED");
    locked->SetValue("REASON", state.lock.reason());
    locked->SetValue("AUTHOR", state.lock.author());
    locked->SetValue("WHEN", FormatItalianDateTime(state.lock.update_time()));
  } else {
    page->ShowSection("OPEN");
  }
  if (state.snapshots.snapshots_size() > 0) {
    const v1::Snapshot& newest =
        state.snapshots.snapshots(state.snapshots.snapshots_size() - 1);
    ctemplate::TemplateDictionary* snapshot =
        page->AddSectionDictionary("SNAPSHOT");
    snapshot->SetIntValue("VERSION", newest.version());
    snapshot->SetValue("WHEN", FormatItalianDateTime(newest.create_time()));
    snapshot->SetValue("PRINCIPAL", newest.principal());
  } else {
    page->ShowSection("NO_SNAPSHOT");
  }
}

}  // namespace valore::web
