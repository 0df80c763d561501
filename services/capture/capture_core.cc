#include "services/capture/capture_core.h"

#include <openssl/sha.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/period.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "common/value_fit.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "services/capture/measurement_checks.h"
#include "services/capture/period_stream.h"
#include "services/common/request_ids.h"
#include "storage/key_codec.h"

namespace valore::capture {
namespace {

// How many bad records one error message lists before summarising.
constexpr int kMaxListedErrors = 20;

std::string LockKey(storage::PeriodOrdinal period) {
  std::string key;
  storage::AppendU16(&key, period);
  return key;
}

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* t) {
  t->set_seconds(micros / 1000000);
  t->set_nanos(static_cast<int32_t>((micros % 1000000) * 1000));
}

std::string CellName(const v1::Measurement& m) {
  return absl::StrCat("entities/", m.entity(), "/items/", m.item(), "/periods/",
                      m.period());
}

// 64 random bits in hex.
std::string RandomInstanceId() {
  std::random_device random;
  const uint64_t bits = (static_cast<uint64_t>(random()) << 32) ^ random();
  return absl::StrCat(absl::Hex(bits, absl::kZeroPad16));
}

// A stored replay answer, parsed into `T`.
template <typename T>
absl::StatusOr<T> Replayed(const std::string& bytes) {
  T out;
  if (!out.ParseFromString(bytes)) {
    return absl::DataLossError(
        "capture: stored answer of a request unreadable");
  }
  return out;
}

}  // namespace

CaptureCore::CaptureCore(std::unique_ptr<storage::KvStore> kv,
                         std::unique_ptr<storage::SeriesStore> series,
                         const CaptureOptions& options, ItemRegistry* registry)
    : kv_(std::move(kv)),
      series_(std::move(series)),
      locks_(kv_->Family("locks")),
      requests_(kv_->Family("requests")),
      served_(options.entities.begin(), options.entities.end()),
      registry_(registry),
      instance_(RandomInstanceId()),
      on_writable_change_(options.on_writable_change) {}

absl::StatusOr<std::unique_ptr<CaptureCore>> CaptureCore::Open(
    const std::string& dir, const CaptureOptions& options,
    ItemRegistry* registry) {
  storage::KvOptions kv_options = options.kv;
  kv_options.column_families = storage::SeriesStore::ColumnFamilies();
  kv_options.column_families.push_back("locks");
  kv_options.column_families.push_back("requests");
  kv_options.column_families.push_back(AuditLog::kFamily);
  storage::SeriesStore::TuneOptions(&kv_options);
  // Audit keys are increasing sequence numbers: each event goes at the end.
  kv_options.families[AuditLog::kFamily].insert_hint_prefix = 0;
  absl::StatusOr<std::unique_ptr<storage::KvStore>> kv =
      storage::KvStore::Open(dir, kv_options);
  if (!kv.ok()) return kv.status();
  absl::StatusOr<std::unique_ptr<storage::SeriesStore>> series =
      storage::SeriesStore::Create(kv->get());
  if (!series.ok()) return series.status();
  absl::StatusOr<std::unique_ptr<AuditLog>> audit = AuditLog::Open(kv->get());
  if (!audit.ok()) return audit.status();
  std::unique_ptr<CaptureCore> core(
      new CaptureCore(*std::move(kv), *std::move(series), options, registry));
  core->audit_ = *std::move(audit);
  return core;
}

absl::StatusOr<storage::PeriodOrdinal> CaptureCore::CheckRecord(
    const v1::Measurement& m, int index, std::string* checked_entity,
    absl::Time deadline) {
  // The field prefix is spelled out only for an error message.
  auto prefix = [index]() {
    return index < 0 ? std::string("measurement.")
                     : absl::StrCat("measurements[", index, "].");
  };
  if (absl::Status s =
          CheckMeasurementShape(m, index < 0 ? "measurement." : "");
      !s.ok()) {
    return index < 0 ? s : CheckMeasurementShape(m, prefix());
  }
  absl::StatusOr<Period> period = Period::Parse(m.period(), "period");
  if (!period.ok()) {
    return Period::Parse(m.period(), prefix() + "period").status();
  }
  // Consecutive records of a bulk write are usually of one entity: it is
  // checked once.
  if (checked_entity == nullptr || *checked_entity != m.entity()) {
    if (absl::Status s = CheckServed(m.entity(), prefix() + "entity");
        !s.ok()) {
      return s;
    }
    if (absl::Status s = registry_->CheckEntity(m.entity(), deadline);
        !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat(prefix(), "entity: ", s.message()));
    }
    if (checked_entity != nullptr) *checked_entity = m.entity();
  }
  absl::StatusOr<std::shared_ptr<const ItemRule>> rule =
      registry_->Rule(m.item(), deadline);
  if (!rule.ok()) {
    return absl::Status(
        rule.status().code(),
        absl::StrCat(prefix(), "item: ", rule.status().message()));
  }
  // The value must fit the target in force for its period and entity.
  const v1::Target* target =
      TargetFor((*rule)->indicator, period->year(), m.entity());
  if (absl::Status s = CheckValueFits(m.value(), target, (*rule)->unit);
      !s.ok()) {
    return CheckValueFits(m.value(), target, (*rule)->unit, prefix());
  }
  return period->ordinal();
}

