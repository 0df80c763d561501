// AdminService: backups of the server's own database. Every valore server
// registers one over its KvStore.
#ifndef VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_
#define VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_

#include "services/common/token_store.h"
#include "storage/kv_store.h"
#include "valore/v1/admin.grpc.pb.h"

namespace valore {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // `kv` and `tokens` must outlive the service; null `tokens`: insecure
  // mode, every caller is an admin.
  AdminServiceImpl(storage::KvStore* kv, const TokenStore* tokens)
      : kv_(kv), tokens_(tokens) {}

  grpc::Status CreateBackup(grpc::ServerContext* context,
                            const v1::CreateBackupRequest* r,
                            v1::BackupInfo* out) override;
  grpc::Status ListBackups(grpc::ServerContext* context,
                           const v1::ListBackupsRequest* r,
                           v1::ListBackupsResponse* out) override;

 private:
  storage::KvStore* kv_;
  const TokenStore* tokens_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_ADMIN_SERVICE_H_
