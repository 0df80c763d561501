// Incremental backups of a service's database with RocksDB's BackupEngine:
// files already in the backup directory are shared, not copied again.
#ifndef VALORE_STORAGE_BACKUP_H_
#define VALORE_STORAGE_BACKUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/kv_store.h"

namespace valore::storage {

struct BackupRecord {
  uint32_t id = 0;
  int64_t unix_seconds = 0;
  uint64_t size_bytes = 0;
  uint32_t files = 0;
};

// Backs up the open database (flushing memtables first, so the backup needs
// no WAL replay) into `backup_dir`, created when missing.
absl::StatusOr<BackupRecord> CreateBackup(KvStore& kv,
                                          const std::string& backup_dir);

// The backups in `backup_dir`, oldest first.
absl::StatusOr<std::vector<BackupRecord>> ListBackups(
    const std::string& backup_dir);

// Restores backup `id` (0: the newest) into `db_dir`, which must not hold a
// database: a restore never overwrites live data.
absl::Status RestoreBackup(const std::string& backup_dir, uint32_t id,
                           const std::string& db_dir);

}  // namespace valore::storage

#endif  // VALORE_STORAGE_BACKUP_H_
