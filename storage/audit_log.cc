#include "storage/audit_log.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/pagination.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "storage/key_codec.h"

namespace valore::storage {
namespace {

// The record of an AppendWrite, keyed by the sequence of its last event:
//   kWriteRecord | time micros u64 | first_revision u64 | cell count u32 |
//   principal | request_id | method | per cell: entity | item | period
// with each text length-prefixed, and an empty entity or period meaning the
// previous cell's (consecutive cells of a bulk write usually share them).
// The leading NUL tells it from an event stored whole, as a serialized
// message never starts with a zero byte. Keyed by its last sequence, the
// record holding any sequence is the first at or after it, so a page token
// seeks straight to it.
constexpr absl::string_view kWriteRecord("\0w1", 3);

std::string EncodeWrite(const AuditedWrite& write,
                        const std::vector<AuditedCell>& cells, int64_t micros) {
  std::string out(kWriteRecord);
  AppendU64(&out, static_cast<uint64_t>(micros));
  AppendU64(&out, write.first_revision);
  AppendU32(&out, static_cast<uint32_t>(cells.size()));
  AppendLengthPrefixed(&out, write.principal);
  AppendLengthPrefixed(&out, write.request_id);
  AppendLengthPrefixed(&out, write.method);
  const AuditedCell* previous = nullptr;
  for (const AuditedCell& cell : cells) {
    const bool same_entity =
        previous != nullptr && previous->entity == cell.entity;
    const bool same_period =
        previous != nullptr && previous->period == cell.period;
    AppendLengthPrefixed(&out, same_entity ? "" : cell.entity);
    AppendLengthPrefixed(&out, cell.item);
    AppendLengthPrefixed(&out, same_period ? "" : cell.period);
    previous = &cell;
  }
  return out;
}

// An AppendWrite record, decoded; the texts are views into the stored value.
struct StoredWrite {
  int64_t micros = 0;
  AuditedWrite write;
  std::vector<AuditedCell> cells;
};

absl::Status DecodeWrite(absl::string_view key, absl::string_view in,
                         StoredWrite* out) {
  const absl::Status unreadable = absl::DataLossError(
      absl::StrCat("audit: the record of a write at key ",
                   absl::BytesToHexString(key), " is unreadable"));
  in.remove_prefix(kWriteRecord.size());
  uint64_t micros = 0;
  uint32_t count = 0;
  if (!ConsumeU64(&in, &micros) ||
      !ConsumeU64(&in, &out->write.first_revision) ||
      !ConsumeU32(&in, &count) ||
      !ConsumeLengthPrefixed(&in, &out->write.principal) ||
      !ConsumeLengthPrefixed(&in, &out->write.request_id) ||
      !ConsumeLengthPrefixed(&in, &out->write.method)) {
    return unreadable;
  }
  out->micros = static_cast<int64_t>(micros);
  // Each cell takes at least three bytes: a count beyond that is corrupt,
  // and must not size the vector.
  if (count == 0 || count > in.size() / 3) return unreadable;
  out->cells.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    AuditedCell& cell = out->cells[i];
    if (!ConsumeLengthPrefixed(&in, &cell.entity) ||
        !ConsumeLengthPrefixed(&in, &cell.item) ||
        !ConsumeLengthPrefixed(&in, &cell.period)) {
      return unreadable;
    }
    if (i > 0 && cell.entity.empty()) cell.entity = out->cells[i - 1].entity;
    if (i > 0 && cell.period.empty()) cell.period = out->cells[i - 1].period;
    if (cell.entity.empty() || cell.item.empty() || cell.period.empty()) {
      return unreadable;
    }
  }
  if (!in.empty()) return unreadable;
  return absl::OkStatus();
}

int64_t Micros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

bool Matches(const v1::ListAuditEventsRequest& r, const v1::AuditEvent& e) {
  if (!r.principal().empty() && e.principal() != r.principal()) return false;
  if (!r.entity().empty() && e.entity() != r.entity()) return false;
  if (!r.item().empty() && e.item() != r.item()) return false;
  const int64_t t = Micros(e.time());
  if (r.has_start_time() && t < Micros(r.start_time())) return false;
  if (r.has_end_time() && t >= Micros(r.end_time())) return false;
  return true;
}

}  // namespace

AuditLog::AuditLog(KvStore* kv, uint64_t last, ChangeReader read_change)
    : kv_(kv),
      family_(kv->Family(kFamily)),
      read_change_(std::move(read_change)),
      last_(last) {}

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(
    KvStore* kv, ChangeReader read_change) {
  const FamilyId family = kv->Family(kFamily);
  if (!family) {
    return absl::InternalError("audit: the database has no \"audit\" family");
  }
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last =
      kv->LastWithPrefix(family, "");
  if (!last.ok()) return last.status();
  uint64_t sequence = 0;
  if (last->has_value()) {
    absl::string_view key = (*last)->first;
    if (!ConsumeU64(&key, &sequence)) {
      return absl::DataLossError("audit: an event key is unreadable");
    }
  }
  return std::unique_ptr<AuditLog>(
      new AuditLog(kv, sequence, std::move(read_change)));
}

