#include "cli/cli_context.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "services/common/channels.h"
#include "services/common/security.h"

ABSL_FLAG(
    std::string, catalog, "",
    "catalog service address (else $VALORE_CATALOG, else 127.0.0.1:7001)");
ABSL_FLAG(
    std::string, capture, "",
    "capture service address (else $VALORE_CAPTURE, else 127.0.0.1:7002)");
ABSL_FLAG(std::string, aggregation, "",
          "aggregation service address (else $VALORE_AGGREGATION, else "
          "127.0.0.1:7003)");
ABSL_FLAG(std::string, format, "table",
          "output: table or json; for report: text, csv, json, md or html; "
          "for overview: table, csv or json");
ABSL_FLAG(std::string, author, "",
          "who writes (else $VALORE_AUTHOR, else $USER); recorded with each "
          "revision");
ABSL_FLAG(int, timeout, 30, "deadline of each call, in seconds");
ABSL_FLAG(std::string, token, "", "bearer token (else $VALORE_TOKEN)");
ABSL_FLAG(std::string, tls_ca, "",
          "CA that signs the servers' certificates (else $VALORE_TLS_CA); "
          "without it calls are plain text");
ABSL_FLAG(std::string, tls_cert, "",
          "client certificate, if the CLI acts as a certificate principal "
          "(else $VALORE_TLS_CERT)");
ABSL_FLAG(std::string, tls_key, "", "key of --tls_cert (else $VALORE_TLS_KEY)");
ABSL_FLAG(std::string, tls_server_name, "",
          "name the servers' certificates must hold, when it is not the host "
          "dialled (an exec probe dialling 127.0.0.1 in a pod)");

namespace valore::cli {
namespace {

std::string Resolve(const std::string& flag, const char* env,
                    const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  if (value != nullptr && *value != '\0') return value;
  return fallback;
}

// TLS when a CA is given (with a client certificate when one is given too),
// and the bearer token on every call.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(
    const SecurityOptions& security, const std::string& token) {
  if (security.tls_ca.empty()) {
    if (!token.empty()) {
      return absl::InvalidArgumentError(
          "--token: a token is only sent over TLS; give --tls_ca too");
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  absl::StatusOr<std::string> ca =
      ReadFileToString(security.tls_ca, "--tls_ca");
  if (!ca.ok()) return ca.status();
  ssl.pem_root_certs = *ca;
  if (!security.tls_cert.empty() || !security.tls_key.empty()) {
    absl::StatusOr<std::string> cert =
        ReadFileToString(security.tls_cert, "--tls_cert");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key =
        ReadFileToString(security.tls_key, "--tls_key");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *cert;
    ssl.pem_private_key = *key;
  }
  std::shared_ptr<grpc::ChannelCredentials> channel = grpc::SslCredentials(ssl);
  if (token.empty()) return channel;
  return grpc::CompositeChannelCredentials(channel,
                                           grpc::AccessTokenCredentials(token));
}

}  // namespace

absl::StatusOr<CliContext> CliContext::FromFlags() {
  CliContext c;
  c.catalog_address_ =
      Resolve(absl::GetFlag(FLAGS_catalog), "VALORE_CATALOG", "127.0.0.1:7001");
  c.capture_address_ =
      Resolve(absl::GetFlag(FLAGS_capture), "VALORE_CAPTURE", "127.0.0.1:7002");
  c.aggregation_address_ = Resolve(absl::GetFlag(FLAGS_aggregation),
                                   "VALORE_AGGREGATION", "127.0.0.1:7003");
  const char* user = std::getenv("USER");
  c.author_ = Resolve(absl::GetFlag(FLAGS_author), "VALORE_AUTHOR",
                      user != nullptr ? user : "");
  c.format_name_ = absl::GetFlag(FLAGS_format);
  static const char* const kKnown[] = {"table", "json", "text",
                                       "csv",   "md",   "html"};
  if (std::find(std::begin(kKnown), std::end(kKnown), c.format_name_) ==
      std::end(kKnown)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format: \"", c.format_name_,
        "\" is not table, json (or, for report, text, csv, md, html)"));
  }
  c.format_ = c.format_name_ == "json" ? Format::kJson : Format::kTable;
  c.timeout_seconds_ = absl::GetFlag(FLAGS_timeout);
  SecurityOptions security;
  security.tls_ca = Resolve(absl::GetFlag(FLAGS_tls_ca), "VALORE_TLS_CA", "");
  security.tls_cert =
      Resolve(absl::GetFlag(FLAGS_tls_cert), "VALORE_TLS_CERT", "");
  security.tls_key =
      Resolve(absl::GetFlag(FLAGS_tls_key), "VALORE_TLS_KEY", "");
  const std::string token =
      Resolve(absl::GetFlag(FLAGS_token), "VALORE_TOKEN", "");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ClientCredentials(security, token);
  if (!credentials.ok()) return credentials.status();
  c.credentials_ = *std::move(credentials);
  c.tls_server_name_ = absl::GetFlag(FLAGS_tls_server_name);
  if (!c.tls_server_name_.empty() && security.tls_ca.empty()) {
    return absl::InvalidArgumentError(
        "--tls_server_name: only TLS checks a name; give --tls_ca too");
  }
  if (c.timeout_seconds_ <= 0) {
    return absl::InvalidArgumentError(
        "--timeout: must be a positive number of seconds");
  }
  return c;
}

std::unique_ptr<v1::CatalogService::Stub> CliContext::Catalog() const {
  return v1::CatalogService::NewStub(
      MakeChannel(catalog_address_, credentials_, tls_server_name_));
}

std::unique_ptr<v1::CaptureService::Stub> CliContext::Capture() const {
  return v1::CaptureService::NewStub(
      MakeChannel(capture_address_, credentials_, tls_server_name_));
}

std::unique_ptr<v1::AggregationService::Stub> CliContext::Aggregation() const {
  return v1::AggregationService::NewStub(
      MakeChannel(aggregation_address_, credentials_, tls_server_name_));
}

std::shared_ptr<grpc::Channel> CliContext::Channel(
    const std::string& address) const {
  return MakeChannel(address, credentials_, tls_server_name_);
}

std::unique_ptr<grpc::ClientContext> CliContext::Call() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(timeout_seconds_));
  return context;
}

int Fail(const absl::Status& status) {
  std::cerr << "valore: " << status.message() << "\n";
  return 1;
}

int Fail(const grpc::Status& status, const std::string& service) {
  std::cerr << "valore: " << service << ": " << status.error_message() << "\n";
  return 1;
}

}  // namespace valore::cli
