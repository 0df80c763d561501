#include "services/aggregation/aggregation_core.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "google/protobuf/arena.h"
#include "services/aggregation/report_builder.h"
#include "services/common/request_ids.h"
#include "storage/key_codec.h"

namespace valore::aggregation {
namespace {

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

// ... | type | item \0 | revision: every revision of one item, in order.
std::string ValidatedKey(uint16_t period, const v1::ValidatedOutcome& v,
                         uint64_t revision) {
  std::string key = ScopePrefix(period, v.entity());
  key.push_back(static_cast<char>(v.item_type()));
  key.append(v.item());
  key.push_back('\0');
  storage::AppendU64(&key, revision);
  return key;
}

std::string PublishedKey(uint16_t period) {
  std::string key;
  storage::AppendU16(&key, period);
  return key;
}

const char* ItemTypeName(v1::ItemType type) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      return "indicator";
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      return "programme line";
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      return "executive objective";
    default:
      return "item";
  }
}

bool CatalogHas(const v1::Catalog& c, v1::ItemType type,
                const std::string& item) {
  switch (type) {
    case v1::ITEM_TYPE_INDICATOR:
      for (const auto& i : c.indicators()) {
        if (i.code() == item) return true;
      }
      return false;
    case v1::ITEM_TYPE_PROGRAMME_LINE:
      for (const auto& l : c.lines()) {
        if (l.code() == item) return true;
      }
      return false;
    case v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE:
      for (const auto& o : c.executive_objectives()) {
        if (o.code() == item) return true;
      }
      return false;
    default:
      return false;
  }
}

