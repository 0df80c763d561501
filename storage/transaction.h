// What one write stores, committed atomically by KvStore::Commit (or by the
// series store, with its own records): puts and deletes in the store's
// families, and the audit events that tell of them, which exist exactly
// when the change does.
#ifndef VALORE_STORAGE_TRANSACTION_H_
#define VALORE_STORAGE_TRANSACTION_H_

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/kv_store.h"
#include "valore/v1/audit.pb.h"

namespace rocksdb {
class WriteBatch;
}  // namespace rocksdb

namespace valore::storage {

class AuditLog;
struct AuditedCell;
struct AuditedWrite;

class Transaction {
 public:
  // `audit` (may be null: no events) stamps the events with its next
  // sequences and `time`.
  Transaction(AuditLog* audit, absl::Time time);
  ~Transaction();
  Transaction(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Put(FamilyId family, absl::string_view key, absl::string_view value);
  void Delete(FamilyId family, absl::string_view key);
  // An audit event of this write, stored with it.
  void Audit(v1::AuditEvent event);
  // The audit events of a write of many cells, one per cell, stored as one
  // record (AuditLog::AppendWrite).
  void AuditWrite(const AuditedWrite& write,
                  const std::vector<AuditedCell>& cells);

  absl::Time time() const { return time_; }
  // The first error of a put or delete (a RocksDB batch can refuse one);
  // Commit refuses a transaction that has one.
  const absl::Status& status() const { return status_; }

 private:
  friend class KvStore;
  friend class SeriesStore;
  friend class TransactionTestPeer;
  rocksdb::WriteBatch* batch() { return batch_.get(); }

  AuditLog* audit_;
  absl::Time time_;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
  absl::Status status_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_TRANSACTION_H_
