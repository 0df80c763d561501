// A database in a fresh folder with the audit family and the families a
// component asks for, and its audit log: what a test of a component that
// writes audited transactions needs.
#ifndef VALORE_STORAGE_TEST_AUDITED_DB_H_
#define VALORE_STORAGE_TEST_AUDITED_DB_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/audit_log.h"
#include "storage/kv_store.h"
#include "storage/test_temp_dir.h"
#include "storage/transaction.h"

namespace valore::storage {

class TestAuditedDb {
 public:
  // Opens (again, when open: a restart) with `families` and the audit
  // family; `read_change` as AuditLog::Open takes it.
  void Open(std::vector<std::string> families,
            AuditLog::ChangeReader read_change = nullptr) {
    audit_.reset();
    kv_.reset();
    KvOptions options;
    options.sync_writes = false;
    options.column_families = std::move(families);
    options.column_families.push_back(AuditLog::kFamily);
    auto kv = KvStore::Open(dir_.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    kv_ = *std::move(kv);
    auto audit = AuditLog::Open(kv_.get(), std::move(read_change));
    ASSERT_TRUE(audit.ok()) << audit.status();
    audit_ = *std::move(audit);
  }

  KvStore* kv() { return kv_.get(); }
  AuditLog* audit() { return audit_.get(); }
  Transaction Begin(absl::Time time) { return Transaction(audit_.get(), time); }
  void Commit(Transaction& tx) { ASSERT_TRUE(kv_->Commit(&tx).ok()); }

  // Every audit event kept, oldest first.
  std::vector<v1::AuditEvent> AuditEvents() {
    absl::StatusOr<v1::ListAuditEventsResponse> listed = audit_->List({});
    EXPECT_TRUE(listed.ok()) << listed.status();
    if (!listed.ok()) return {};
    return {listed->events().begin(), listed->events().end()};
  }

 private:
  TestTempDir dir_;
  std::unique_ptr<KvStore> kv_;
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_TEST_AUDITED_DB_H_