bool HasEntity(const v1::Catalog& c, const std::string& id) {
  for (const v1::Entity& e : c.entities()) {
    if (e.id() == id) return true;
  }
  return false;
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

AggregationCore::AggregationCore(std::unique_ptr<storage::KvStore> kv,
                                 Sources* sources)
    : kv_(std::move(kv)),
      sources_(sources),
      validated_(kv_->Family("validated")),
      published_(kv_->Family("published")),
      requests_(kv_->Family("requests")),
      meta_(kv_->Family("meta")),
      snapshots_(kv_->Family("snapshots")) {}

absl::StatusOr<std::unique_ptr<AggregationCore>> AggregationCore::Open(
    const std::string& dir, const storage::KvOptions& options,
    Sources* sources) {
  storage::KvOptions kv_options = options;
  kv_options.column_families = {"validated", "published", "requests",
                                "meta",      "snapshots", AuditLog::kFamily};
  absl::StatusOr<std::unique_ptr<storage::KvStore>> kv =
      storage::KvStore::Open(dir, kv_options);
  if (!kv.ok()) return kv.status();
  std::unique_ptr<AggregationCore> core(
      new AggregationCore(*std::move(kv), sources));
  absl::StatusOr<std::unique_ptr<AuditLog>> audit =
      AuditLog::Open(core->kv_.get());
  if (!audit.ok()) return audit.status();
  core->audit_ = *std::move(audit);
  absl::StatusOr<std::optional<std::string>> last =
      core->kv_->Get(core->meta_, kLastRevisionKey);
  if (!last.ok()) return last.status();
  if (last->has_value()) {
    absl::string_view bytes = **last;
    uint64_t revision = 0;
    if (!storage::ConsumeU64(&bytes, &revision)) {
      return absl::DataLossError(
          "aggregation: last revision record unreadable");
    }
    absl::MutexLock lock(&core->write_mu_);
    core->last_revision_ = revision;
  }
  return core;
}

absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
AggregationCore::NewestValidated(const std::string& prefix,
                                 int64_t as_of_micros) const {
  // Keys of one item are consecutive and in revision order: the last one
  // seen (within as_of) wins.
  std::map<std::tuple<std::string, int, std::string>, v1::ValidatedOutcome>
      newest;
  absl::Status status = kv_->ScanPrefix(
      validated_, prefix, [&](absl::string_view, absl::string_view value) {
        v1::ValidatedOutcome v;
        if (!v.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return true;
        }
        if (as_of_micros > 0 && Micros(v.create_time()) > as_of_micros) {
          return true;
        }
        newest[{v.entity(), static_cast<int>(v.item_type()), v.item()}] =
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

absl::StatusOr<std::vector<v1::PublishedFigure>> AggregationCore::LoadPublished(
    uint16_t period) const {
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(published_, PublishedKey(period));
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::vector<v1::PublishedFigure>();
  v1::ImportPublishedFiguresRequest figures;
  if (!figures.ParseFromString(**stored)) {
    return absl::DataLossError("aggregation: published figures unreadable");
  }
  return std::vector<v1::PublishedFigure>(figures.figures().begin(),
                                          figures.figures().end());
}

absl::StatusOr<v1::Report> AggregationCore::GetReport(
    const v1::GetReportRequest& r, absl::Time deadline) {
  absl::StatusOr<std::shared_ptr<const std::string>> bytes =
      GetReportBytes(r, deadline);
  if (!bytes.ok()) return bytes.status();
  v1::Report report;
  if (!report.ParseFromString(**bytes)) {
    return absl::InternalError("aggregation: a report does not read back");
  }
  return report;
}

namespace {

// The cache key of a report question.
std::string ReportKey(const v1::GetReportRequest& r, int64_t as_of) {
  return absl::StrCat(r.period(), "|", r.entity(), "|", as_of, "|",
                      r.allow_partial() ? 1 : 0);
}

}  // namespace

bool AggregationCore::CachedReportAsync(
    const v1::GetReportRequest& r, absl::Time deadline,
    std::function<void(std::shared_ptr<const std::string>)> done) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return false;
  absl::StatusOr<int64_t> as_of_micros = AsOfMicros(r);
  if (!as_of_micros.ok()) return false;
  const int64_t as_of = *as_of_micros;
  std::string key = ReportKey(r, as_of);
  std::shared_ptr<const CachedReport> cached;
  {
    absl::MutexLock lock(&cache_mu_);
    auto it = report_cache_.find(key);
    if (it == report_cache_.end()) return false;
    cached = it->second;
  }
  if (cached->local != kv_->db()->GetLatestSequenceNumber()) return false;
  // Half the time at most: if a service does not answer, the report is
  // built (and its error named) in the time left.
  const absl::Time now = absl::Now();
  const absl::Time check_deadline =
      deadline > now ? now + (deadline - now) / 2 : deadline;
  sources_->RevalidateAsync(
      cached->catalog_etag,
      {*period, period->Previous(), period->SameHalfLastYear()}, as_of,
      cached->entities, cached->versions, check_deadline,
      [this, key = std::move(key), cached,
       done = std::move(done)](bool unchanged) {
        if (!unchanged) {
          // Stale: the caller builds the report again (GetReportBytes) and
          // must not revalidate this entry first; it is kept as asked, so
          // the new report is cached.
          absl::MutexLock lock(&cache_mu_);
          auto it = report_cache_.find(key);
          if (it != report_cache_.end() && it->second == cached) {
            report_cache_.erase(it);
            asked_.insert(key);
          }
        }
        done(unchanged
                 ? std::shared_ptr<const std::string>(cached, &cached->bytes)
                 : nullptr);
      });
  return true;
}

absl::StatusOr<std::shared_ptr<const std::string>>
AggregationCore::GetReportBytes(const v1::GetReportRequest& r,
                                absl::Time deadline) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  // Checked: any int64 seconds can arrive, and would overflow the micros.
  absl::StatusOr<int64_t> as_of_micros = AsOfMicros(r);
  if (!as_of_micros.ok()) return as_of_micros.status();
  const int64_t as_of = *as_of_micros;
  const std::vector<Period> periods = {*period, period->Previous(),
                                       period->SameHalfLastYear()};
  // The three periods are read at once. A partial report must still answer
  // in time: the reads may wait for a capture service that is gone, and get
  // most but not all of the time.
  const absl::Time now = absl::Now();
  const absl::Time call_deadline = r.allow_partial() && deadline > now
                                       ? now + (deadline - now) * 6 / 10
                                       : deadline;

  // A report asked before, whose inputs have not changed, is answered from
  // the cache; the catalog and the values are revalidated together, each
  // read conditional on what it found then.
  const std::string cache_key = ReportKey(r, as_of);
  std::shared_ptr<const CachedReport> cached;
  bool asked_before = false;
  {
    absl::MutexLock lock(&cache_mu_);
    auto it = report_cache_.find(cache_key);
    if (it != report_cache_.end()) {
      cached = it->second;
      asked_before = true;
    } else {
      asked_before = !asked_.insert(cache_key).second;
      // Bounded: a sweep over thousands of entities must not grow it.
      if (asked_.size() > 4 * kMaxCachedReports) asked_.clear();
    }
  }
  // Validated outcomes and published figures live here: any local write
  // changes the sequence number. Read before them, like the etags.
  const uint64_t local = kv_->db()->GetLatestSequenceNumber();
  // Entities whose capture service did not answer, with why.
  std::map<std::string, absl::Status> missing;
  std::shared_ptr<const v1::Catalog> catalog;
  if (cached != nullptr && cached->local == local) {
    absl::Notification catalog_done;
    absl::StatusOr<std::shared_ptr<const v1::Catalog>> fresh;
    sources_->CatalogAsync(
        deadline, [&](absl::StatusOr<std::shared_ptr<const v1::Catalog>> c) {
          fresh = std::move(c);
          catalog_done.Notify();
        });
    absl::StatusOr<std::vector<FetchedValues>> fetched =
        sources_->PeriodsValues(periods, as_of, cached->entities,
                                &cached->versions, call_deadline);
    catalog_done.WaitForNotification();
    if (!fresh.ok()) return fresh.status();
    catalog = *std::move(fresh);
    if (!fetched.ok()) return fetched.status();
    if (catalog->etag() == cached->catalog_etag &&
        std::all_of(fetched->begin(), fetched->end(),
                    [](const FetchedValues& f) { return f.unchanged; })) {
      // Shares the cache entry: no copy.
      return std::shared_ptr<const std::string>(cached, &cached->bytes);
    }
    // Something changed, and the conditional answers may hold only part of
    // the values: they are read again below, without the entities already
    // found missing.
    for (const FetchedValues& f : *fetched)
      missing.insert(f.unavailable.begin(), f.unavailable.end());
  } else {
    absl::StatusOr<std::shared_ptr<const v1::Catalog>> fetched_catalog =
        sources_->Catalog(deadline);
    if (!fetched_catalog.ok()) return fetched_catalog.status();
    catalog = *std::move(fetched_catalog);
  }
  if (!r.entity().empty() && !HasEntity(*catalog, r.entity())) {
    return absl::NotFoundError(absl::StrCat(
        "entity ", QuoteForMessage(r.entity()), " is not in the catalog"));
  }

  // An entity's report needs only its own values; the Union's needs all.
  std::vector<std::string> entities;
  if (!r.entity().empty()) {
    entities.push_back(r.entity());
  } else {
    for (const v1::Entity& e : catalog->entities()) entities.push_back(e.id());
  }
  const std::vector<std::string> asked_entities = entities;
  absl::StatusOr<std::vector<FetchedValues>> fetched;
  if (missing.empty() || r.allow_partial()) {
    entities.erase(std::remove_if(entities.begin(), entities.end(),
                                  [&](const std::string& e) {
                                    return missing.count(e) > 0;
                                  }),
                   entities.end());
    fetched =
        sources_->PeriodsValues(periods, as_of, entities, nullptr,
                                missing.empty() ? call_deadline : deadline);
    if (!fetched.ok()) return fetched.status();
    for (const FetchedValues& f : *fetched) {
      missing.insert(f.unavailable.begin(), f.unavailable.end());
    }
  }
  if (!missing.empty() && !r.allow_partial()) {
    const auto& [entity, why] = *missing.begin();
    return absl::UnavailableError(absl::StrCat(
        "entity ", QuoteForMessage(entity), ": ", why.message(),
        missing.size() > 1
            ? absl::StrCat(" (and ", missing.size() - 1, " more entities)")
            : "",
        "; ask with allow_partial for a partial report"));
  }

  ReportInputs in;
  in.catalog = catalog.get();
  in.period = *period;
  in.scope = r.entity();
  PeriodValues* targets[] = {&in.current, &in.previous_semester,
                             &in.previous_year};
  std::vector<std::string> versions;
  for (int i = 0; i < 3; ++i) {
    versions.push_back((*fetched)[i].version);
    *targets[i] = std::move((*fetched)[i].values);
  }
  for (const auto& [entity, why] : missing) {
    in.missing_entities.push_back(entity);
  }
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      LoadValidated(period->ordinal(), r.entity(), as_of);
  if (!validated.ok()) return validated.status();
  in.validated = *std::move(validated);
  absl::StatusOr<std::vector<v1::PublishedFigure>> published =
      LoadPublished(period->ordinal());
  if (!published.ok()) return published.status();
  in.published = *std::move(published);

  const bool scope_has_values = r.entity().empty()
                                    ? !in.current.empty()
                                    : in.current.count(r.entity()) > 0;
  if (!scope_has_values && in.validated.empty() && in.published.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "period ", period->ToString(), " has no data",
        r.entity().empty()
            ? ""
            : absl::StrCat(" for entity ", QuoteForMessage(r.entity())),
        ": no measurement, validated outcome or published figure"));
  }
  // Built on an arena (thousands of small messages, freed at once) and kept
  // as bytes: that is what goes out.
  auto entry = std::make_shared<CachedReport>();
  {
    google::protobuf::Arena arena;
    v1::Report* report =
        google::protobuf::Arena::CreateMessage<v1::Report>(&arena);
    BuildReportInto(in, report);
    if (r.has_as_of()) *report->mutable_as_of() = r.as_of();
    entry->bytes = report->SerializeAsString();
  }
  // Kept from the second time it is asked: a report asked once (one of a
  // sweep over every entity) is not worth keeping.
  const bool cacheable =
      asked_before && missing.empty() && !catalog->etag().empty() &&
      entry->bytes.size() <= kMaxCachedReportBytes &&
      std::none_of(versions.begin(), versions.end(),
                   [](const std::string& v) { return v.empty(); });
  if (cacheable) {
    entry->catalog_etag = catalog->etag();
    entry->local = local;
    entry->versions = std::move(versions);
    entry->entities = asked_entities;
    absl::MutexLock lock(&cache_mu_);
    if (report_cache_.size() >= kMaxCachedReports) report_cache_.clear();
    report_cache_[cache_key] = entry;
  }
  return std::shared_ptr<const std::string>(entry, &entry->bytes);
}

