// The audit trail of one service, kept in its own database: each write adds
// its events to the Transaction that carries the change, so an event exists
// exactly when the change does.
#ifndef VALORE_STORAGE_AUDIT_LOG_H_
#define VALORE_STORAGE_AUDIT_LOG_H_

#include <atomic>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"
#include "valore/v1/audit.pb.h"

namespace valore::storage {

class AuditLog {
 public:
  // The column family that holds the events; add it to the KvStore's.
  static constexpr char kFamily[] = "audit";

  // Reads the last sequence; `kv` must outlive the log.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(KvStore* kv);

  // Stamps the event with the next sequence and the transaction's time,
  // and puts it in the transaction. Sequences are increasing; an event whose
  // transaction fails leaves a gap.
  void Append(v1::AuditEvent event, Transaction* transaction);

  // Events matching the filters, oldest first, paginated (page_size default
  // 100, at most 1000).
  absl::StatusOr<v1::ListAuditEventsResponse> List(
      const v1::ListAuditEventsRequest& request) const;

 private:
  AuditLog(KvStore* kv, uint64_t last);
  KvStore* kv_;
  FamilyId family_;
  std::atomic<uint64_t> last_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_AUDIT_LOG_H_
