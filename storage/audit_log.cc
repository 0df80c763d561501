#include "storage/audit_log.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/pagination.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "storage/key_codec.h"

namespace valore::storage {
namespace {

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

AuditLog::AuditLog(KvStore* kv, uint64_t last)
    : kv_(kv), family_(kv->Family(kFamily)), last_(last) {}

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(KvStore* kv) {
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
  return std::unique_ptr<AuditLog>(new AuditLog(kv, sequence));
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
  absl::Status scanned = kv_->ScanFrom(
      family_, start, [&](absl::string_view, absl::string_view value) {
        v1::AuditEvent e;
        if (!e.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = absl::DataLossError("audit: an event is unreadable");
          return false;
        }
        if (!Matches(r, e)) return true;
        if (out.events_size() == page_size) {
          out.set_next_page_token(
              absl::WebSafeBase64Escape(absl::StrCat(e.sequence())));
          return false;
        }
        *out.add_events() = std::move(e);
        return true;
      });
  if (!parsed.ok()) return parsed;
  if (!scanned.ok()) return scanned;
  return out;
}

}  // namespace valore::storage
