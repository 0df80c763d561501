// Transport security of servers and channels: TLS with mutual
// authentication between services, bearer tokens for people and jobs, or —
// only when asked for explicitly — plain text for a loopback demo.
#ifndef VALORE_SERVICES_COMMON_SECURITY_H_
#define VALORE_SERVICES_COMMON_SECURITY_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/token_store.h"

namespace valore {

struct SecurityOptions {
  // PEM files: this process's certificate and key, and the CA that signs
  // every valore certificate.
  std::string tls_cert;
  std::string tls_key;
  std::string tls_ca;
  // Plain text, no authentication: every caller is an admin.
  bool insecure = false;
  // The token file (servers only), and how often it is looked at for
  // changes.
  std::string auth_tokens;
  absl::Duration auth_tokens_poll = absl::Seconds(1);
};

struct ServerSecurity {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // The tokens every call is judged by, followed as the file changes; null
  // in insecure mode, where calls carry no principal.
  std::shared_ptr<TokenStore> tokens;
};

// TLS (client certificates requested and verified against the CA) with the
// token file's processor and a watcher that reloads the file when it
// changes, or insecure when options.insecure. Refuses a
// half-given configuration and one with neither TLS nor --insecure.
absl::StatusOr<ServerSecurity> MakeServerSecurity(
    const SecurityOptions& options, const std::string& server_name);

// Credentials for calls to other services: TLS with this process's
// certificate as client identity, or insecure.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const SecurityOptions& options);

// Reads a whole file (certificates, keys).
absl::StatusOr<std::string> ReadFileToString(const std::string& path,
                                             const std::string& flag);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_SECURITY_H_
