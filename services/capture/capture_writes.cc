// CaptureCore's write path: the one commit (idempotent, refusing locked
// periods), WriteMeasurement and BatchWriteMeasurements, their payloads,
// answers and request fingerprints, and the audit events of writes.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/value_text.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "services/capture/capture_core.h"
#include "services/capture/capture_core_internal.h"
#include "services/common/request_ids.h"
#include "storage/key_codec.h"

namespace valore::capture {

using internal::CellName;
using internal::Replayed;
using internal::SetTimestamp;

storage::WriteRequest CaptureCore::WriteOf(absl::string_view method,
                                           const std::string& author,
                                           const std::string& request_id,
                                           absl::Time now) {
  storage::WriteRequest w;
  w.method = std::string(method);
  w.principal = author;
  w.request_id = request_id;
  w.time = now;
  return w;
}

absl::StatusOr<std::string> CaptureCore::Commit(
    const storage::WriteRequest& w,
    const std::vector<storage::CellWrite>& writes,
    const std::vector<storage::PeriodOrdinal>& periods,
    const Respond& respond) {
  if (absl::Status s = ValidateRequestId(w.request_id); !s.ok()) return s;
  // A retry of an acknowledged request: answer as the first time.
  absl::StatusOr<std::optional<std::string>> before = writer_->Replayed(w);
  if (!before.ok()) return before.status();
  if (before->has_value()) return **before;

  std::string answer;
  bool replayed = false;
  storage::Transaction tx = writer_->Begin(w);
  absl::StatusOr<std::vector<uint64_t>> revisions = series_->Append(
      writes, absl::ToUnixMicros(w.time), &tx,
      [&](const std::vector<uint64_t>& assigned,
          storage::Transaction* t) -> absl::Status {
        // Under the commit lock: a concurrent twin of this request, or a
        // lock of one of the periods, may have landed since the checks.
        absl::StatusOr<std::optional<std::string>> twin = writer_->Replayed(w);
        if (!twin.ok()) return twin.status();
        if (twin->has_value()) {
          answer = **twin;
          replayed = true;
          return absl::AbortedError("replayed");
        }
        for (storage::PeriodOrdinal p : periods) {
          if (absl::Status s = CheckUnlocked(p); !s.ok()) return s;
        }
        absl::StatusOr<std::string> made = respond(assigned, *t);
        if (!made.ok()) return made.status();
        answer = *std::move(made);
        writer_->Keep(w, answer, *t);
        return absl::OkStatus();
      });
  if (replayed) return answer;
  if (!revisions.ok()) {
    NoteIfUnwritable(revisions.status());
    return revisions.status();
  }
  // Stored now, each record a new revision; retries returned above.
  measurements_written_.Increment(static_cast<double>(writes.size()));
  return answer;
}

void CaptureCore::NoteIfUnwritable(const absl::Status& why) {
  if (!on_writable_change_ || series_->accepts_appends()) return;
  // Once: every later write is refused the same way.
  if (told_unwritable_.exchange(true)) return;
  on_writable_change_(false, std::string(why.message()));
}

void CaptureCore::AuditWrites(
    const std::vector<storage::CellWrite>& writes,
    const std::vector<const v1::Measurement*>& records,
    absl::string_view method, const std::string& author,
    const std::string& request_id, const std::vector<uint64_t>& revisions,
    storage::Transaction& tx) {
  // One record names the cells; each event's values are read back from the
  // series when the audit is listed (ReadAuditedChange), which keeps every
  // revision: the value written is the cell's revision, the value replaced
  // the revision before it, also when it came earlier in this batch.
  std::vector<storage::AuditedCell> cells(writes.size());
  for (size_t i = 0; i < writes.size(); ++i) {
    cells[i] = {writes[i].entity, writes[i].item, records[i]->period()};
  }
  // SeriesStore::Append numbers a commit's writes consecutively.
  tx.AuditWrite({author, request_id, method, revisions.front()}, cells);
}

absl::Status CaptureCore::ReadAuditedChange(const storage::AuditedCell& cell,
                                            uint64_t revision,
                                            v1::AuditEvent* event) const {
  absl::StatusOr<Period> period = Period::Parse(cell.period);
  if (!period.ok()) {
    return absl::DataLossError(
        absl::StrCat("audit: a write names the period \"", cell.period,
                     "\", which is not one"));
  }
  absl::StatusOr<storage::SeriesStore::RevisionAndPrevious> read =
      series_->ReadRevision(cell.entity, cell.item, period->ordinal(),
                            revision);
  if (absl::IsNotFound(read.status())) {
    // The audit record and the revisions it names are committed together.
    return absl::DataLossError(
        absl::StrCat("audit: ", read.status().message()));
  }
  if (!read.ok()) return read.status();
  const v1::Measurement after = ToMeasurement(read->revision);
  v1::AuditChange::Measurement* change =
      event->mutable_change()->mutable_measurement();
  if (read->previous.has_value()) {
    *change->mutable_before() = ToMeasurement(*read->previous).value();
  }
  *change->mutable_after() = after.value();
  change->set_note(after.note());
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
  // Sizes the value (and caches its size for WriteMessage), so that the
  // payload takes one allocation instead of the stream's doublings.
  const size_t value_size = in.has_value() ? in.value().ByteSizeLong() : 0;
  constexpr size_t kTagsAndLengths = 4 * (1 + 5);
  out->reserve(out->size() + value_size + in.note().size() + author.size() +
               request_id.size() + kTagsAndLengths);
  google::protobuf::io::StringOutputStream raw(out);
  google::protobuf::io::CodedOutputStream coded(&raw);
  auto text = [&](int field, const std::string& value) {
    if (!value.empty()) WireFormatLite::WriteString(field, value, &coded);
  };
  // Entity, item and period are the cell, which the store's keys name: the
  // payload leaves them out (ToMeasurement puts them back).
  if (in.has_value()) {
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

// How many bad records one error message lists before summarising.
constexpr int kMaxListedErrors = 20;

// Joins per-record errors into one status, with the first error's code and
// reason, and the bad fields of the listed errors of that code.
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
  absl::Status status = WithDetailsOf(
      absl::Status(errors.front().code(), message), errors.front());
  for (size_t i = 1; i < errors.size() && i < kMaxListedErrors; ++i) {
    if (errors[i].code() != status.code()) continue;
    const google::rpc::BadRequest bad_request = BadRequestOf(errors[i]);
    for (const auto& violation : bad_request.field_violations()) {
      status = WithFieldViolation(std::move(status), violation.field(),
                                  violation.description());
    }
  }
  return status;
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

// The request without its view: the view asks how to answer, not what to
// write, so a retry asking for another view is the same write (and an
// import run again after an upgrade finds the requests it sent before).
std::string ContentBytes(const v1::BatchWriteMeasurementsRequest& r) {
  std::string bytes = DeterministicBytes(r);
  if (r.view() == v1::BATCH_WRITE_VIEW_UNSPECIFIED) return bytes;
  // The view is the highest field, so it is serialized last, unless the
  // request carries fields unknown here: its bytes are cut off the end
  // rather than the request copied.
  std::string view;
  {
    google::protobuf::io::StringOutputStream raw(&view);
    google::protobuf::io::CodedOutputStream coded(&raw);
    google::protobuf::internal::WireFormatLite::WriteEnum(
        v1::BatchWriteMeasurementsRequest::kViewFieldNumber, r.view(), &coded);
  }
  if (r.GetReflection()->GetUnknownFields(r).empty() &&
      absl::EndsWith(bytes, view)) {
    bytes.resize(bytes.size() - view.size());
    return bytes;
  }
  v1::BatchWriteMeasurementsRequest content = r;
  content.clear_view();
  return DeterministicBytes(content);
}

// The digest of a bulk request, kept with its answer to tell a retry from a
// different request that reuses its id (the whole request would be as big
// as the data it writes). The request_id is part of the bytes hashed; it is
// equal for every request found under one replay key.
std::string BatchFingerprint(const v1::BatchWriteMeasurementsRequest& r) {
  return absl::StrCat("sha256:", Sha256(ContentBytes(r)));
}

}  // namespace

absl::StatusOr<v1::Measurement> CaptureCore::Write(
    const v1::WriteMeasurementRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  v1::Value parsed;
  absl::StatusOr<storage::PeriodOrdinal> period =
      CheckRecord(r.measurement(), -1, nullptr, deadline, &parsed);
  if (!period.ok()) return period.status();
  // A value written as text is stored as the service read it.
  const v1::Measurement* m = &r.measurement();
  v1::Measurement read;
  if (!r.measurement().value_text().empty()) {
    read = r.measurement();
    *read.mutable_value() = std::move(parsed);
    read.clear_value_text();
    m = &read;
  }
  if (absl::Status s = CheckText("author", author, false, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  const std::vector<storage::CellWrite> writes = {
      {r.measurement().entity(), r.measurement().item(), *period,
       Payload(*m, author, r.request_id())}};
  const int64_t micros = absl::ToUnixMicros(now);
  storage::WriteRequest write =
      WriteOf("WriteMeasurement", author, r.request_id(), now);
  if (!r.request_id().empty()) write.fingerprint = RequestFingerprint(r);
  absl::StatusOr<std::string> answer =
      Commit(write, writes, {*period},
             [&](const std::vector<uint64_t>& revisions,
                 storage::Transaction& tx) -> absl::StatusOr<std::string> {
               AuditWrites(writes, {m}, "CaptureService.WriteMeasurement",
                           author, r.request_id(), revisions, tx);
               storage::StoredRevision stored{
                   writes[0].entity, writes[0].item, *period,
                   revisions[0],     micros,         writes[0].payload};
               return ToMeasurement(stored).SerializeAsString();
             });
  if (!answer.ok()) return answer.status();
  return Replayed<v1::Measurement>(*answer);
}

absl::StatusOr<v1::BatchWriteMeasurementsResponse> CaptureCore::BatchWrite(
    const v1::BatchWriteMeasurementsRequest& r, const std::string& author,
    absl::Time now, absl::Time deadline) {
  if (r.measurements_size() == 0) {
    return InvalidFieldError("measurements", "at least one is required",
                             v1::FIELD_REQUIRED);
  }
  if (r.measurements_size() > kMaxBatchRecords) {
    return InvalidFieldError(
        "measurements",
        absl::StrCat(r.measurements_size(), " records is over the limit of ",
                     kMaxBatchRecords, " per batch"));
  }
  if (absl::Status s = CheckText("author", author, false, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (!v1::BatchWriteView_IsValid(r.view())) {
    return InvalidFieldError(
        "view", absl::StrCat(r.view(),
                             " is not a BatchWriteView (BATCH_WRITE_VIEW_BASIC "
                             "or BATCH_WRITE_VIEW_FULL)"));
  }
  std::vector<storage::CellWrite> writes(r.measurements_size());
  std::vector<storage::PeriodOrdinal> periods;
  std::vector<absl::Status> errors;
  CheckedSoFar so_far;
  // The request with every value written as text replaced by what the
  // service read; a copy is made only when some value is text.
  const v1::BatchWriteMeasurementsRequest* read = &r;
  v1::BatchWriteMeasurementsRequest read_copy;
  for (int i = 0; i < r.measurements_size(); ++i) {
    v1::Value parsed;
    absl::StatusOr<storage::PeriodOrdinal> period =
        CheckRecord(r.measurements(i), i, &so_far, deadline, &parsed);
    if (!period.ok()) {
      errors.push_back(period.status());
      continue;
    }
    if (!r.measurements(i).value_text().empty()) {
      if (read == &r) {
        read_copy = r;
        read = &read_copy;
      }
      v1::Measurement* as_read = read_copy.mutable_measurements(i);
      *as_read->mutable_value() = std::move(parsed);
      as_read->clear_value_text();
    }
    const v1::Measurement& m = read->measurements(i);
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
  if (r.validate_only()) {
    // A dry run reads the locks as they are now; the commit would check
    // them again under its lock.
    for (storage::PeriodOrdinal p : periods) {
      if (absl::Status s = CheckUnlocked(p); !s.ok()) return s;
    }
    v1::BatchWriteMeasurementsResponse out;
    out.set_record_count(read->measurements_size());
    if (r.view() == v1::BATCH_WRITE_VIEW_BASIC) return out;
    for (const v1::Measurement& m : read->measurements()) {
      v1::Measurement* checked = out.add_measurements();
      *checked = m;
      checked->set_author(author);
    }
    return out;
  }

  storage::WriteRequest write =
      WriteOf("BatchWriteMeasurements", author, r.request_id(), now);
  if (!r.request_id().empty()) {
    write.fingerprint = BatchFingerprint(r);
    // Kept by earlier versions: the request's full bytes.
    write.legacy_fingerprint = [&r] {
      v1::BatchWriteMeasurementsRequest content = r;
      content.clear_view();
      return RequestFingerprint(content);
    };
  }
  const int64_t micros = absl::ToUnixMicros(now);
  absl::StatusOr<std::string> answer = Commit(
      write, writes, periods,
      [&](const std::vector<uint64_t>& revisions,
          storage::Transaction& tx) -> absl::StatusOr<std::string> {
        std::vector<const v1::Measurement*> records;
        records.reserve(read->measurements_size());
        for (const v1::Measurement& m : read->measurements()) {
          records.push_back(&m);
        }
        AuditWrites(writes, records, "CaptureService.BatchWriteMeasurements",
                    author, r.request_id(), revisions, tx);
        return EncodeBatchAnswer(author, revisions.front(), micros);
      });
  if (!answer.ok()) return answer.status();
  // The response is built after the commit, outside the commit lock.
  return BatchResponse(*read, *answer);
}

absl::StatusOr<v1::BatchWriteMeasurementsResponse> CaptureCore::BatchResponse(
    const v1::BatchWriteMeasurementsRequest& r, const std::string& answer) {
  if (!absl::StartsWith(answer, kCompactAnswer)) {
    // The whole response, kept by earlier versions: its records tell the
    // rest.
    absl::StatusOr<v1::BatchWriteMeasurementsResponse> kept =
        Replayed<v1::BatchWriteMeasurementsResponse>(answer);
    if (!kept.ok() || kept->measurements().empty()) return kept;
    kept->set_first_revision(kept->measurements(0).revision());
    if (kept->measurements(0).has_create_time()) {
      *kept->mutable_create_time() = kept->measurements(0).create_time();
    }
    kept->set_record_count(kept->measurements_size());
    if (r.view() == v1::BATCH_WRITE_VIEW_BASIC) kept->clear_measurements();
    return kept;
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
  response.set_first_revision(static_cast<int64_t>(first_revision));
  SetTimestamp(static_cast<int64_t>(micros), response.mutable_create_time());
  response.set_record_count(r.measurements_size());
  if (r.view() == v1::BATCH_WRITE_VIEW_BASIC) return response;
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

}  // namespace valore::capture
