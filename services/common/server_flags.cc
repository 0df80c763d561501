#include "services/common/server_flags.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/time/time.h"

ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate of this server (and its client identity)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "", "PEM CA that signs the valore certificates");
ABSL_FLAG(bool, insecure, false,
          "serve plain text without authentication (loopback demo only)");
ABSL_FLAG(
    std::string, auth_tokens, "",
    "token file: token hashes and certificate principals with their roles; "
    "read again when it changes or on SIGHUP");
ABSL_FLAG(absl::Duration, auth_tokens_poll, absl::Seconds(1),
          "how often the token file is checked for changes");

namespace valore {

SecurityOptions SecurityFromFlags() {
  SecurityOptions o;
  o.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  o.tls_key = absl::GetFlag(FLAGS_tls_key);
  o.tls_ca = absl::GetFlag(FLAGS_tls_ca);
  o.insecure = absl::GetFlag(FLAGS_insecure);
  o.auth_tokens = absl::GetFlag(FLAGS_auth_tokens);
  o.auth_tokens_poll = absl::GetFlag(FLAGS_auth_tokens_poll);
  return o;
}

absl::StatusOr<ServerSecuritySetup> ServerSecurityFromFlags(
    const std::string& server_name) {
  const SecurityOptions options = SecurityFromFlags();
  absl::StatusOr<ServerSecurity> server =
      MakeServerSecurity(options, server_name);
  if (!server.ok()) return server.status();
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> channels =
      MakeChannelCredentials(options);
  if (!channels.ok()) return channels.status();
  return ServerSecuritySetup{*std::move(server), *std::move(channels)};
}

}  // namespace valore
