#include "tests/secure_suite.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace valore::testing {

TempDir* SecureSuiteTest::certs_ = nullptr;

void SecureSuiteTest::SetUpTestSuite() {
  certs_ = new TempDir();
  const std::string command =
      absl::StrCat(VALORE_SOURCE_DIR, "/deploy/dev-certs/make-dev-certs.sh ",
                   certs_->path(), " >/dev/null 2>&1");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

void SecureSuiteTest::TearDownTestSuite() {
  delete certs_;
  certs_ = nullptr;
}

std::string SecureSuiteTest::TokenFileText() {
  // People carry tokens; services are known by their certificates.
  std::ostringstream tokens;
  auto line = [&](const std::string& token, const std::string& principal,
                  Role role, std::vector<std::string> entities = {}) {
    tokens << TokenFileLine(TokenHash(token),
                            TokenEntry{principal, role, std::move(entities)});
  };
  line("admin-token", "m.rossi", Role::kAdmin);
  line("carpi-token", "l.bianchi", Role::kEditor, {"carpi"});
  line("viewer-token", "revisore", Role::kViewer);
  line("job-token", "snapshot-job", Role::kJob);
  tokens << TokenFileLine("cert:valore-capture",
                          TokenEntry{"valore-capture", Role::kViewer, {}});
  tokens << TokenFileLine("cert:valore-aggregation",
                          TokenEntry{"valore-aggregation", Role::kJob, {}});
  return tokens.str();
}

void SecureSuiteTest::SetUp() {
  {
    std::ofstream tokens(TokenFile());
    tokens << TokenFileText();
  }
  catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
  catalog_->set_security(Options("catalog"));
  catalog_->Start("localhost:0");
  capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                             Local(catalog_->address()));
  capture_->set_security(Options("capture"));
  capture_->Start("localhost:0");
  aggregation_ = std::make_unique<AggregationServer>(
      dir_.Sub("aggregation"), Local(catalog_->address()),
      Local(capture_->address()));
  aggregation_->set_security(Options("aggregation"));
  aggregation_->Start("localhost:0");

  // The admin imports the shipped catalog.
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = ReadShippedData().catalog;
  v1::ImportCatalogResponse imported;
  ASSERT_TRUE(CatalogAs("admin-token")
                  ->ImportCatalog(Deadline().get(), import, &imported)
                  .ok());
}

SecurityOptions SecureSuiteTest::Options(const std::string& name) const {
  SecurityOptions o;
  o.tls_cert = CertFile(name + ".pem");
  o.tls_key = CertFile(name + ".key");
  o.tls_ca = CertFile("ca.pem");
  o.auth_tokens = TokenFile();
  o.auth_tokens_poll = absl::Milliseconds(100);
  return o;
}

std::string SecureSuiteTest::Local(const std::string& address) {
  return absl::StrCat("localhost", address.substr(address.rfind(':')));
}

std::string SecureSuiteTest::CertFile(const std::string& name) {
  return absl::StrCat(certs_->path(), "/", name);
}

std::shared_ptr<grpc::Channel> SecureSuiteTest::Channel(
    const std::string& address, const std::string& token,
    const std::string& client_cert) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = *ReadFileToString(CertFile("ca.pem"), "ca");
  if (!client_cert.empty()) {
    ssl.pem_cert_chain =
        *ReadFileToString(CertFile(client_cert + ".pem"), "cert");
    ssl.pem_private_key =
        *ReadFileToString(CertFile(client_cert + ".key"), "key");
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::SslCredentials(ssl);
  if (!token.empty()) {
    credentials = grpc::CompositeChannelCredentials(
        credentials, grpc::AccessTokenCredentials(token));
  }
  // Channels otherwise share connections through gRPC's global subchannel
  // pool; a test that means "one connection" says so by sharing a channel.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(Local(address), credentials, args);
}

std::unique_ptr<v1::CatalogService::Stub> SecureSuiteTest::CatalogAs(
    const std::string& token) const {
  return v1::CatalogService::NewStub(Channel(catalog_->address(), token));
}

std::unique_ptr<v1::CaptureService::Stub> SecureSuiteTest::CaptureAs(
    const std::string& token) const {
  return v1::CaptureService::NewStub(Channel(capture_->address(), token));
}

std::unique_ptr<v1::AggregationService::Stub> SecureSuiteTest::AggregationAs(
    const std::string& token) const {
  return v1::AggregationService::NewStub(
      Channel(aggregation_->address(), token));
}

}  // namespace valore::testing
