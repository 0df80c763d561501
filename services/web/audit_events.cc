#include "services/web/audit_events.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace valore::web {

const char* SourceLabel(AuditSource source) {
  switch (source) {
    case AuditSource::kCatalog:
      return "Catalogo";
    case AuditSource::kCapture:
      return "Rilevazione";
    case AuditSource::kAggregation:
      return "Aggregazione";
  }
  return "";
}

std::string OperationLabel(const std::string& method) {
  static const auto* labels = new std::map<std::string, std::string>{
      {"WriteMeasurement", "Valore inserito"},
      {"BatchWriteMeasurements", "Valori inseriti"},
      {"LockPeriod", "Periodo bloccato"},
      {"UnlockPeriod", "Periodo sbloccato"},
      {"SetValidatedOutcome", "Esito validato"},
      {"BatchSetValidatedOutcomes", "Esiti validati"},
      {"ImportPublishedFigures", "Cifre pubblicate importate"},
      {"TakeSnapshot", "Snapshot salvato"},
      {"ImportCatalog", "Catalogo importato"},
  };
  // Events name their method with its service ("CaptureService.…").
  const size_t dot = method.rfind('.');
  auto it =
      labels->find(dot == std::string::npos ? method : method.substr(dot + 1));
  return it == labels->end() ? method : it->second;
}

absl::StatusOr<AuditEvents> ReadAuditEvents(
    const PageContext& context, v1::ListAuditEventsRequest request,
    const std::vector<AuditSource>& sources, size_t max_events) {
  AuditEvents read;
  request.set_page_size(1000);
  for (AuditSource source : sources) {
    v1::ListAuditEventsRequest next = request;
    do {
      absl::StatusOr<v1::ListAuditEventsResponse> page;
      switch (source) {
        case AuditSource::kCatalog:
          page = context.calls.Catalog<v1::ListAuditEventsResponse>(
              "ListAuditEvents", next);
          break;
        case AuditSource::kCapture:
          page = context.calls.Capture<v1::ListAuditEventsResponse>(
              "ListAuditEvents", next);
          break;
        case AuditSource::kAggregation:
          page = context.calls.Aggregation<v1::ListAuditEventsResponse>(
              "ListAuditEvents", next);
          break;
      }
      if (!page.ok()) return page.status();
      for (v1::AuditEvent& event : *page->mutable_events()) {
        read.events.push_back({source, std::move(event)});
      }
      if (read.events.size() > max_events) {
        read.events.clear();
        read.too_many = true;
        return read;
      }
      next.set_page_token(page->next_page_token());
    } while (!next.page_token().empty());
  }
  std::stable_sort(read.events.begin(), read.events.end(),
                   [](const SourcedEvent& a, const SourcedEvent& b) {
                     return std::make_tuple(a.event.time().seconds(),
                                            a.event.time().nanos()) >
                            std::make_tuple(b.event.time().seconds(),
                                            b.event.time().nanos());
                   });
  return read;
}

}  // namespace valore::web