void AuditLog::Append(v1::AuditEvent event, Transaction* transaction) {
  const uint64_t sequence = ++last_;
  event.set_sequence(static_cast<int64_t>(sequence));
  const int64_t micros = absl::ToUnixMicros(transaction->time());
  *event.mutable_time() = TimestampFromMicros(micros);
  std::string key;
  AppendU64(&key, sequence);
  transaction->Put(family_, key, event.SerializeAsString());
}

void AuditLog::AppendWrite(const AuditedWrite& write,
                           const std::vector<AuditedCell>& cells,
                           Transaction* transaction) {
  if (cells.empty()) return;
  const uint64_t last = last_.fetch_add(cells.size()) + cells.size();
  std::string key;
  AppendU64(&key, last);
  transaction->Put(
      family_, key,
      EncodeWrite(write, cells, absl::ToUnixMicros(transaction->time())));
}

absl::StatusOr<v1::ListAuditEventsResponse> AuditLog::List(
    const v1::ListAuditEventsRequest& r) const {
  if (r.page_size() < 0 || r.page_size() > kMaxPageSize) {
    return InvalidFieldError(
        "page_size",
        absl::StrCat(r.page_size(), " is outside 0..", kMaxPageSize));
  }
  const int page_size = r.page_size() == 0 ? kDefaultPageSize : r.page_size();
  // Checked before Matches converts them: any int64 seconds can arrive, and
  // would overflow the microseconds.
  if (r.has_start_time()) {
    absl::StatusOr<int64_t> t = TimestampMicros(r.start_time(), "start_time");
    if (!t.ok()) return t.status();
  }
  if (r.has_end_time()) {
    absl::StatusOr<int64_t> t = TimestampMicros(r.end_time(), "end_time");
    if (!t.ok()) return t.status();
  }
  uint64_t from = 0;
  if (!r.page_token().empty()) {
    std::string decoded;
    if (!absl::WebSafeBase64Unescape(r.page_token(), &decoded) ||
        !absl::SimpleAtoi(decoded, &from)) {
      return InvalidFieldError(
          "page_token",
          absl::StrCat(QuoteForMessage(r.page_token()), " is not a page token"),
          v1::INVALID_PAGE_TOKEN);
    }
  }
  v1::ListAuditEventsResponse out;
  std::string start;
  AppendU64(&start, from);
  absl::Status parsed;
  // Adds `e` to the page, or ends the page before it; false ends the scan.
  auto take = [&](v1::AuditEvent e) {
    if (out.events_size() == page_size) {
      out.set_next_page_token(
          absl::WebSafeBase64Escape(absl::StrCat(e.sequence())));
      return false;
    }
    *out.add_events() = std::move(e);
    return true;
  };
  absl::Status scanned = kv_->ScanFrom(
      family_, start, [&](absl::string_view key, absl::string_view value) {
        if (absl::StartsWith(value, kWriteRecord)) {
          parsed = ListWrite(key, value, r, from, take);
          return parsed.ok() && out.next_page_token().empty();
        }
        v1::AuditEvent e;
        if (!e.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = absl::DataLossError("audit: an event is unreadable");
          return false;
        }
        if (!Matches(r, e)) return true;
        return take(std::move(e));
      });
  if (!parsed.ok()) return parsed;
  if (!scanned.ok()) return scanned;
  return out;
}

absl::Status AuditLog::ListWrite(
    absl::string_view key, absl::string_view value,
    const v1::ListAuditEventsRequest& r, uint64_t from,
    const std::function<bool(v1::AuditEvent)>& take) const {
  StoredWrite stored;
  if (absl::Status s = DecodeWrite(key, value, &stored); !s.ok()) return s;
  uint64_t last = 0;
  absl::string_view key_in = key;
  if (!ConsumeU64(&key_in, &last) || last < stored.cells.size() - 1) {
    return absl::DataLossError(absl::StrCat("audit: the key ",
                                            absl::BytesToHexString(key),
                                            " of a write is unreadable"));
  }
  if (!read_change_) {
    return absl::InternalError(
        "audit: a write of many cells is stored but this log cannot read "
        "its changes");
  }
  const uint64_t first_sequence = last - (stored.cells.size() - 1);
  const google::protobuf::Timestamp time = TimestampFromMicros(stored.micros);
  for (size_t i = 0; i < stored.cells.size(); ++i) {
    const uint64_t sequence = first_sequence + i;
    if (sequence < from) continue;
    const AuditedCell& cell = stored.cells[i];
    v1::AuditEvent e;
    e.set_sequence(static_cast<int64_t>(sequence));
    *e.mutable_time() = time;
    e.set_principal(std::string(stored.write.principal));
    e.set_request_id(std::string(stored.write.request_id));
    e.set_method(std::string(stored.write.method));
    e.set_entity(std::string(cell.entity));
    e.set_item(std::string(cell.item));
    e.set_period(std::string(cell.period));
    // The filters read only what the record names: a cell's values are read
    // only for the events listed.
    if (!Matches(r, e)) continue;
    if (absl::Status s =
            read_change_(cell, stored.write.first_revision + i, &e);
        !s.ok()) {
      return s;
    }
    if (!take(std::move(e))) return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace valore::storage
