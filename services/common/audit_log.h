// The audit trail of one service, kept in its own RocksDB: each write adds
// its events to the WriteBatch that carries the change, so an event exists
// exactly when the change does.
#ifndef VALORE_SERVICES_COMMON_AUDIT_LOG_H_
#define VALORE_SERVICES_COMMON_AUDIT_LOG_H_

#include <atomic>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/kv_store.h"
#include "valore/v1/audit.pb.h"

namespace valore {

class AuditLog {
 public:
  // The column family that holds the events; add it to the KvStore's.
  static constexpr char kFamily[] = "audit";

  // Reads the last sequence; `kv` must outlive the log.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(storage::KvStore* kv);

  // Stamps the event with the next sequence and `time`, and puts it in
  // `batch`. Sequences are increasing; an event whose batch fails leaves a
  // gap.
  void Append(v1::AuditEvent event, absl::Time time,
              rocksdb::WriteBatch* batch);

  // Events matching the filters, oldest first, paginated (page_size default
  // 100, at most 1000).
  absl::StatusOr<v1::ListAuditEventsResponse> List(
      const v1::ListAuditEventsRequest& request) const;

 private:
  AuditLog(storage::KvStore* kv, uint64_t last);
  storage::KvStore* kv_;
  rocksdb::ColumnFamilyHandle* family_;
  std::atomic<uint64_t> last_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_AUDIT_LOG_H_
