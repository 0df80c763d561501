// valore-gateway with the deployment's security: HTTPS, the services over
// mutual TLS, bearer tokens passed through as they came. The gateway's own
// certificate is no principal, so it can never widen what a caller may do.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/gateway_harness.h"
#include "tests/harness.h"
#include "tests/secure_suite.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

std::string ProblemType(const httplib::Result& result) {
  google::protobuf::Struct problem;
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(result->body, &problem).ok())
      << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"),
            "application/problem+json");
  return problem.fields().at("type").string_value();
}

std::string ProblemDetail(const httplib::Result& result) {
  google::protobuf::Struct problem;
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(result->body, &problem).ok());
  return problem.fields().at("detail").string_value();
}

class GatewaySecurityTest : public SecureSuiteTest {
 protected:
  // HTTPS with the gateway's certificate, its channels with the same one.
  std::unique_ptr<GatewayServer> StartGateway(
      bool require_token = true, bool client_certificates = false) {
    GatewaySetup setup;
    setup.catalog = Local(catalog_->address());
    setup.capture = Local(capture_->address());
    setup.aggregation = Local(aggregation_->address());
    setup.channels = SecurityOptions();
    setup.channels.tls_cert = CertFile("gateway.pem");
    setup.channels.tls_key = CertFile("gateway.key");
    setup.channels.tls_ca = CertFile("ca.pem");
    setup.options.require_token = require_token;
    setup.listener.listen = "localhost:0";
    setup.listener.tls_cert = CertFile("gateway.pem");
    setup.listener.tls_key = CertFile("gateway.key");
    if (client_certificates) setup.listener.client_ca = CertFile("ca.pem");
    return std::make_unique<GatewayServer>(setup);
  }

  // An HTTPS client that checks the gateway's certificate; with `cert`
  // ("client"), that dev certificate as its own.
  std::unique_ptr<httplib::SSLClient> Https(const GatewayServer& gateway,
                                            const std::string& cert = "") {
    std::unique_ptr<httplib::SSLClient> client;
    if (cert.empty()) {
      client =
          std::make_unique<httplib::SSLClient>("localhost", gateway.port());
    } else {
      client = std::make_unique<httplib::SSLClient>("localhost", gateway.port(),
                                                    CertFile(cert + ".pem"),
                                                    CertFile(cert + ".key"));
    }
    client->set_ca_cert_path(CertFile("ca.pem").c_str());
    client->enable_server_certificate_verification(true);
    return client;
  }

  static httplib::Headers As(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }

  static std::string Write(const std::string& entity) {
    return absl::StrCat(R"({"measurement": {"entity": ")", entity,
                        R"(", "item": "00002", "period": "2024S1",
                        "value_text": "81,5%"}})");
  }
};

TEST_F(GatewaySecurityTest, WithoutAValidTokenIs401SayingNothingOfWho) {
  auto gateway = StartGateway();
  auto client = Https(*gateway);
  httplib::Result none = client->Get(Rest("/v1/entities"));
  ASSERT_TRUE(none) << httplib::to_string(none.error());
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(ProblemType(none),
            "urn:valore:problem:CREDENTIALS_MISSING_OR_INVALID");
  EXPECT_THAT(none->get_header_value("WWW-Authenticate"), HasSubstr("Bearer"));
  httplib::Result unknown =
      client->Get(Rest("/v1/entities"), As("no-such-token"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 401);
  // The same words for a missing and an unknown token.
  EXPECT_EQ(ProblemDetail(unknown), ProblemDetail(none));
  httplib::Result known = client->Get(Rest("/v1/entities"), As("viewer-token"));
  ASSERT_TRUE(known);
  EXPECT_EQ(known->status, 200) << known->body;
}

TEST_F(GatewaySecurityTest, EachCallIsJudgedByItsOwnToken) {
  auto gateway = StartGateway();
  auto client = Https(*gateway);
  httplib::Result other_entity =
      client->Post(Rest("/v1/measurements"), As("carpi-token"),
                   Write("soliera"), "application/json");
  ASSERT_TRUE(other_entity);
  EXPECT_EQ(other_entity->status, 403) << other_entity->body;
  EXPECT_EQ(ProblemType(other_entity), "urn:valore:problem:ENTITY_NOT_ALLOWED");
  httplib::Result viewer =
      client->Post(Rest("/v1/measurements"), As("viewer-token"), Write("carpi"),
                   "application/json");
  ASSERT_TRUE(viewer);
  EXPECT_EQ(viewer->status, 403);
  httplib::Result own =
      client->Post(Rest("/v1/measurements"), As("carpi-token"), Write("carpi"),
                   "application/json");
  ASSERT_TRUE(own);
  ASSERT_EQ(own->status, 200) << own->body;
  // Stored under the token's principal, not the gateway's.
  EXPECT_THAT(own->body, HasSubstr("\"author\":\"l.bianchi\""));
}

TEST_F(GatewaySecurityTest, StatusNeedsNoTokenAndAsksTheServicesHealth) {
  auto gateway = StartGateway();
  auto client = Https(*gateway);
  httplib::Result status = client->Get(Rest("/v1/status"));
  for (int i = 0; i < 100 && status && status->status != 200; ++i) {
    absl::SleepFor(absl::Milliseconds(100));  // aggregation's first probe
    status = client->Get(Rest("/v1/status"));
  }
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200) << status->body;
}

TEST_F(GatewaySecurityTest, TheGatewaysCertificateIsNoPrincipal) {
  // Even a gateway told not to ask for tokens gets nothing from the
  // services without one.
  auto gateway = StartGateway(/*require_token=*/false);
  httplib::Result result = Https(*gateway)->Get(Rest("/v1/entities"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401) << result->body;
}

TEST_F(GatewaySecurityTest, ClientCertificatesWhenRequired) {
  auto gateway = StartGateway(true, /*client_certificates=*/true);
  httplib::Result without =
      Https(*gateway)->Get(Rest("/v1/entities"), As("viewer-token"));
  EXPECT_FALSE(without && without->status == 200);
  httplib::Result with =
      Https(*gateway, "client")->Get(Rest("/v1/entities"), As("viewer-token"));
  ASSERT_TRUE(with) << httplib::to_string(with.error());
  EXPECT_EQ(with->status, 200) << with->body;
}

}  // namespace
}  // namespace valore::testing
