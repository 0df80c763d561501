#include "services/common/audit_events.h"

#include "common/audit_words.h"

namespace valore {

absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEventsInWords(
    const storage::AuditLog& log, const v1::ListAuditEventsRequest& request) {
  absl::StatusOr<v1::ListAuditEventsResponse> listed = log.List(request);
  if (!listed.ok()) return listed;
  for (v1::AuditEvent& e : *listed->mutable_events()) WriteAuditWords(&e);
  return listed;
}

}  // namespace valore
