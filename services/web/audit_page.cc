// Registro modifiche: who changed what and why, from the audit events of
// the three services, filtered by entity, item, person and dates, newest
// first.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/italian_date.h"
#include "common/timestamp.h"
#include "services/web/audit_events.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/table_view.h"
#include "valore/v1/audit.pb.h"

namespace valore::web {
namespace {

// At most this many events are shown; the filters narrow them.
constexpr int kMaxEvents = 500;

// "2023-12-31" from an <input type="date"> as the start of that day in
// Rome; `field` names it in the error.
absl::StatusOr<absl::Time> DayStart(const std::string& text,
                                    const std::string& field) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return ItalianError(
        absl::StatusCode::kInvalidArgument,
        absl::StrCat(field, ": \"", text, "\" non è una data (AAAA-MM-GG)"));
  }
  return absl::FromCivil(day, ItalianTimeZone());
}

}  // namespace

absl::Status AuditPage(const PageContext& context,
                       ctemplate::TemplateDictionary* page,
                       PageResult* result) {
  result->template_name = "audit.tpl";
  absl::StatusOr<PageChoices> choices =
      ReadChoices(context, /*with_period=*/false);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ente", "Tutti gli enti", page);
  v1::ListAuditEventsRequest request;
  request.set_entity(choices->entity);
  request.set_item(context.Param("voce"));
  request.set_principal(context.Param("persona"));
  page->SetValue("ITEM", request.item());
  page->SetValue("PRINCIPAL", request.principal());
  if (const std::string from = context.Param("dal"); !from.empty()) {
    absl::StatusOr<absl::Time> start = DayStart(from, "dal");
    if (!start.ok()) return start.status();
    *request.mutable_start_time() =
        TimestampFromMicros(absl::ToUnixMicros(*start));
    page->SetValue("FROM", from);
  }
  if (const std::string to = context.Param("al"); !to.empty()) {
    absl::StatusOr<absl::Time> end = DayStart(to, "al");
    if (!end.ok()) return end.status();
    // Up to the end of that day.
    *request.mutable_end_time() =
        TimestampFromMicros(absl::ToUnixMicros(*end + absl::Hours(24)));
    page->SetValue("TO", to);
  }
  absl::StatusOr<AuditEvents> read =
      ReadAuditEvents(context, request,
                      {AuditSource::kCatalog, AuditSource::kCapture,
                       AuditSource::kAggregation});
  if (!read.ok()) return read.status();
  if (read->too_many) {
    page->ShowSection("TOO_MANY");
    return absl::OkStatus();
  }
  std::vector<SourcedEvent>& events = read->events;
  ctemplate::TemplateDictionary* counted =
      page->AddSectionDictionary("COUNTED");
  counted->SetIntValue("COUNT", static_cast<long>(events.size()));
  if (events.size() > kMaxEvents) {
    counted->AddSectionDictionary("TRUNCATED")
        ->SetIntValue("SHOWN", kMaxEvents);
    events.resize(kMaxEvents);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [source, event] : events) {
    rows.push_back({FormatItalianDateTime(event.time()), event.principal(),
                    OperationLabel(event.method()), SourceLabel(source),
                    event.entity(), event.item(), event.period(),
                    event.previous_value(), event.new_value(), event.detail(),
                    event.request_id()});
  }
  AddTable(TextTable({"Data e ora", "Persona", "Operazione", "Servizio", "Ente",
                      "Voce", "Periodo", "Valore precedente", "Nuovo valore",
                      "Nota o motivo", "Richiesta"},
                     rows),
           "Modifiche registrate, dalla più recente", "EVENTS", page);
  return absl::OkStatus();
}

}  // namespace valore::web
