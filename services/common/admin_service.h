// AdminService: backups of the server's own database. Every valore server
// registers one over its KvStore.
#ifndef VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_
#define VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_

#include "storage/kv_store.h"
#include "valore/v1/admin.grpc.pb.h"

namespace valore {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // `kv` must outlive the service.
  AdminServiceImpl(storage::KvStore* kv, bool authenticated)
      : kv_(kv), authenticated_(authenticated) {}

  grpc::Status CreateBackup(grpc::ServerContext* context,
                            const v1::CreateBackupRequest* r,
                            v1::BackupInfo* out) override;
  grpc::Status ListBackups(grpc::ServerContext* context,
                           const v1::ListBackupsRequest* r,
                           v1::ListBackupsResponse* out) override;

 private:
  storage::KvStore* kv_;
  bool authenticated_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_
