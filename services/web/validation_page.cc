// Validazione esiti: every item whose validated outcome differs from the
// computed one, and every item the rules cannot assess; the office sets a
// validated outcome with a justification, which the aggregation service
// requires when it differs from the computed one.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"
#include "common/scopes.h"
#include "services/gateway/problem.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/table_view.h"
#include "services/web/url_query.h"

namespace valore::web {
namespace {

namespace ri = cli::report_internal;

constexpr v1::Outcome kChoices[] = {
    v1::OUTCOME_ACHIEVED, v1::OUTCOME_PARTLY_ACHIEVED,
    v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, v1::OUTCOME_NOT_ACHIEVED,
    v1::OUTCOME_NOT_ASSESSABLE};

struct Candidate {
  v1::ItemType type;
  std::string code;
  std::string title;
  v1::Outcome computed;
  v1::Outcome validated;
  std::string justification;
};

// A validation the service refused: shown again on its item's form, with
// what was chosen and typed and why it was refused.
struct Refused {
  v1::ItemType type;
  std::string code;
  v1::Outcome outcome;
  std::string justification;
  absl::Status status;
};

void AddCandidate(const Candidate& c, bool writable, const std::string& period,
                  const std::string& entity, const Refused* refused,
                  ctemplate::TemplateDictionary* page) {
  ctemplate::TemplateDictionary* row = page->AddSectionDictionary("ITEM");
  row->SetValue("CODE", c.code);
  row->SetValue("TITLE", c.title);
  row->SetValue("TYPE", ri::ItemTypeLabel(c.type));
  row->SetIntValue("TYPE_NUMBER", c.type);
  row->SetValue("COMPUTED", ri::ItemOutcomeLabel(c.type, c.computed));
  row->SetValue("VALIDATED", c.validated == v1::OUTCOME_UNSPECIFIED
                                 ? "—"
                                 : ri::ItemOutcomeLabel(c.type, c.validated));
  row->SetValue("JUSTIFICATION", c.justification);
  const std::string link = ItemLink(c.type, c.code, period, entity);
  if (!link.empty()) row->AddSectionDictionary("LINK")->SetValue("HREF", link);
  if (!writable) return;
  ctemplate::TemplateDictionary* form = row->AddSectionDictionary("FORM");
  const bool this_one =
      refused != nullptr && refused->type == c.type && refused->code == c.code;
  v1::Outcome current =
      c.validated == v1::OUTCOME_UNSPECIFIED ? c.computed : c.validated;
  if (this_one) {
    current = refused->outcome;
    form->SetValue("JUSTIFICATION", refused->justification);
    form->ShowSection("INVALID");
    ctemplate::TemplateDictionary* error = form->AddSectionDictionary("ERROR");
    const std::string sentence = ReasonInItalian(refused->status);
    error->SetValue("TEXT", sentence.empty() ? "Esito non salvato" : sentence);
    error->SetValue("DETAIL", std::string(refused->status.message()));
  }
  for (v1::Outcome outcome : kChoices) {
    ctemplate::TemplateDictionary* option =
        form->AddSectionDictionary("OUTCOME_OPTION");
    option->SetIntValue("VALUE", outcome);
    option->SetValue("LABEL", ri::ItemOutcomeLabel(c.type, outcome));
    if (outcome == current) option->ShowSection("SELECTED");
  }
}

// The page, with `refused` (may be null) shown on its item's form.
absl::Status FillValidation(const PageContext& context,
                            ctemplate::TemplateDictionary* page,
                            PageResult* result, const Refused* refused) {
  result->template_name = "validation.tpl";
  absl::StatusOr<PageChoices> choices = ReadChoices(context);
  if (!choices.ok()) return choices.status();
  AddChoices(*choices, "Ambito", kUnionScopeLabel, page);
  v1::GetReportRequest request;
  request.set_period(choices->period);
  request.set_scope(ScopeOf(choices->entity));
  absl::StatusOr<v1::Report> report =
      context.calls.Aggregation<v1::Report>("GetReport", request);
  if (!report.ok() && report.status().code() == absl::StatusCode::kNotFound) {
    page->SetIntValue("COUNT", 0);
    page->ShowSection("NONE");
    return absl::OkStatus();
  }
  if (!report.ok()) return report.status();
  const bool writable = context.session.caller.role() == v1::Caller::ROLE_ADMIN;
  if (!writable) page->ShowSection("READ_ONLY");
  int count = 0;
  for (const v1::Disagreement& d : report->disagreements()) {
    AddCandidate({d.item_type(), d.item(), d.title(), d.computed(),
                  d.validated(), d.justification()},
                 writable, choices->period, choices->entity, refused, page);
    ++count;
  }
  for (const v1::IndicatorResult& i : report->indicators()) {
    if (i.computed() != v1::OUTCOME_NOT_ASSESSABLE ||
        (i.validated() != v1::OUTCOME_UNSPECIFIED &&
         i.validated() != i.computed())) {
      continue;  // assessable, or listed above among the differences
    }
    AddCandidate({v1::ITEM_TYPE_INDICATOR, i.code(), i.title(), i.computed(),
                  i.validated(), i.justification()},
                 writable, choices->period, choices->entity, refused, page);
    ++count;
  }
  page->SetIntValue("COUNT", count);
  if (count == 0) page->ShowSection("NONE");
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidationPage(const PageContext& context,
                            ctemplate::TemplateDictionary* page,
                            PageResult* result) {
  return FillValidation(context, page, result, nullptr);
}

absl::Status SaveValidation(const PageContext& context,
                            ctemplate::TemplateDictionary* page,
                            PageResult* result) {
  v1::SetValidatedOutcomeRequest request;
  v1::ValidatedOutcome* outcome = request.mutable_validated_outcome();
  int type = 0;
  int value = 0;
  if (!absl::SimpleAtoi(context.Param("tipo"), &type) ||
      !v1::ItemType_IsValid(type)) {
    return ItalianError(
        absl::StatusCode::kInvalidArgument,
        absl::StrCat("tipo: \"", context.Param("tipo"), "\" non previsto"));
  }
  if (!absl::SimpleAtoi(context.Param("esito"), &value) ||
      !v1::Outcome_IsValid(value)) {
    return ItalianError(
        absl::StatusCode::kInvalidArgument,
        absl::StrCat("esito: \"", context.Param("esito"), "\" non previsto"));
  }
  outcome->set_item_type(static_cast<v1::ItemType>(type));
  outcome->set_item(context.Param("voce"));
  outcome->set_period(context.Param("periodo"));
  outcome->set_scope(ScopeOf(context.Param("ente")));
  outcome->set_outcome(static_cast<v1::Outcome>(value));
  outcome->set_justification(context.Param("motivazione"));
  absl::StatusOr<v1::ValidatedOutcome> saved =
      context.calls.Aggregation<v1::ValidatedOutcome>("SetValidatedOutcome",
                                                      request);
  if (!saved.ok()) {
    if (saved.status().code() == absl::StatusCode::kUnauthenticated) {
      return saved.status();
    }
    // The list again, the refused form as it was sent, saying why.
    const Refused refused{outcome->item_type(), outcome->item(),
                          outcome->outcome(), outcome->justification(),
                          saved.status()};
    result->status = gateway::HttpStatusOf(saved.status().code());
    result->flash = ErrorFlash(saved.status());
    return FillValidation(context, page, result, &refused);
  }
  result->redirect = UrlWithQuery(
      "/validazione",
      {{"periodo", outcome->period()}, {"ente", context.Param("ente")}});
  result->flash.text = absl::StrCat(
      "Esito di ", outcome->item(), " validato: ",
      ri::ItemOutcomeLabel(outcome->item_type(), saved->outcome()), ".");
  return absl::OkStatus();
}

}  // namespace valore::web