absl::StatusOr<std::string> AggregationCore::Idempotent(
    absl::string_view method, const std::string& author,
    const std::string& request_id, const google::protobuf::Message& request,
    const std::function<absl::StatusOr<std::string>(rocksdb::WriteBatch*)>&
        write) {
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  const std::string key = ReplayKey(method, author, request_id);
  const std::string fingerprint =
      request_id.empty() ? "" : RequestFingerprint(request);
  absl::MutexLock lock(&write_mu_);
  if (!request_id.empty()) {
    absl::StatusOr<std::optional<std::string>> stored =
        kv_->Get(requests_, key);
    if (!stored.ok()) return stored.status();
    if (stored->has_value())
      return MatchReplay(**stored, fingerprint, request_id);
  }
  rocksdb::WriteBatch batch;
  absl::StatusOr<std::string> answer = write(&batch);
  if (!answer.ok()) return answer.status();
  if (!request_id.empty())
    batch.Put(requests_, key, EncodeReplay(fingerprint, *answer));
  if (absl::Status s = kv_->Write(&batch); !s.ok()) return s;
  return answer;
}

absl::StatusOr<std::string> AggregationCore::StoreValidated(
    absl::string_view method, const google::protobuf::Message& request,
    const std::string& request_id,
    const google::protobuf::RepeatedPtrField<v1::ValidatedOutcome>& outcomes,
    bool from_document, const std::string& author, absl::Time now,
    absl::Time deadline) {
  if (outcomes.empty()) {
    return absl::InvalidArgumentError(
        "validated_outcomes: at least one is required");
  }
  if (outcomes.size() > kMaxBatchOutcomes) {
    return absl::InvalidArgumentError(
        absl::StrCat("validated_outcomes: ", outcomes.size(),
                     " is over the limit of ", kMaxBatchOutcomes));
  }
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> catalog =
      sources_->Catalog(deadline);
  if (!catalog.ok()) return catalog.status();
  std::vector<uint16_t> periods;
  std::set<std::pair<uint16_t, std::string>> scopes;
  for (int i = 0; i < outcomes.size(); ++i) {
    const v1::ValidatedOutcome& v = outcomes[i];
    const std::string field =
        outcomes.size() == 1 ? "validated_outcome."
                             : absl::StrCat("validated_outcomes[", i, "].");
    absl::StatusOr<Period> period = Period::Parse(v.period(), field + "period");
    if (!period.ok()) return period.status();
    periods.push_back(period->ordinal());
    if (v.outcome() < v1::OUTCOME_NOT_ASSESSABLE ||
        v.outcome() > v1::OUTCOME_ACHIEVED) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, "outcome: ", v.outcome(),
          " is not one of Non valutabile, Non raggiunto, Quasi raggiunto (con "
          "criticità), Quasi raggiunto (no criticità), Raggiunto"));
    }
    if (v.item_type() == v1::ITEM_TYPE_UNSPECIFIED ||
        !v1::ItemType_IsValid(v.item_type())) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, "item_type: ", v.item_type(),
          " is not indicator, programme line or executive objective"));
    }
    if (!CatalogHas(**catalog, v.item_type(), v.item())) {
      return absl::NotFoundError(
          absl::StrCat(field, "item: ", ItemTypeName(v.item_type()), " ",
                       QuoteForMessage(v.item()), " is not in the catalog"));
    }
    if (!v.entity().empty() && !HasEntity(**catalog, v.entity())) {
      return absl::NotFoundError(
          absl::StrCat(field, "entity: ", QuoteForMessage(v.entity()),
                       " is not in the catalog"));
    }
    if (v.justification().size() > kMaxJustificationBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "justification: ", v.justification().size(),
                       " bytes is over the limit of ", kMaxJustificationBytes));
    }
    scopes.insert({period->ordinal(), v.entity()});
  }
  if (!from_document) {
    // A validated outcome that differs from the computed one needs a reason.
    std::map<std::pair<uint16_t, std::string>, v1::Report> reports;
    for (const auto& [period, scope] : scopes) {
      v1::GetReportRequest get;
      get.set_period(Period::FromOrdinal(period).ToString());
      get.set_entity(scope);
      absl::StatusOr<v1::Report> report = GetReport(get, deadline);
      if (report.ok()) {
        reports[{period, scope}] = *std::move(report);
      } else if (!absl::IsNotFound(report.status())) {
        return report.status();
      }
    }
    for (int i = 0; i < outcomes.size(); ++i) {
      const v1::ValidatedOutcome& v = outcomes[i];
      auto report = reports.find({periods[i], v.entity()});
      const v1::Outcome computed =
          report == reports.end()
              ? v1::OUTCOME_NOT_ASSESSABLE
              : ComputedIn(report->second, v.item_type(), v.item());
      if (v.outcome() != computed && v.justification().empty()) {
        const std::string field =
            outcomes.size() == 1 ? "validated_outcome."
                                 : absl::StrCat("validated_outcomes[", i, "].");
        return absl::InvalidArgumentError(
            absl::StrCat(field, "justification: required, because ",
                         QuoteForMessage(Shown(v.outcome())),
                         " differs from the computed outcome ",
                         QuoteForMessage(Shown(computed)), " of ", v.item(),
                         " in ", v.period()));
      }
    }
  }
  return Idempotent(
      method, author, request_id, request,
      [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
        write_mu_.AssertHeld();
        v1::BatchSetValidatedOutcomesResponse response;
        uint64_t revision = last_revision_;
        for (int i = 0; i < outcomes.size(); ++i) {
          v1::ValidatedOutcome v = outcomes[i];
          v.set_author(author);
          v.set_request_id(request_id);
          v.set_revision(static_cast<int64_t>(++revision));
          v.mutable_create_time()->set_seconds(absl::ToUnixSeconds(now));
          v.mutable_create_time()->set_nanos(
              static_cast<int32_t>(absl::ToUnixMicros(now) % 1000000 * 1000));
          if (absl::Status s = AuditValidated(v, periods[i], author, request_id,
                                              method, now, batch);
              !s.ok()) {
            return s;
          }
          batch->Put(validated_, ValidatedKey(periods[i], v, revision),
                     v.SerializeAsString());
          *response.add_validated_outcomes() = std::move(v);
        }
        std::string last;
        storage::AppendU64(&last, revision);
        batch->Put(meta_, kLastRevisionKey, last);
        last_revision_ = revision;
        return response.SerializeAsString();
      });
}

