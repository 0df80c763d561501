// The audit events of the services, as the pages read them: from the
// services that record what a page shows, every page of each (a person's
// filters narrow them), merged newest first. Reading stops, and says so,
// past a bound: the services list oldest first, so a page that showed only
// what it read would show the oldest.
#ifndef VALORE_SERVICES_WEB_AUDIT_EVENTS_H_
#define VALORE_SERVICES_WEB_AUDIT_EVENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/web/page.h"
#include "valore/v1/audit.pb.h"

namespace valore::web {

enum class AuditSource { kCatalog, kCapture, kAggregation };

struct SourcedEvent {
  AuditSource source;
  v1::AuditEvent event;
};

struct AuditEvents {
  // Newest first; empty when `too_many`.
  std::vector<SourcedEvent> events;
  // More than `max_events` matched: narrow the filters.
  bool too_many = false;
};

// Reads `request`'s events from `sources`, at most `max_events` in all.
absl::StatusOr<AuditEvents> ReadAuditEvents(
    const PageContext& context, v1::ListAuditEventsRequest request,
    const std::vector<AuditSource>& sources, size_t max_events = 20000);

// "Catalogo", "Rilevazione", "Aggregazione".
const char* SourceLabel(AuditSource source);
// "Valore inserito" for WriteMeasurement, and so on; else the method.
std::string OperationLabel(const std::string& method);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_AUDIT_EVENTS_H_
