// CaptureCore's period locks: the check every commit makes, locking and
// unlocking (idempotent, audited), and the list of locks.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "services/capture/capture_core.h"
#include "services/capture/capture_core_internal.h"
#include "services/common/request_ids.h"
#include "storage/key_codec.h"

namespace valore::capture {

using internal::Replayed;
using internal::SetTimestamp;

namespace {

std::string LockKey(storage::PeriodOrdinal period) {
  std::string key;
  storage::AppendU16(&key, period);
  return key;
}

}  // namespace

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
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "period ", lock.period(), " is locked (", lock.reason(), ", by ",
          lock.author(), "); an admin must unlock it before it can change")),
      v1::PERIOD_LOCKED, {{"period", lock.period()}});
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
  storage::WriteRequest write =
      WriteOf(locked ? "LockPeriod" : "UnlockPeriod", author, request_id, now);
  if (!request_id.empty()) write.fingerprint = RequestFingerprint(request);
  absl::StatusOr<std::string> answer = Commit(
      write, {}, {},
      [&](const std::vector<uint64_t>&,
          storage::Transaction& tx) -> absl::StatusOr<std::string> {
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
        tx.Put(locks_, LockKey(ordinal), next.SerializeAsString());
        v1::AuditEvent event;
        event.set_principal(author);
        event.set_request_id(request_id);
        event.set_method(locked ? "CaptureService.LockPeriod"
                                : "CaptureService.UnlockPeriod");
        event.set_period(period->ToString());
        v1::AuditChange::PeriodLock* change =
            event.mutable_change()->mutable_period_lock();
        change->set_locked_before(current.locked());
        change->set_locked_after(locked);
        change->set_reason(reason);
        tx.Audit(std::move(event));
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