absl::Status AggregationCore::AuditValidated(
    const v1::ValidatedOutcome& v, uint16_t period, const std::string& author,
    const std::string& request_id, absl::string_view method, absl::Time now,
    rocksdb::WriteBatch* batch) {
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
  event.set_entity(v.entity());
  event.set_item(v.item());
  event.set_period(v.period());
  v1::ValidatedOutcome previous;
  if (before->has_value() && previous.ParseFromString((*before)->second)) {
    event.set_previous_value(Shown(previous.outcome()));
  }
  event.set_new_value(Shown(v.outcome()));
  event.set_detail(v.justification());
  audit_->Append(std::move(event), now, batch);
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
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      LoadValidated(period->ordinal(), r.entity(), 0);
  if (!validated.ok()) return validated.status();
  v1::ListValidatedOutcomesResponse out;
  for (v1::ValidatedOutcome& v : *validated)
    *out.add_validated_outcomes() = std::move(v);
  return out;
}

absl::StatusOr<v1::ImportPublishedFiguresResponse>
AggregationCore::ImportPublishedFigures(
    const v1::ImportPublishedFiguresRequest& r, const std::string& author,
    absl::Time now) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (r.figures_size() > kMaxBatchOutcomes) {
    return absl::InvalidArgumentError(
        absl::StrCat("figures: ", r.figures_size(), " is over the limit of ",
                     kMaxBatchOutcomes));
  }
  for (int i = 0; i < r.figures_size(); ++i) {
    const v1::PublishedFigure& f = r.figures(i);
    if (f.table().empty() || f.row().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("figures[", i, "]: table and row are required"));
    }
    if (!std::isfinite(f.count())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "figures[", i, "].count: ", f.count(), " is not finite"));
    }
  }
  absl::StatusOr<std::string> answer = Idempotent(
      "ImportPublishedFigures", author, r.request_id(), r,
      [&](rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
        v1::ImportPublishedFiguresRequest stored = r;
        stored.clear_request_id();
        stored.set_author(author);
        batch->Put(published_, PublishedKey(period->ordinal()),
                   stored.SerializeAsString());
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(r.request_id());
        event.set_method("AggregationService.ImportPublishedFigures");
        event.set_period(period->ToString());
        event.set_new_value(
            absl::StrCat(r.figures_size(), " cifre pubblicate"));
        audit_->Append(std::move(event), now, batch);
        v1::ImportPublishedFiguresResponse response;
        response.set_figures(r.figures_size());
        return response.SerializeAsString();
      });
  if (!answer.ok()) return answer.status();
  v1::ImportPublishedFiguresResponse response;
  response.ParseFromString(*answer);
  return response;
}

}  // namespace valore::aggregation
