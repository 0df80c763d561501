#include "services/aggregation/validated_outcome_store.h"

#include <optional>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "services/aggregation/stored_upgrades.h"
#include "storage/key_codec.h"

namespace valore::aggregation {
namespace {

// The key, in the meta family, of the last revision given.
constexpr char kLastRevisionKey[] = "last_revision";

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

}  // namespace

ValidatedOutcomeStore::ValidatedOutcomeStore(storage::KvStore* kv)
    : kv_(kv), family_(kv->Family(kFamily)), meta_(kv->Family(kMetaFamily)) {}

absl::StatusOr<std::unique_ptr<ValidatedOutcomeStore>>
ValidatedOutcomeStore::Open(storage::KvStore* kv) {
  std::unique_ptr<ValidatedOutcomeStore> store(new ValidatedOutcomeStore(kv));
  absl::StatusOr<std::optional<std::string>> last =
      kv->Get(store->meta_, kLastRevisionKey);
  if (!last.ok()) return last.status();
  if (last->has_value()) {
    absl::string_view bytes = **last;
    uint64_t revision = 0;
    if (!storage::ConsumeU64(&bytes, &revision)) {
      return absl::DataLossError(
          "aggregation: last revision record unreadable");
    }
    absl::MutexLock lock(&store->mu_);
    store->last_revision_ = revision;
  }
  return store;
}

absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
ValidatedOutcomeStore::Newest(const std::string& prefix,
                              int64_t as_of_micros) const {
  // Keys of one item are consecutive and in revision order: the last one
  // seen (within as_of) wins.
  std::map<std::tuple<std::string, int, std::string>, v1::ValidatedOutcome>
      newest;
  absl::Status status = kv_->ScanPrefix(
      family_, prefix, [&](absl::string_view key, absl::string_view value) {
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

absl::StatusOr<std::vector<v1::ValidatedOutcome>> ValidatedOutcomeStore::Load(
    Period period, const std::string& entity, int64_t as_of_micros) const {
  absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
      by_scope = Newest(ScopePrefix(period.ordinal(), entity), as_of_micros);
  if (!by_scope.ok()) return by_scope.status();
  auto it = by_scope->find(entity);
  if (it == by_scope->end()) return std::vector<v1::ValidatedOutcome>();
  return std::move(it->second);
}

absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
ValidatedOutcomeStore::LoadByScope(Period period, int64_t as_of_micros) const {
  std::string prefix;
  storage::AppendU16(&prefix, period.ordinal());
  return Newest(prefix, as_of_micros);
}

absl::StatusOr<std::vector<v1::ValidatedOutcome>> ValidatedOutcomeStore::Put(
    const std::vector<Checked>& outcomes, const std::string& author,
    const std::string& request_id, absl::string_view method, absl::Time now,
    storage::Transaction& tx) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::ValidatedOutcome> put;
  uint64_t revision = last_revision_;
  for (const Checked& c : outcomes) {
    v1::ValidatedOutcome v = *c.outcome;
    v.set_author(author);
    v.set_request_id(request_id);
    v.set_scope(ScopeOf(c.entity));
    v.set_name(ValidatedOutcomeName(c.entity, v.period(), v.item()));
    v.set_revision(static_cast<int64_t>(++revision));
    *v.mutable_create_time() = TimestampFromMicros(absl::ToUnixMicros(now));
    absl::StatusOr<v1::AuditEvent> event =
        EventOf(v, c.period.ordinal(), author, request_id, method);
    if (!event.ok()) return event.status();
    tx.Audit(*std::move(event));
    tx.Put(family_, ValidatedKey(c.period.ordinal(), v, revision),
           v.SerializeAsString());
    put.push_back(std::move(v));
  }
  std::string last;
  storage::AppendU64(&last, revision);
  tx.Put(meta_, kLastRevisionKey, last);
  // A commit that then fails leaves a gap in the revisions, never a reuse.
  last_revision_ = revision;
  return put;
}

absl::StatusOr<v1::AuditEvent> ValidatedOutcomeStore::EventOf(
    const v1::ValidatedOutcome& v, uint16_t period, const std::string& author,
    const std::string& request_id, absl::string_view method) const {
  // The item's newest validated outcome so far: the key without revision.
  std::string item_prefix = ValidatedKey(period, v, 0);
  item_prefix.resize(item_prefix.size() - sizeof(uint64_t));
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> before =
      kv_->LastWithPrefix(family_, item_prefix);
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
  return event;
}

absl::StatusOr<v1::ListValidatedOutcomesResponse> ValidatedOutcomeStore::List(
    const v1::ListValidatedOutcomesRequest& r) const {
  absl::StatusOr<ScopePeriodRef> parent =
      ParseScopePeriodName(r.parent(), "parent");
  if (!parent.ok()) return parent.status();
  absl::StatusOr<Period> period = Period::Parse(parent->period, "parent");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      Load(*period, parent->entity, 0);
  if (!validated.ok()) return validated.status();
  v1::ListValidatedOutcomesResponse out;
  for (v1::ValidatedOutcome& v : *validated) {
    *out.add_validated_outcomes() = std::move(v);
  }
  return out;
}

absl::StatusOr<v1::ValidatedOutcome> ValidatedOutcomeStore::Get(
    const v1::GetValidatedOutcomeRequest& r) const {
  absl::StatusOr<ValidatedOutcomeRef> ref =
      ParseValidatedOutcomeName(r.name(), "name");
  if (!ref.ok()) return ref.status();
  absl::StatusOr<Period> period = Period::Parse(ref->period, "name");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      Load(*period, ref->entity, 0);
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
