// ListAuditEvents as every service answers it: the stored events, each
// with the words a person reads written from what it changed.
#ifndef VALORE_SERVICES_COMMON_AUDIT_EVENTS_H_
#define VALORE_SERVICES_COMMON_AUDIT_EVENTS_H_

#include "absl/status/statusor.h"
#include "storage/audit_log.h"
#include "valore/v1/audit.pb.h"

namespace valore {

absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEventsInWords(
    const storage::AuditLog& log, const v1::ListAuditEventsRequest& request);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_AUDIT_EVENTS_H_
