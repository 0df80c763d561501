// AggregationCore's validated outcomes: checked against the catalog and the
// computed outcomes, stored revisioned with their audit events, and read
// back as they were at a time.
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
#include "services/aggregation/aggregation_core_internal.h"
#include "services/aggregation/stored_upgrades.h"
#include "storage/key_codec.h"

namespace valore::aggregation {

using internal::kLastRevisionKey;

namespace {

int64_t Micros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

// period | scope \0 : the prefix of one report's validated outcomes.
std::string ScopePrefix(uint16_t period, const std::string& scope) {
  std::string key;
  storage::AppendU16(&key, period);
  key.append(scope);
  key.push_back('\0');
  return key;
}

// The entity id of a validated outcome's scope, "" for the Union-wide one
// (the scope was checked when stored, or upgraded when read).
std::string EntityOf(const v1::ValidatedOutcome& v) {
  absl::StatusOr<std::string> entity = ParseScopeName(v.scope(), "scope");
  return entity.ok() ? *entity : std::string();
}

// ... | type | item \0 | revision: every revision of one item, in order.
std::string ValidatedKey(uint16_t period, const v1::ValidatedOutcome& v,
                         uint64_t revision) {
  std::string key = ScopePrefix(period, EntityOf(v));
  key.push_back(static_cast<char>(v.item_type()));
  key.append(v.item());
  key.push_back('\0');
  storage::AppendU64(&key, revision);
  return key;
}

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

absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
AggregationCore::NewestValidated(const std::string& prefix,
                                 int64_t as_of_micros) const {
  // Keys of one item are consecutive and in revision order: the last one
  // seen (within as_of) wins.
  std::map<std::tuple<std::string, int, std::string>, v1::ValidatedOutcome>
      newest;
  absl::Status status = kv_->ScanPrefix(
      validated_, prefix, [&](absl::string_view key, absl::string_view value) {
        v1::ValidatedOutcome v;
        if (!v.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return true;
        }
        if (as_of_micros > 0 && Micros(v.create_time()) > as_of_micros) {
          return true;
        }
        UpgradeStoredValidated(&v);
        // period | entity \0 | ...: the scope's entity as the key holds it.
        const size_t end = key.find('\0', sizeof(uint16_t));
        std::string entity(
            key.substr(sizeof(uint16_t), end == absl::string_view::npos
                                             ? absl::string_view::npos
                                             : end - sizeof(uint16_t)));
        newest[{std::move(entity), static_cast<int>(v.item_type()), v.item()}] =
            std::move(v);
        return true;
      });
  if (!status.ok()) return status;
  std::map<std::string, std::vector<v1::ValidatedOutcome>> out;
  for (auto& [key, v] : newest) {
    out[std::get<0>(key)].push_back(std::move(v));
  }
  return out;
}

absl::StatusOr<std::vector<v1::ValidatedOutcome>>
AggregationCore::LoadValidated(uint16_t period, const std::string& scope,
                               int64_t as_of_micros) const {
  absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
      by_scope = NewestValidated(ScopePrefix(period, scope), as_of_micros);
  if (!by_scope.ok()) return by_scope.status();
  auto it = by_scope->find(scope);
  if (it == by_scope->end()) return std::vector<v1::ValidatedOutcome>();
  return std::move(it->second);
}

absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
AggregationCore::LoadValidatedByScope(uint16_t period,
                                      int64_t as_of_micros) const {
  std::string prefix;
  storage::AppendU16(&prefix, period);
  return NewestValidated(prefix, as_of_micros);
}

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
  return Idempotent(
      method, author, request_id, request, now,
      [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
        write_mu_.AssertHeld();
        v1::BatchSetValidatedOutcomesResponse response;
        uint64_t revision = last_revision_;
        for (int i = 0; i < outcomes.size(); ++i) {
          v1::ValidatedOutcome v = outcomes[i];
          v.set_author(author);
          v.set_request_id(request_id);
          v.set_scope(ScopeOf(entities[i]));
          v.set_name(ValidatedOutcomeName(entities[i], v.period(), v.item()));
          v.set_revision(static_cast<int64_t>(++revision));
          *v.mutable_create_time() =
              TimestampFromMicros(absl::ToUnixMicros(now));
          if (absl::Status s =
                  AuditValidated(v, periods[i], author, request_id, method, tx);
              !s.ok()) {
            return s;
          }
          tx.Put(validated_, ValidatedKey(periods[i], v, revision),
                 v.SerializeAsString());
          *response.add_validated_outcomes() = std::move(v);
        }
        std::string last;
        storage::AppendU64(&last, revision);
        tx.Put(meta_, kLastRevisionKey, last);
        last_revision_ = revision;
        return response.SerializeAsString();
      });
}

absl::Status AggregationCore::AuditValidated(const v1::ValidatedOutcome& v,
                                             uint16_t period,
                                             const std::string& author,
                                             const std::string& request_id,
                                             absl::string_view method,
                                             storage::Transaction& tx) {
  // The item's newest validated outcome so far: the key without revision.
  std::string item_prefix = ValidatedKey(period, v, 0);
  item_prefix.resize(item_prefix.size() - sizeof(uint64_t));
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> before =
      kv_->LastWithPrefix(validated_, item_prefix);
  if (!before.ok()) return before.status();
  v1::AuditEvent event;
  event.set_principal(author);
  event.set_request_id(request_id);
  event.set_method(absl::StrCat("AggregationService.", method));
  event.set_entity(EntityOf(v));
  event.set_item(v.item());
  event.set_period(v.period());
  v1::AuditChange::ValidatedOutcome* change =
      event.mutable_change()->mutable_validated_outcome();
  v1::ValidatedOutcome previous;
  if (before->has_value() && previous.ParseFromString((*before)->second)) {
    change->set_before(previous.outcome());
  }
  change->set_after(v.outcome());
  change->set_justification(v.justification());
  tx.Audit(std::move(event));
  return absl::OkStatus();
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

absl::StatusOr<v1::ListValidatedOutcomesResponse>
AggregationCore::ListValidatedOutcomes(
    const v1::ListValidatedOutcomesRequest& r) const {
  absl::StatusOr<ScopePeriodRef> parent =
      ParseScopePeriodName(r.parent(), "parent");
  if (!parent.ok()) return parent.status();
  absl::StatusOr<Period> period = Period::Parse(parent->period, "parent");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      LoadValidated(period->ordinal(), parent->entity, 0);
  if (!validated.ok()) return validated.status();
  v1::ListValidatedOutcomesResponse out;
  for (v1::ValidatedOutcome& v : *validated) {
    *out.add_validated_outcomes() = std::move(v);
  }
  return out;
}

absl::StatusOr<v1::ValidatedOutcome> AggregationCore::GetValidatedOutcome(
    const v1::GetValidatedOutcomeRequest& r) const {
  absl::StatusOr<ValidatedOutcomeRef> ref =
      ParseValidatedOutcomeName(r.name(), "name");
  if (!ref.ok()) return ref.status();
  absl::StatusOr<Period> period = Period::Parse(ref->period, "name");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      LoadValidated(period->ordinal(), ref->entity, 0);
  if (!validated.ok()) return validated.status();
  // Ordered by item type: an indicator before a line of the same code.
  for (v1::ValidatedOutcome& v : *validated) {
    if (v.item() == ref->item) return std::move(v);
  }
  return WithReason(absl::NotFoundError(absl::StrCat(
                        "no validated outcome ", QuoteForMessage(r.name()))),
                    v1::RESOURCE_NOT_FOUND, {{"name", r.name()}});
}

}  // namespace valore::aggregation
