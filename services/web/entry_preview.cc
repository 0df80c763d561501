// The outcome a value would get, asked by the entry grid while a person
// types: the capture service checks the value exactly as a write would
// (validate_only: rights, catalog, lock) and stores nothing; the
// evaluation rules then say what it gives against the entity's target.
#include "absl/strings/str_cat.h"
#include "cli/report/render_internal.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/resource_names.h"
#include "services/aggregation/evaluation.h"
#include "services/web/json_answer.h"
#include "services/web/page.h"
#include "services/web/page_labels.h"

namespace valore::web {
namespace {

// The preview's answer: what the value would give, or why it is refused.
void Answer(PageResult* result, bool ok, const std::string& message,
            const std::string& outcome = "",
            const std::string& explanation = "",
            const std::string& value = "") {
  result->download = JsonAnswer(ok, {{"message", message},
                                     {"outcome", outcome},
                                     {"explanation", explanation},
                                     {"value", value}});
  result->download_type = "application/json";
}

// The reason of a refused value, in the service's words: the description
// it gave the record's field, else its message.
std::string Reason(const absl::Status& status) {
  const google::rpc::BadRequest bad_request = BadRequestOf(status);
  if (bad_request.field_violations_size() > 0) {
    return bad_request.field_violations(0).description();
  }
  return std::string(status.message());
}

}  // namespace

absl::Status PreviewEntry(const PageContext& context,
                          ctemplate::TemplateDictionary*, PageResult* result) {
  v1::BatchWriteMeasurementsRequest check;
  check.set_validate_only(true);
  v1::Measurement* m = check.add_measurements();
  m->set_entity(context.Param("ente"));
  m->set_item(context.Param("voce"));
  m->set_period(context.Param("periodo"));
  m->set_value_text(context.Param("valore"));
  m->set_note(context.Param("nota"));
  if (m->value_text().empty()) {
    Answer(result, true, "");
    return absl::OkStatus();
  }
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> checked =
      context.calls.Capture<v1::BatchWriteMeasurementsResponse>(
          "BatchWriteMeasurements", check);
  if (!checked.ok()) {
    if (checked.status().code() == absl::StatusCode::kUnauthenticated) {
      return checked.status();
    }
    Answer(result, false, Reason(checked.status()));
    return absl::OkStatus();
  }
  const v1::Value& value = checked->measurements(0).value();
  const std::string shown = cli::report_internal::ValueText(value);
  absl::StatusOr<Period> period = Period::Parse(m->period(), "periodo");
  if (!period.ok()) return period.status();
  absl::StatusOr<v1::EvaluationPolicy> policy =
      context.calls.Catalog<v1::EvaluationPolicy>(
          "GetEvaluationPolicy", v1::GetEvaluationPolicyRequest());
  if (!policy.ok()) return policy.status();

  v1::GetIndicatorRequest get;
  get.set_name(absl::StrCat("indicators/", ResourceIdOf(m->item())));
  absl::StatusOr<v1::Indicator> indicator =
      context.calls.Catalog<v1::Indicator>("GetIndicator", get);
  if (indicator.ok()) {
    aggregation::IndicatorInput input =
        aggregation::InputOf(*indicator, *period, m->entity(), &value, nullptr);
    if (input.target != nullptr && input.target->has_entity_count()) {
      Answer(result, true,
             "L'esito dipende dai valori di tutti gli enti: si vede nella "
             "panoramica.",
             "", "", shown);
      return absl::OkStatus();
    }
    // A band is read against the same semester of the previous year.
    absl::StatusOr<v1::Measurement> last_year;
    if (input.target != nullptr && input.target->has_band()) {
      v1::GetMeasurementRequest previous;
      previous.set_name(MeasurementName(
          m->entity(), m->item(),
          Period(period->year() - 1, period->half()).ToString()));
      last_year =
          context.calls.Capture<v1::Measurement>("GetMeasurement", previous);
      if (last_year.ok()) {
        input.previous_year_value = &last_year->value();
      } else if (last_year.status().code() != absl::StatusCode::kNotFound) {
        return last_year.status();
      }
    }
    const aggregation::Evaluation evaluation =
        aggregation::EvaluateIndicator(input, *policy);
    Answer(result, true, "", IndicatorOutcomeLabel(evaluation.outcome),
           evaluation.explanation, shown);
    return absl::OkStatus();
  }
  if (indicator.status().code() != absl::StatusCode::kNotFound) {
    return indicator.status();
  }
  // Not an indicator: an executive objective's % achieved.
  const aggregation::Evaluation evaluation =
      aggregation::EvaluateObjective(&value, *policy);
  Answer(result, true, "", ObjectiveOutcomeLabel(evaluation.outcome),
         evaluation.explanation, shown);
  return absl::OkStatus();
}

}  // namespace valore::web
