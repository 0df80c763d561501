// Periodi e snapshot: lock and unlock a period with a reason, take a
// snapshot, list its versions, open or download a frozen report and compare
// it with the live data.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/report/render.h"
#include "common/italian_date.h"
#include "common/period.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/period_state.h"
#include "services/web/table_view.h"
#include "services/web/url_query.h"

namespace valore::web {

absl::Status PeriodsPage(const PageContext& context,
                         ctemplate::TemplateDictionary* page,
                         PageResult* result) {
  result->template_name = "periods.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ente", "", page);
  absl::StatusOr<PeriodState> state = ReadPeriodState(context, choices->period);
  if (!state.ok()) return state.status();
  AddPeriodState(*state, page);
  if (MayManagePeriods(context.session.caller)) {
    page->ShowSection(state->lock.locked() ? "UNLOCK_FORM" : "LOCK_FORM");
    page->ShowSection("SNAPSHOT_FORM");
  } else {
    page->ShowSection("READ_ONLY");
  }
  ctemplate::TemplateDictionary* versions =
      state->snapshots.snapshots_size() > 0
          ? page->AddSectionDictionary("HAS_VERSIONS")
          : nullptr;
  if (versions == nullptr) page->ShowSection("NO_VERSIONS");
  for (const v1::Snapshot& snapshot : state->snapshots.snapshots()) {
    ctemplate::TemplateDictionary* row =
        versions->AddSectionDictionary("VERSION");
    row->SetValue("NAME", snapshot.name());
    row->SetIntValue("NUMBER", snapshot.version());
    row->SetValue("WHEN", FormatItalianDateTime(snapshot.create_time()));
    row->SetValue("PRINCIPAL", snapshot.principal());
    row->SetValue("HASH", snapshot.content_hash().substr(0, 12));
  }

  const std::string compare = context.Param("confronta");
  if (!compare.empty()) {
    v1::DiffSnapshotRequest request;
    request.set_name(compare);
    absl::StatusOr<v1::DiffSnapshotResponse> diff =
        context.calls.Aggregation<v1::DiffSnapshotResponse>("DiffSnapshot",
                                                            request);
    if (!diff.ok()) return diff.status();
    ctemplate::TemplateDictionary* section = page->AddSectionDictionary("DIFF");
    section->SetIntValue("NUMBER", diff->snapshot().version());
    std::vector<std::vector<std::string>> rows;
    for (const v1::SnapshotChange& change : diff->changes()) {
      rows.push_back({change.what(), change.snapshot(), change.live()});
    }
    if (rows.empty()) {
      section->ShowSection("SAME");
    } else {
      AddTable(TextTable({"Voce", "Nello snapshot", "Dati attuali"}, rows),
               "Differenze tra lo snapshot e i dati attuali", "DIFF_TABLE",
               section);
    }
  }
  return absl::OkStatus();
}

absl::Status ChangePeriod(const PageContext& context,
                          ctemplate::TemplateDictionary*, PageResult* result) {
  const std::string period = context.Param("periodo");
  absl::StatusOr<Period> parsed = Period::Parse(period, "periodo");
  if (!parsed.ok()) return parsed.status();
  result->redirect = UrlWithQuery("/periodi", {{"periodo", period}});
  const std::string action = context.Param("azione");
  const std::string reason = context.Param("motivo");
  if (action == "blocca" || action == "sblocca") {
    if (reason.empty()) {
      return ItalianError(absl::StatusCode::kInvalidArgument,
                          "motivo: indicare il motivo");
    }
    absl::StatusOr<v1::PeriodLock> lock;
    if (action == "blocca") {
      v1::LockPeriodRequest request;
      request.set_period(period);
      request.set_reason(reason);
      lock = context.calls.Capture<v1::PeriodLock>("LockPeriod", request);
    } else {
      v1::UnlockPeriodRequest request;
      request.set_period(period);
      request.set_reason(reason);
      lock = context.calls.Capture<v1::PeriodLock>("UnlockPeriod", request);
    }
    if (!lock.ok()) return lock.status();
    result->flash.text = absl::StrCat(
        "Periodo ", period, lock->locked() ? " bloccato." : " sbloccato.");
    return absl::OkStatus();
  }
  if (action == "snapshot") {
    v1::TakeSnapshotRequest request;
    request.set_period(period);
    absl::StatusOr<v1::Snapshot> snapshot =
        context.calls.Aggregation<v1::Snapshot>("TakeSnapshot", request);
    if (!snapshot.ok()) return snapshot.status();
    result->flash.text =
        absl::StrCat("Snapshot del periodo ", period, " salvato: versione ",
                     snapshot->version(), ".");
    return absl::OkStatus();
  }
  return ItalianError(absl::StatusCode::kInvalidArgument,
                      absl::StrCat("azione: \"", action, "\" non prevista"));
}

absl::Status SnapshotDownload(const PageContext& context,
                              ctemplate::TemplateDictionary*,
                              PageResult* result) {
  v1::GetSnapshotRequest request;
  request.set_name(context.Param("nome"));
  absl::StatusOr<v1::Snapshot> snapshot =
      context.calls.Aggregation<v1::Snapshot>("GetSnapshot", request);
  if (!snapshot.ok()) return snapshot.status();
  const std::string format = context.Param("formato");
  const std::string base = absl::StrCat("valore-pubblico-", snapshot->period(),
                                        "-v", snapshot->version());
  if (format == "csv") {
    result->download =
        cli::RenderReport(snapshot->report(), cli::ReportFormat::kCsv);
    result->download_type = "text/csv; charset=utf-8";
    result->download_name = absl::StrCat(base, ".csv");
    return absl::OkStatus();
  }
  if (format != "html" && format != "pagina") {
    return ItalianError(
        absl::StatusCode::kInvalidArgument,
        absl::StrCat("formato: \"", format, "\" non previsto (html o csv)"));
  }
  result->download =
      cli::RenderReport(snapshot->report(), cli::ReportFormat::kHtml);
  result->download_type = "text/html; charset=utf-8";
  // "pagina" opens the frozen report in the browser; "html" downloads it.
  if (format == "html") result->download_name = absl::StrCat(base, ".html");
  // The report is one self-contained page with its own style sheet and no
  // script: sandboxed, nothing loaded from anywhere.
  result->content_security_policy =
      "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return absl::OkStatus();
}

}  // namespace valore::web
