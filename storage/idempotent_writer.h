// Idempotent writes (AIP-155) with their audit trail, in one place for the
// three services: a service says "this request, with this id and
// fingerprint, writes these records and these audit events", and the writer
// detects a retry (answering it as the first time), runs the write once, and
// commits the records, the audit events and the answer kept for retries in
// one synced batch.
#ifndef VALORE_STORAGE_IDEMPOTENT_WRITER_H_
#define VALORE_STORAGE_IDEMPOTENT_WRITER_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/audit_log.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace valore::storage {

// One write request as the writer sees it.
struct WriteRequest {
  // "ImportCatalog", "WriteMeasurement": a request id is the caller's own
  // within one method.
  std::string method;
  // Who asks: a request id belongs to its caller, and another principal
  // reusing it gets no answer of someone else's.
  std::string principal;
  // Empty: not idempotent (every call writes).
  std::string request_id;
  // The request's content without its id (RequestFingerprint): a retry has
  // the same; a different request reusing the id is refused.
  std::string fingerprint;
  // A fingerprint an earlier version kept for this request, also accepted;
  // computed only when a kept answer does not match `fingerprint`.
  std::function<std::string()> legacy_fingerprint;
  // When the write happens: the audit events' time.
  absl::Time time;
};

class IdempotentWriter {
 public:
  // The family that holds the answers kept for retries.
  static constexpr char kFamily[] = "requests";

  // `kv` (opened with kFamily) and `audit` must outlive the writer.
  IdempotentWriter(KvStore* kv, AuditLog* audit);

  // The answer kept for an earlier call of this request; std::nullopt when
  // there was none (or the request has no id). INVALID_ARGUMENT
  // (REQUEST_ID_REUSED) when the id was used for a different request.
  absl::StatusOr<std::optional<std::string>> Replayed(
      const WriteRequest& request) const;

  using WriteFn = std::function<absl::StatusOr<std::string>(Transaction&)>;
  // A retry gets the first answer back and writes nothing. Otherwise
  // `write` puts its records and audit events into the transaction and
  // returns the answer; they are committed in one synced batch with the
  // answer kept for retries. An error from `write` stores nothing. Writes of
  // one writer are serialized. `*wrote`, when given, tells whether `write`
  // ran and committed.
  absl::StatusOr<std::string> Write(const WriteRequest& request,
                                    const WriteFn& write,
                                    bool* wrote = nullptr);

  // For a store that commits under its own lock (the series store): a new
  // transaction for `request`, and the answer kept for its retries, put
  // into it before it is committed.
  Transaction Begin(const WriteRequest& request);
  void Keep(const WriteRequest& request, absl::string_view answer,
            Transaction& transaction) const;

 private:
  KvStore* kv_;
  AuditLog* audit_;
  FamilyId requests_;
  absl::Mutex mu_;
};

// Key of the kept answer: method, caller and request id.
std::string ReplayKey(absl::string_view method, absl::string_view principal,
                      absl::string_view request_id);
// The record kept for retries: the fingerprint, then the answer.
std::string EncodeReplay(absl::string_view fingerprint,
                         absl::string_view answer);
// The kept answer when `stored` was written for `fingerprint`;
// INVALID_ARGUMENT (REQUEST_ID_REUSED) naming the id otherwise.
absl::StatusOr<std::string> MatchReplay(absl::string_view stored,
                                        absl::string_view fingerprint,
                                        absl::string_view request_id);

}  // namespace valore::storage

#endif  // VALORE_STORAGE_IDEMPOTENT_WRITER_H_
