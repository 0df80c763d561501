#include "storage/idempotent_writer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore::storage {

std::string ReplayKey(absl::string_view method, absl::string_view principal,
                      absl::string_view request_id) {
  const std::string nul(1, '\0');
  return absl::StrCat(method, nul, principal, nul, request_id);
}

std::string EncodeReplay(absl::string_view fingerprint,
                         absl::string_view answer) {
  const uint32_t n = static_cast<uint32_t>(fingerprint.size());
  std::string out;
  out.reserve(4 + fingerprint.size() + answer.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  }
  absl::StrAppend(&out, fingerprint, answer);
  return out;
}

absl::StatusOr<std::string> MatchReplay(absl::string_view stored,
                                        absl::string_view fingerprint,
                                        absl::string_view request_id) {
  if (stored.size() < 4) return absl::DataLossError("replay record too short");
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) {
    n = (n << 8) | static_cast<unsigned char>(stored[i]);
  }
  if (stored.size() - 4 < n) {
    return absl::DataLossError("replay record truncated");
  }
  if (stored.substr(4, n) != fingerprint) {
    return InvalidFieldError(
        "request_id",
        absl::StrCat(
            QuoteForMessage(request_id),
            " was already used for a different request; use a new request_id"),
        v1::REQUEST_ID_REUSED);
  }
  return std::string(stored.substr(4 + n));
}

IdempotentWriter::IdempotentWriter(KvStore* kv, AuditLog* audit)
    : kv_(kv), audit_(audit), requests_(kv->Family(kFamily)) {}

absl::StatusOr<std::optional<std::string>> IdempotentWriter::Replayed(
    const WriteRequest& r) const {
  if (r.request_id.empty()) return std::optional<std::string>();
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(requests_, ReplayKey(r.method, r.principal, r.request_id));
  if (!stored.ok() || !stored->has_value()) return stored;
  absl::StatusOr<std::string> answer =
      MatchReplay(**stored, r.fingerprint, r.request_id);
  if (!answer.ok() && r.legacy_fingerprint) {
    absl::StatusOr<std::string> legacy =
        MatchReplay(**stored, r.legacy_fingerprint(), r.request_id);
    if (legacy.ok()) answer = std::move(legacy);
  }
  if (!answer.ok()) return answer.status();
  return std::optional<std::string>(*std::move(answer));
}

absl::StatusOr<std::string> IdempotentWriter::Write(const WriteRequest& r,
                                                    const WriteFn& write,
                                                    bool* wrote) {
  if (wrote != nullptr) *wrote = false;
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<std::string>> before = Replayed(r);
  if (!before.ok()) return before.status();
  if (before->has_value()) return **std::move(before);
  Transaction transaction = Begin(r);
  absl::StatusOr<std::string> answer = write(transaction);
  if (!answer.ok()) return answer.status();
  Keep(r, *answer, transaction);
  if (absl::Status s = kv_->Commit(&transaction); !s.ok()) return s;
  if (wrote != nullptr) *wrote = true;
  return answer;
}

Transaction IdempotentWriter::Begin(const WriteRequest& r) {
  return Transaction(audit_, r.time);
}

void IdempotentWriter::Keep(const WriteRequest& r, absl::string_view answer,
                            Transaction& transaction) const {
  if (r.request_id.empty()) return;
  transaction.Put(requests_, ReplayKey(r.method, r.principal, r.request_id),
                  EncodeReplay(r.fingerprint, answer));
}

}  // namespace valore::storage
