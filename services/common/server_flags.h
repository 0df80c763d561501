// The security flags every server takes: --tls_cert, --tls_key, --tls_ca,
// --insecure, --auth_tokens, --auth_tokens_poll.
#ifndef VALORE_SERVICES_COMMON_SERVER_FLAGS_H_
#define VALORE_SERVICES_COMMON_SERVER_FLAGS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/security.h"

namespace valore {

SecurityOptions SecurityFromFlags();

// A server's security from its flags: its own credentials (and whether calls
// carry a principal), and the credentials of the channels it opens to other
// services. Errors name the flag at fault.
struct ServerSecuritySetup {
  ServerSecurity server;
  std::shared_ptr<grpc::ChannelCredentials> channels;
};
absl::StatusOr<ServerSecuritySetup> ServerSecurityFromFlags(
    const std::string& server_name);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_SERVER_FLAGS_H_
