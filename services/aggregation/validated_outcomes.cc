// AggregationCore's validated outcome writes: each checked against the
// catalog in force for its period and, unless from a published document,
// against the computed outcome it departs from; then kept
// (ValidatedOutcomeStore) under the request's id.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/stored_upgrades.h"
#include "storage/key_codec.h"

namespace valore::aggregation {

namespace {

// The computed outcome of an item in a report.
v1::Outcome ComputedIn(const v1::Report& report, v1::ItemType type,
                       const std::string& item) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      for (const auto& r : report.indicators()) {
        if (r.code() == item) return r.computed();
      }
      break;
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      for (const auto& r : report.lines()) {
        if (r.code() == item) return r.computed();
      }
      break;
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      for (const auto& r : report.objectives()) {
        if (r.code() == item) return r.computed();
      }
      break;
    default:
      break;
  }
  return v1::OUTCOME_UNSPECIFIED;
}

// Label of an outcome for messages, as the line tables word it.
std::string Shown(v1::Outcome o) { return LineOutcomeLabel(o); }

}  // namespace

absl::StatusOr<std::string> AggregationCore::StoreValidated(
    absl::string_view method, const google::protobuf::Message& request,
    const std::string& request_id,
    const google::protobuf::RepeatedPtrField<v1::ValidatedOutcome>& outcomes,
    bool from_document, const std::string& author, absl::Time now,
    absl::Time deadline) {
  if (outcomes.empty()) {
    return InvalidFieldError("validated_outcomes", "at least one is required",
                             v1::FIELD_REQUIRED);
  }
  if (outcomes.size() > kMaxBatchOutcomes) {
    return InvalidFieldError(
        "validated_outcomes",
        absl::StrCat(outcomes.size(), " is over the limit of ",
                     kMaxBatchOutcomes));
  }
  // The catalog version in force now for each period of the batch, read
  // once per period: every outcome is checked against its own period's.
  std::map<uint16_t, std::shared_ptr<const v1::Catalog>> catalogs;
  std::vector<uint16_t> periods;
  std::set<std::pair<uint16_t, std::string>> scopes;
  std::vector<std::string> entities;  // of each outcome's scope
  for (int i = 0; i < outcomes.size(); ++i) {
    const v1::ValidatedOutcome& v = outcomes[i];
    const std::string field =
        outcomes.size() == 1 ? "validated_outcome."
                             : absl::StrCat("validated_outcomes[", i, "].");
    absl::StatusOr<CheckedOutcome> checked = CheckValidatedOutcome(v, field);
    if (!checked.ok()) return checked.status();
    const Period* period = &checked->period;
    const std::string* entity = &checked->entity;
    periods.push_back(period->ordinal());
    entities.push_back(*entity);
    auto in_force = catalogs.find(period->ordinal());
    if (in_force == catalogs.end()) {
      absl::StatusOr<std::shared_ptr<const v1::Catalog>> fetched =
          sources_->Catalog(*period, /*as_of_micros=*/0, deadline);
      if (!fetched.ok()) return fetched.status();
      in_force = catalogs.emplace(period->ordinal(), *std::move(fetched)).first;
    }
    const v1::Catalog& catalog = *in_force->second;
    if (absl::Status s = CheckValidatedInCatalog(v, *entity, catalog, field);
        !s.ok()) {
      return s;
    }
    scopes.insert({period->ordinal(), *entity});
  }
  if (!from_document) {
    // A validated outcome that differs from the computed one needs a reason.
    std::map<std::pair<uint16_t, std::string>, v1::Report> reports;
    for (const auto& [period, scope] : scopes) {
      v1::GetReportRequest get;
      get.set_period(Period::FromOrdinal(period).ToString());
      get.set_scope(ScopeOf(scope));
      absl::StatusOr<v1::Report> report = GetReport(get, deadline);
      if (report.ok()) {
        reports[{period, scope}] = *std::move(report);
      } else if (!absl::IsNotFound(report.status())) {
        return report.status();
      }
    }
    for (int i = 0; i < outcomes.size(); ++i) {
      const v1::ValidatedOutcome& v = outcomes[i];
      auto report = reports.find({periods[i], entities[i]});
      const v1::Outcome computed =
          report == reports.end()
              ? v1::OUTCOME_NOT_ASSESSABLE
              : ComputedIn(report->second, v.item_type(), v.item());
      if (v.outcome() != computed && v.justification().empty()) {
        const std::string field =
            outcomes.size() == 1 ? "validated_outcome."
                                 : absl::StrCat("validated_outcomes[", i, "].");
        return InvalidFieldError(
            field + "justification",
            absl::StrCat("required, because ",
                         QuoteForMessage(Shown(v.outcome())),
                         " differs from the computed outcome ",
                         QuoteForMessage(Shown(computed)), " of ", v.item(),
                         " in ", v.period()),
            v1::JUSTIFICATION_REQUIRED);
      }
    }
  }
  std::vector<ValidatedOutcomeStore::Checked> checked;
  for (int i = 0; i < outcomes.size(); ++i) {
    checked.push_back(
        {&outcomes[i], Period::FromOrdinal(periods[i]), entities[i]});
  }
  return Idempotent(
      method, author, request_id, request, now,
      [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
        absl::StatusOr<std::vector<v1::ValidatedOutcome>> put =
            validated_->Put(checked, author, request_id, method, now, tx);
        if (!put.ok()) return put.status();
        v1::BatchSetValidatedOutcomesResponse response;
        for (v1::ValidatedOutcome& v : *put) {
          *response.add_validated_outcomes() = std::move(v);
        }
        return response.SerializeAsString();
      });
}

absl::StatusOr<v1::ValidatedOutcome> AggregationCore::SetValidatedOutcome(
    const v1::SetValidatedOutcomeRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  google::protobuf::RepeatedPtrField<v1::ValidatedOutcome> one;
  *one.Add() = r.validated_outcome();
  absl::StatusOr<std::string> answer =
      StoreValidated("SetValidatedOutcome", r, r.request_id(), one, false,
                     author, now, deadline);
  if (!answer.ok()) return answer.status();
  v1::BatchSetValidatedOutcomesResponse response;
  if (!response.ParseFromString(*answer) ||
      response.validated_outcomes_size() != 1) {
    return absl::DataLossError("aggregation: stored answer unreadable");
  }
  return response.validated_outcomes(0);
}

absl::StatusOr<v1::BatchSetValidatedOutcomesResponse>
AggregationCore::BatchSetValidatedOutcomes(
    const v1::BatchSetValidatedOutcomesRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  absl::StatusOr<std::string> answer = StoreValidated(
      "BatchSetValidatedOutcomes", r, r.request_id(), r.validated_outcomes(),
      r.from_published_document(), author, now, deadline);
  if (!answer.ok()) return answer.status();
  v1::BatchSetValidatedOutcomesResponse response;
  if (!response.ParseFromString(*answer)) {
    return absl::DataLossError("aggregation: stored answer unreadable");
  }
  return response;
}

}  // namespace valore::aggregation