absl::Status CaptureCore::CheckServed(absl::string_view entity,
                                      absl::string_view field) const {
  if (served_.empty() || served_.contains(entity)) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat(
      field, ": ", QuoteForMessage(entity),
      " is not served by this capture service (it serves ",
      absl::StrJoin(std::vector<std::string>(served_.begin(), served_.end()),
                    ", "),
      ")"));
}

absl::Status CaptureCore::CheckNames(
    const google::protobuf::RepeatedPtrField<std::string>& names,
    absl::string_view field, NameCheck check, absl::Time deadline) const {
  for (int i = 0; i < names.size(); ++i) {
    absl::Status s = (registry_->*check)(names[i], deadline);
    if (!s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat(field, "[", i, "]: ", s.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status CaptureCore::CheckUnlocked(storage::PeriodOrdinal period) const {
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(locks_, LockKey(period));
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return absl::OkStatus();
  v1::PeriodLock lock;
  if (!lock.ParseFromString(**stored)) {
    return absl::DataLossError("capture: a period lock record is unreadable");
  }
  if (!lock.locked()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "period ", lock.period(), " is locked (", lock.reason(), ", by ",
      lock.author(), "); an admin must unlock it before it can change"));
}

absl::StatusOr<std::string> CaptureCore::Commit(
    absl::string_view method, const std::string& author,
    const std::string& request_id, const Fingerprint& fingerprint,
    const std::vector<storage::CellWrite>& writes,
    const std::vector<storage::PeriodOrdinal>& periods, absl::Time now,
    const Respond& respond) {
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  const std::string key = ReplayKey(method, author, request_id);
  auto stored_answer = [&]() -> absl::StatusOr<std::optional<std::string>> {
    if (request_id.empty()) return std::optional<std::string>();
    absl::StatusOr<std::optional<std::string>> stored =
        kv_->Get(requests_, key);
    if (!stored.ok() || !stored->has_value()) return stored;
    absl::StatusOr<std::string> answer =
        MatchReplay(**stored, fingerprint.current, request_id);
    if (!answer.ok() && fingerprint.legacy) {
      // A record stored by an earlier version, under the request's full
      // bytes rather than their digest.
      absl::StatusOr<std::string> legacy =
          MatchReplay(**stored, fingerprint.legacy(), request_id);
      if (legacy.ok()) answer = std::move(legacy);
    }
    if (!answer.ok()) return answer.status();
    return std::optional<std::string>(*std::move(answer));
  };
  // A retry of an acknowledged request: answer as the first time.
  absl::StatusOr<std::optional<std::string>> before = stored_answer();
  if (!before.ok()) return before.status();
  if (before->has_value()) return **before;

  std::string answer;
  bool replayed = false;
  rocksdb::WriteBatch batch;
  absl::StatusOr<std::vector<uint64_t>> revisions = series_->Append(
      writes, absl::ToUnixMicros(now), &batch,
      [&](const std::vector<uint64_t>& assigned,
          rocksdb::WriteBatch* b) -> absl::Status {
        // Under the commit lock: a concurrent twin of this request, or a
        // lock of one of the periods, may have landed since the checks.
        absl::StatusOr<std::optional<std::string>> twin = stored_answer();
        if (!twin.ok()) return twin.status();
        if (twin->has_value()) {
          answer = **twin;
          replayed = true;
          return absl::AbortedError("replayed");
        }
        for (storage::PeriodOrdinal p : periods) {
          if (absl::Status s = CheckUnlocked(p); !s.ok()) return s;
        }
        absl::StatusOr<std::string> made = respond(assigned, b);
        if (!made.ok()) return made.status();
        answer = *std::move(made);
        if (!request_id.empty()) {
          b->Put(requests_, key, EncodeReplay(fingerprint.current, answer));
        }
        return absl::OkStatus();
      });
  if (replayed) return answer;
  if (!revisions.ok()) {
    NoteIfUnwritable(revisions.status());
    return revisions.status();
  }
  return answer;
}

void CaptureCore::NoteIfUnwritable(const absl::Status& why) {
  if (!on_writable_change_ || series_->accepts_appends()) return;
  // Once: every later write is refused the same way.
  if (told_unwritable_.exchange(true)) return;
  on_writable_change_(false, std::string(why.message()));
}

v1::Measurement CaptureCore::ToMeasurement(
    const storage::StoredRevision& r) const {
  v1::Measurement m;
  if (!m.ParseFromString(r.payload)) {
    // Unreadable payloads are shown as such rather than failing a whole read.
    m.Clear();
    m.mutable_value()->mutable_not_measurable()->set_reason(
        "stored value unreadable");
  }
  m.set_entity(r.entity);
  m.set_item(r.item);
  m.set_period(Period::FromOrdinal(r.period).ToString());
  m.set_name(CellName(m));
  m.set_revision(static_cast<int64_t>(r.revision));
  SetTimestamp(r.commit_micros, m.mutable_create_time());
  return m;
}

namespace {

// How an audit line shows a stored payload's value.
std::string Shown(const v1::Value& v) {
  if (!v.display().empty()) return v.display();
  switch (v.kind_case()) {
    case v1::Value::kNumber:
      return absl::StrCat(v.number().value());
    case v1::Value::kText:
      return v.text();
    case v1::Value::kNotMeasurable:
      return absl::StrCat("non misurabile: ", v.not_measurable().reason());
    case v1::Value::kComposite: {
      std::string out;
      for (const v1::Quantity& q : v.composite().parts()) {
        absl::StrAppend(&out, out.empty() ? "" : " - ", q.value());
      }
      return out;
    }
    default:
      return "";
  }
}

}  // namespace

absl::Status CaptureCore::AuditWrites(
    const std::vector<storage::CellWrite>& writes,
    const std::vector<const v1::Measurement*>& records,
    absl::string_view method, const std::string& author,
    const std::string& request_id, absl::Time now, rocksdb::WriteBatch* batch) {
  // A batch may write one cell twice: the second replaces the first. Cells
  // are told apart by views into `writes`, without building keys.
  using Cell =
      std::tuple<absl::string_view, absl::string_view, storage::PeriodOrdinal>;
  absl::flat_hash_map<Cell, size_t> first_write;  // cell -> record index
  std::vector<size_t> earlier(writes.size(), writes.size());
  for (size_t i = 0; i < writes.size(); ++i) {
    const storage::CellWrite& w = writes[i];
    auto [it, inserted] =
        first_write.try_emplace(Cell(w.entity, w.item, w.period), i);
    if (!inserted) {
      earlier[i] = it->second;
      it->second = i;
    }
  }
  // The values being replaced, read together (one batched lookup instead of
  // one point read per record).
  absl::StatusOr<std::vector<std::optional<storage::StoredRevision>>> before =
      series_->LatestMany(writes);
  if (!before.ok()) return before.status();
  const std::string method_name(method);
  for (size_t i = 0; i < writes.size(); ++i) {
    const storage::CellWrite& w = writes[i];
    v1::AuditEvent event;
    event.set_principal(author);
    event.set_request_id(request_id);
    event.set_method(method_name);
    event.set_entity(w.entity);
    event.set_item(w.item);
    event.set_period(records[i]->period());
    if (earlier[i] < writes.size()) {
      event.set_previous_value(Shown(records[earlier[i]]->value()));
    } else if ((*before)[i].has_value()) {
      event.set_previous_value(Shown(ToMeasurement(*(*before)[i]).value()));
    }
    event.set_new_value(Shown(records[i]->value()));
    event.set_detail(records[i]->note());
    audit_->Append(std::move(event), now, batch);
  }
  return absl::OkStatus();
}

namespace {

// The payload stored for one record: what was written and by whom — a
// v1::Measurement with value, note, author and request_id, encoded field by
// field (in field order, as SerializeToString would) without building the
// message.
void AppendPayload(const v1::Measurement& in, const std::string& author,
                   const std::string& request_id, std::string* out) {
  using google::protobuf::internal::WireFormatLite;
  google::protobuf::io::StringOutputStream raw(out);
  google::protobuf::io::CodedOutputStream coded(&raw);
  auto text = [&](int field, const std::string& value) {
    if (!value.empty()) WireFormatLite::WriteString(field, value, &coded);
  };
  // Entity, item and period are the cell, which the store's keys name: the
  // payload leaves them out (ToMeasurement puts them back).
  if (in.has_value()) {
    // Sizes the value (and caches its size) before writing it.
    in.value().ByteSizeLong();
    WireFormatLite::WriteMessage(v1::Measurement::kValueFieldNumber, in.value(),
                                 &coded);
  }
  text(v1::Measurement::kNoteFieldNumber, in.note());
  text(v1::Measurement::kAuthorFieldNumber, author);
  text(v1::Measurement::kRequestIdFieldNumber, request_id);
}

std::string Payload(const v1::Measurement& in, const std::string& author,
                    const std::string& request_id) {
  std::string out;
  AppendPayload(in, author, request_id, &out);
  return out;
}

// Joins per-record errors into one status, with the first error's code.
absl::Status RecordErrors(const std::vector<absl::Status>& errors) {
  std::string message =
      absl::StrCat(errors.size(), " record(s) rejected, nothing stored:");
  for (size_t i = 0; i < errors.size() && i < kMaxListedErrors; ++i) {
    absl::StrAppend(&message, "\n  ", errors[i].message());
  }
  if (errors.size() > kMaxListedErrors) {
    absl::StrAppend(&message, "\n  … and ", errors.size() - kMaxListedErrors,
                    " more");
  }
  return absl::Status(errors.front().code(), message);
}

// The answer a bulk write keeps for its retries. Its response is the request
// read back with revisions, so only what the request does not hold is kept:
// who wrote, the first revision and the commit time. The leading NUL tells
// it from the whole serialized response kept by earlier versions (a
// serialized message never starts with a zero byte).
constexpr absl::string_view kCompactAnswer("\0c1", 3);

std::string EncodeBatchAnswer(const std::string& author,
                              uint64_t first_revision, int64_t micros) {
  std::string out(kCompactAnswer);
  storage::AppendU64(&out, first_revision);
  storage::AppendU64(&out, static_cast<uint64_t>(micros));
  out.append(author);
  return out;
}

// The digest of a bulk request, kept with its answer to tell a retry from a
// different request that reuses its id (the whole request would be as big
// as the data it writes). The request_id is part of the bytes hashed; it is
// equal for every request found under one replay key.
std::string BatchFingerprint(const v1::BatchWriteMeasurementsRequest& r) {
  const std::string bytes = DeterministicBytes(r);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::StrCat(
      "sha256:",
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace

absl::StatusOr<v1::Measurement> CaptureCore::Write(
    const v1::WriteMeasurementRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  absl::StatusOr<storage::PeriodOrdinal> period =
      CheckRecord(r.measurement(), -1, nullptr, deadline);
  if (!period.ok()) return period.status();
  if (absl::Status s = CheckText("author", author, false, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  const std::vector<storage::CellWrite> writes = {
      {r.measurement().entity(), r.measurement().item(), *period,
       Payload(r.measurement(), author, r.request_id())}};
  const int64_t micros = absl::ToUnixMicros(now);
  Fingerprint fingerprint;
  if (!r.request_id().empty()) fingerprint.current = RequestFingerprint(r);
  absl::StatusOr<std::string> answer = Commit(
      "WriteMeasurement", author, r.request_id(), fingerprint, writes,
      {*period}, now,
      [&](const std::vector<uint64_t>& revisions,
          rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
        absl::Status audited = AuditWrites(writes, {&r.measurement()},
                                           "CaptureService.WriteMeasurement",
                                           author, r.request_id(), now, batch);
        if (!audited.ok()) return audited;
        storage::StoredRevision stored{writes[0].entity, writes[0].item,
                                       *period,          revisions[0],
                                       micros,           writes[0].payload};
        return ToMeasurement(stored).SerializeAsString();
      });
  if (!answer.ok()) return answer.status();
  return Replayed<v1::Measurement>(*answer);
}

absl::StatusOr<v1::BatchWriteMeasurementsResponse> CaptureCore::BatchWrite(
    const v1::BatchWriteMeasurementsRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  if (r.measurements_size() == 0) {
    return absl::InvalidArgumentError("measurements: at least one is required");
  }
  if (r.measurements_size() > kMaxBatchRecords) {
    return absl::InvalidArgumentError(absl::StrCat(
        "measurements: ", r.measurements_size(),
        " records is over the limit of ", kMaxBatchRecords, " per batch"));
  }
  if (absl::Status s = CheckText("author", author, false, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  std::vector<storage::CellWrite> writes(r.measurements_size());
  std::vector<storage::PeriodOrdinal> periods;
  std::vector<absl::Status> errors;
  std::string checked_entity;
  for (int i = 0; i < r.measurements_size(); ++i) {
    const v1::Measurement& m = r.measurements(i);
    absl::StatusOr<storage::PeriodOrdinal> period =
        CheckRecord(m, i, &checked_entity, deadline);
    if (!period.ok()) {
      errors.push_back(period.status());
      continue;
    }
    if (periods.empty() || periods.back() != *period) {
      periods.push_back(*period);
    }
    storage::CellWrite& w = writes[i];
    w.entity = m.entity();
    w.item = m.item();
    w.period = *period;
    AppendPayload(m, author, r.request_id(), &w.payload);
  }
  if (!errors.empty()) return RecordErrors(errors);
  std::sort(periods.begin(), periods.end());
  periods.erase(std::unique(periods.begin(), periods.end()), periods.end());

  Fingerprint fingerprint;
  if (!r.request_id().empty()) {
    fingerprint.current = BatchFingerprint(r);
    fingerprint.legacy = [&r] { return RequestFingerprint(r); };
  }
  const int64_t micros = absl::ToUnixMicros(now);
  absl::StatusOr<std::string> answer =
      Commit("BatchWriteMeasurements", author, r.request_id(), fingerprint,
             writes, periods, now,
             [&](const std::vector<uint64_t>& revisions,
                 rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
               std::vector<const v1::Measurement*> records;
               records.reserve(r.measurements_size());
               for (const v1::Measurement& m : r.measurements()) {
                 records.push_back(&m);
               }
               absl::Status audited = AuditWrites(
                   writes, records, "CaptureService.BatchWriteMeasurements",
                   author, r.request_id(), now, batch);
               if (!audited.ok()) return audited;
               return EncodeBatchAnswer(author, revisions.front(), micros);
             });
  if (!answer.ok()) return answer.status();
  // The response is built after the commit, outside the commit lock.
  return BatchResponse(r, *answer);
}

absl::StatusOr<v1::BatchWriteMeasurementsResponse> CaptureCore::BatchResponse(
    const v1::BatchWriteMeasurementsRequest& r, const std::string& answer) {
  if (!absl::StartsWith(answer, kCompactAnswer)) {
    return Replayed<v1::BatchWriteMeasurementsResponse>(answer);
  }
  absl::string_view in(answer);
  in.remove_prefix(kCompactAnswer.size());
  uint64_t first_revision = 0;
  uint64_t micros = 0;
  if (!storage::ConsumeU64(&in, &first_revision) ||
      !storage::ConsumeU64(&in, &micros)) {
    return absl::DataLossError(
        "capture: stored answer of a request unreadable");
  }
  const std::string author(in);
  v1::BatchWriteMeasurementsResponse response;
  response.mutable_measurements()->Reserve(r.measurements_size());
  for (int i = 0; i < r.measurements_size(); ++i) {
    // As ToMeasurement reads the stored payload back.
    const v1::Measurement& in_m = r.measurements(i);
    v1::Measurement* m = response.add_measurements();
    m->set_entity(in_m.entity());
    m->set_item(in_m.item());
    m->set_period(in_m.period());
    if (in_m.has_value()) *m->mutable_value() = in_m.value();
    m->set_note(in_m.note());
    m->set_author(author);
    m->set_request_id(r.request_id());
    m->set_name(CellName(*m));
    m->set_revision(static_cast<int64_t>(first_revision + i));
    SetTimestamp(static_cast<int64_t>(micros), m->mutable_create_time());
  }
  return response;
}

absl::StatusOr<v1::ReadSeriesResponse> CaptureCore::ReadSeries(
    const v1::ReadSeriesRequest& r, absl::Time deadline) const {
  if (absl::Status s = CheckText("entity", r.entity(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckText("item", r.item(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  storage::PeriodOrdinal from = 0;
  storage::PeriodOrdinal to = 0xffff;
  if (!r.start_period().empty()) {
    absl::StatusOr<Period> p = Period::Parse(r.start_period(), "start_period");
    if (!p.ok()) return p.status();
    from = p->ordinal();
  }
  if (!r.end_period().empty()) {
    absl::StatusOr<Period> p = Period::Parse(r.end_period(), "end_period");
    if (!p.ok()) return p.status();
    to = p->ordinal();
  }
  if (from > to) {
    return absl::InvalidArgumentError(absl::StrCat(
        "end_period: ", QuoteForMessage(r.end_period()),
        " is before start_period ", QuoteForMessage(r.start_period())));
  }
  if (absl::Status s = registry_->CheckEntity(r.entity(), deadline); !s.ok())
    return s;
  if (absl::Status s = registry_->CheckItem(r.item(), deadline); !s.ok())
    return s;
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<std::vector<storage::StoredRevision>> rows =
      series_->ReadSeries(r.entity(), r.item(), from, to, *as_of);
  if (!rows.ok()) return rows.status();
  v1::ReadSeriesResponse out;
  for (const storage::StoredRevision& row : *rows) {
    *out.add_measurements() = ToMeasurement(row);
  }
  return out;
}

absl::StatusOr<v1::BatchGetMeasurementsResponse> CaptureCore::BatchGet(
    const v1::BatchGetMeasurementsRequest& r, absl::Time deadline) const {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (absl::Status s = CheckNames(r.entities(), "entities",
                                  &ItemRegistry::CheckEntity, deadline);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          CheckNames(r.items(), "items", &ItemRegistry::CheckItem, deadline);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  // Taken before reading: a write that lands during the read changes the
  // etag of the next call, so an answer is never taken for newer than it is.
  v1::BatchGetMeasurementsResponse out;
  out.set_etag(absl::StrCat(instance_, ".", series_->last_revision()));
  if (!r.if_none_match().empty() && r.if_none_match() == out.etag()) {
    out.set_not_modified(true);
    return out;
  }
  const std::vector<std::string> entities =
      r.entities_size() > 0
          ? std::vector<std::string>(r.entities().begin(), r.entities().end())
          : series_->Entities();
  const absl::flat_hash_set<std::string> items(r.items().begin(),
                                               r.items().end());
  for (const std::string& entity : entities) {
    absl::StatusOr<std::vector<storage::StoredRevision>> rows =
        series_->ReadPeriod(entity, period->ordinal(), *as_of);
    if (!rows.ok()) return rows.status();
    for (const storage::StoredRevision& row : *rows) {
      if (!items.empty() && !items.contains(row.item)) continue;
      *out.add_measurements() = ToMeasurement(row);
    }
  }
  return out;
}

absl::Status CaptureCore::StreamPeriodValues(
    const v1::StreamPeriodValuesRequest& r,
    const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send,
    absl::Time deadline) const {
  if (r.periods_size() < 1 || r.periods_size() > kMaxStreamPeriods) {
    return absl::InvalidArgumentError(
        absl::StrCat("periods: between 1 and ", kMaxStreamPeriods,
                     " are required, got ", r.periods_size()));
  }
  std::vector<storage::PeriodOrdinal> periods;
  for (int i = 0; i < r.periods_size(); ++i) {
    absl::StatusOr<Period> period =
        Period::Parse(r.periods(i), absl::StrCat("periods[", i, "]"));
    if (!period.ok()) return period.status();
    periods.push_back(period->ordinal());
  }
  if (absl::Status s = CheckNames(r.entities(), "entities",
                                  &ItemRegistry::CheckEntity, deadline);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(r);
  if (!as_of.ok()) return as_of.status();
  PeriodStreamRequest request;
  for (int i = 0; i < r.entities_size(); ++i) {
    if (absl::Status s =
            CheckServed(r.entities(i), absl::StrCat("entities[", i, "]"));
        !s.ok()) {
      return s;
    }
    request.entities.push_back(r.entities(i));
  }
  if (request.entities.empty()) {
    // Every entity this instance serves that has a value.
    for (std::string& e : series_->Entities()) {
      if (CheckServed(e, "").ok()) request.entities.push_back(std::move(e));
    }
    std::sort(request.entities.begin(), request.entities.end());
  }
  request.periods = std::move(periods);
  request.period_names.assign(r.periods().begin(), r.periods().end());
  request.as_of_micros = *as_of;
  return StreamPeriods(*series_, request, PeriodStreamOptions(), send);
}

absl::StatusOr<v1::ListMeasurementRevisionsResponse> CaptureCore::ListRevisions(
    const v1::ListMeasurementRevisionsRequest& r, absl::Time deadline) const {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (absl::Status s = registry_->CheckEntity(r.entity(), deadline); !s.ok())
    return s;
  if (absl::Status s = registry_->CheckItem(r.item(), deadline); !s.ok())
    return s;
  absl::StatusOr<std::vector<storage::StoredRevision>> rows =
      series_->ListRevisions(r.entity(), r.item(), period->ordinal());
  if (!rows.ok()) return rows.status();
  v1::ListMeasurementRevisionsResponse out;
  for (const storage::StoredRevision& row : *rows) {
    *out.add_revisions() = ToMeasurement(row);
  }
  return out;
}

absl::StatusOr<v1::PeriodLock> CaptureCore::SetLock(
    const std::string& period_text, const std::string& reason,
    const std::string& request_id, bool locked, const std::string& author,
    absl::Time now, const google::protobuf::Message& request) {
  absl::StatusOr<Period> period = Period::Parse(period_text, "period");
  if (!period.ok()) return period.status();
  if (absl::Status s = CheckText("reason", reason, true); !s.ok()) return s;
  if (absl::Status s = CheckText("author", author, false, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  const storage::PeriodOrdinal ordinal = period->ordinal();
  Fingerprint fingerprint;
  if (!request_id.empty()) fingerprint.current = RequestFingerprint(request);
  absl::StatusOr<std::string> answer = Commit(
      locked ? "LockPeriod" : "UnlockPeriod", author, request_id, fingerprint,
      {}, {}, now,
      [&](const std::vector<uint64_t>&,
          rocksdb::WriteBatch* batch) -> absl::StatusOr<std::string> {
        absl::StatusOr<std::optional<std::string>> stored =
            kv_->Get(locks_, LockKey(ordinal));
        if (!stored.ok()) return stored.status();
        v1::PeriodLock current;
        if (stored->has_value() && !current.ParseFromString(**stored)) {
          return absl::DataLossError(
              "capture: a period lock record is unreadable");
        }
        if (locked && current.locked()) {
          // Locking a locked period changes nothing: the first lock stands.
          return current.SerializeAsString();
        }
        if (!locked && !current.locked()) {
          return absl::FailedPreconditionError(
              absl::StrCat("period ", period->ToString(), " is not locked"));
        }
        v1::PeriodLock next;
        next.set_period(period->ToString());
        next.set_locked(locked);
        next.set_reason(reason);
        next.set_author(author);
        SetTimestamp(absl::ToUnixMicros(now), next.mutable_update_time());
        batch->Put(locks_, LockKey(ordinal), next.SerializeAsString());
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(request_id);
        event.set_method(locked ? "CaptureService.LockPeriod"
                                : "CaptureService.UnlockPeriod");
        event.set_period(period->ToString());
        event.set_previous_value(current.locked() ? "bloccato" : "aperto");
        event.set_new_value(locked ? "bloccato" : "aperto");
        event.set_detail(reason);
        audit_->Append(std::move(event), now, batch);
        return next.SerializeAsString();
      });
  if (!answer.ok()) return answer.status();
  return Replayed<v1::PeriodLock>(*answer);
}

absl::StatusOr<v1::PeriodLock> CaptureCore::Lock(const v1::LockPeriodRequest& r,
                                                 const std::string& author,
                                                 absl::Time now) {
  return SetLock(r.period(), r.reason(), r.request_id(), true, author, now, r);
}

absl::StatusOr<v1::PeriodLock> CaptureCore::Unlock(
    const v1::UnlockPeriodRequest& r, const std::string& author,
    absl::Time now) {
  return SetLock(r.period(), r.reason(), r.request_id(), false, author, now, r);
}

absl::StatusOr<v1::ListPeriodLocksResponse> CaptureCore::ListLocks() const {
  v1::ListPeriodLocksResponse out;
  absl::Status status = kv_->ScanPrefix(
      locks_, "", [&](absl::string_view, absl::string_view value) {
        v1::PeriodLock lock;
        if (lock.ParseFromString(std::string(value))) *out.add_locks() = lock;
        return true;
      });
  if (!status.ok()) return status;
  return out;
}

}  // namespace valore::capture
