#include "storage/transaction.h"

#include "rocksdb/write_batch.h"
#include "storage/audit_log.h"

namespace valore::storage {
namespace {

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

}  // namespace

Transaction::Transaction(AuditLog* audit, absl::Time time)
    : audit_(audit),
      time_(time),
      batch_(std::make_unique<rocksdb::WriteBatch>()) {}

Transaction::~Transaction() = default;
Transaction::Transaction(Transaction&& other) noexcept = default;

void Transaction::Put(FamilyId family, absl::string_view key,
                      absl::string_view value) {
  if (!status_.ok()) return;
  status_ = FromRocks(batch_->Put(family.handle_, ToSlice(key), ToSlice(value)),
                      "building a write");
}

void Transaction::Delete(FamilyId family, absl::string_view key) {
  if (!status_.ok()) return;
  status_ = FromRocks(batch_->Delete(family.handle_, ToSlice(key)),
                      "building a write");
}

void Transaction::Audit(v1::AuditEvent event) {
  if (audit_ != nullptr) audit_->Append(std::move(event), this);
}

void Transaction::AuditWrite(const AuditedWrite& write,
                             const std::vector<AuditedCell>& cells) {
  if (audit_ != nullptr) audit_->AppendWrite(write, cells, this);
}

}  // namespace valore::storage
