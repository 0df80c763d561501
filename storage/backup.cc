#include "storage/backup.h"

#include <climits>
#include <filesystem>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/text_util.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"

namespace valore::storage {
namespace {

BackupRecord ToRecord(const rocksdb::BackupInfo& info) {
  BackupRecord r;
  r.id = info.backup_id;
  r.unix_seconds = info.timestamp;
  r.size_bytes = info.size;
  r.files = info.number_files;
  return r;
}

absl::Status CheckAbsolute(const std::string& path, const char* field) {
  if (path.empty() || path.front() != '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", QuoteForMessage(path), " must be an absolute path"));
  }
  if (path.size() > PATH_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", QuoteForMessage(path), " is longer than ",
                     PATH_MAX, " bytes, the longest path there is"));
  }
  return absl::OkStatus();
}

// The backups of an existing directory, read-only; errors name `field`.
absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenForReading(
    const std::string& backup_dir, const char* field) {
  if (absl::Status s = CheckAbsolute(backup_dir, field); !s.ok()) return s;
  std::error_code ec;
  if (!std::filesystem::is_directory(backup_dir, ec)) {
    return absl::NotFoundError(absl::StrCat(
        field, ": ", QuoteForMessage(backup_dir), " does not exist"));
  }
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("backup ", backup_dir));
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(raw);
}

}  // namespace

absl::StatusOr<BackupRecord> CreateBackup(KvStore& kv,
                                          const std::string& backup_dir) {
  if (absl::Status s = CheckAbsolute(backup_dir, "backup_dir"); !s.ok())
    return s;
  std::error_code ec;
  std::filesystem::create_directories(backup_dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup_dir: cannot create \"", backup_dir, "\": ", ec.message()));
  }
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(backup_dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("backup ", backup_dir));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackup(options, kv.db(), &id);
  if (!s.ok()) return FromRocks(s, absl::StrCat("backup ", backup_dir));
  rocksdb::BackupInfo info;
  rocksdb::Status got = engine->GetBackupInfo(id, &info);
  if (!got.ok()) return FromRocks(got, absl::StrCat("backup ", backup_dir));
  return ToRecord(info);
}

absl::StatusOr<std::vector<BackupRecord>> ListBackups(
    const std::string& backup_dir) {
  absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> engine =
      OpenForReading(backup_dir, "backup_dir");
  if (!engine.ok()) return engine.status();
  std::vector<rocksdb::BackupInfo> infos;
  (*engine)->GetBackupInfo(&infos);
  std::vector<BackupRecord> out;
  for (const rocksdb::BackupInfo& info : infos) out.push_back(ToRecord(info));
  return out;
}

absl::Status RestoreBackup(const std::string& backup_dir, uint32_t id,
                           const std::string& db_dir) {
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(db_dir) / "CURRENT", ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--to: \"", db_dir,
        "\" already holds a database; restore into a new directory"));
  }
  absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> opened =
      OpenForReading(backup_dir, "--from");
  if (!opened.ok()) return opened.status();
  rocksdb::BackupEngineReadOnly& engine = **opened;
  std::vector<rocksdb::BackupInfo> infos;
  engine.GetBackupInfo(&infos);
  if (infos.empty()) {
    return absl::NotFoundError(
        absl::StrCat("--from: no backup in \"", backup_dir, "\""));
  }
  const rocksdb::IOStatus s =
      id == 0 ? engine.RestoreDBFromLatestBackup(db_dir, db_dir)
              : engine.RestoreDBFromBackup(id, db_dir, db_dir);
  if (!s.ok()) return FromRocks(s, absl::StrCat("restore from ", backup_dir));
  return absl::OkStatus();
}

}  // namespace valore::storage
