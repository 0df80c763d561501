#include "services/common/security.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/auth.h"
#include "services/common/call_log.h"

namespace valore {
namespace {

bool AnyTls(const SecurityOptions& o) {
  return !o.tls_cert.empty() || !o.tls_key.empty() || !o.tls_ca.empty();
}

absl::Status CheckTlsComplete(const SecurityOptions& o) {
  if (o.tls_cert.empty() || o.tls_key.empty() || o.tls_ca.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert, --tls_key and --tls_ca go together: give all three");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReadFileToString(const std::string& path,
                                             const std::string& flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat(flag, ": cannot read \"", path, "\""));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<ServerSecurity> MakeServerSecurity(
    const SecurityOptions& options, const std::string& server_name) {
  ServerSecurity out;
  if (options.insecure) {
    if (AnyTls(options) || !options.auth_tokens.empty()) {
      return absl::InvalidArgumentError(
          "--insecure cannot be combined with --tls_* or --auth_tokens");
    }
    LogLine(server_name,
            "WARNING: insecure mode: no TLS, no authentication, every caller "
            "is an admin; use it only on loopback");
    out.credentials = grpc::InsecureServerCredentials();
    return out;
  }
  if (!AnyTls(options)) {
    return absl::FailedPreconditionError(
        "refusing to serve without TLS: give --tls_cert, --tls_key, --tls_ca "
        "and --auth_tokens, or --insecure for a loopback demo");
  }
  if (absl::Status s = CheckTlsComplete(options); !s.ok()) return s;
  if (options.auth_tokens.empty()) {
    return absl::InvalidArgumentError(
        "--auth_tokens: required with TLS (the file of token hashes and "
        "certificate principals)");
  }
  absl::StatusOr<std::string> cert =
      ReadFileToString(options.tls_cert, "--tls_cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key =
      ReadFileToString(options.tls_key, "--tls_key");
  if (!key.ok()) return key.status();
  absl::StatusOr<std::string> ca = ReadFileToString(options.tls_ca, "--tls_ca");
  if (!ca.ok()) return ca.status();
  TokenStore::Options token_options;
  token_options.poll = options.auth_tokens_poll;
  token_options.server_name = server_name;
  absl::StatusOr<std::unique_ptr<TokenStore>> tokens =
      TokenStore::Open(options.auth_tokens, token_options);
  if (!tokens.ok()) return tokens.status();

  grpc::SslServerCredentialsOptions ssl(
      // People come with a token and no certificate; services with their
      // certificate. A certificate that is presented must verify.
      GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = *ca;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  out.credentials = grpc::SslServerCredentials(ssl);
  out.tokens = *std::move(tokens);
  out.tokens->StartWatching();
  out.credentials->SetAuthMetadataProcessor(MakeTokenProcessor(out.tokens));
  return out;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const SecurityOptions& options) {
  if (!AnyTls(options)) return grpc::InsecureChannelCredentials();
  if (absl::Status s = CheckTlsComplete(options); !s.ok()) return s;
  absl::StatusOr<std::string> cert =
      ReadFileToString(options.tls_cert, "--tls_cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key =
      ReadFileToString(options.tls_key, "--tls_key");
  if (!key.ok()) return key.status();
  absl::StatusOr<std::string> ca = ReadFileToString(options.tls_ca, "--tls_ca");
  if (!ca.ok()) return ca.status();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = *ca;
  ssl.pem_private_key = *key;
  ssl.pem_cert_chain = *cert;
  return grpc::SslCredentials(ssl);
}

}  // namespace valore
