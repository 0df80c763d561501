#include "services/common/admin_service.h"

#include "services/common/auth.h"
#include "services/common/grpc_status.h"
#include "common/pagination.h"
#include "storage/backup.h"

namespace valore {
namespace {

v1::BackupInfo ToProto(const storage::BackupRecord& r, const std::string& dir) {
  v1::BackupInfo info;
  info.set_backup_id(r.id);
  info.mutable_create_time()->set_seconds(r.unix_seconds);
  info.set_size_bytes(r.size_bytes);
  info.set_files(r.files);
  info.set_backup_dir(dir);
  return info;
}

}  // namespace

grpc::Status AdminServiceImpl::CreateBackup(grpc::ServerContext* context,
                                            const v1::CreateBackupRequest* r,
                                            v1::BackupInfo* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, "");
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "back up a database");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<storage::BackupRecord> record =
      storage::CreateBackup(*kv_, r->backup_dir());
  if (!record.ok()) return ToGrpcStatus(record.status());
  *out = ToProto(*record, r->backup_dir());
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::ListBackups(grpc::ServerContext* context,
                                           const v1::ListBackupsRequest* r,
                                           v1::ListBackupsResponse* out) {
  absl::StatusOr<Principal> p = PrincipalOf(*context, tokens_, "");
  if (!p.ok()) return ToGrpcStatus(p.status());
  if (absl::Status s = Require(*p, {Role::kAdmin}, "list backups"); !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<std::vector<storage::BackupRecord>> records =
      storage::ListBackups(r->backup_dir());
  if (!records.ok()) return ToGrpcStatus(records.status());
  v1::ListBackupsResponse all;
  for (const storage::BackupRecord& record : *records) {
    *all.add_backups() = ToProto(record, r->backup_dir());
  }
  return Reply(OnePage(*r, absl::StatusOr<v1::ListBackupsResponse>(all),
                       &v1::ListBackupsResponse::mutable_backups),
               out);
}

}  // namespace valore
