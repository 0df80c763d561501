// The three services with TLS between them and bearer tokens for people:
// certificates made by the shipped deploy/dev-certs script, one token file
// with an admin, an editor of carpi, a viewer and a job, and the shipped
// catalog imported by the admin.
#ifndef VALORE_TESTS_SECURE_SUITE_H_
#define VALORE_TESTS_SECURE_SUITE_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/common/auth.h"
#include "tests/harness.h"

namespace valore::testing {

class SecureSuiteTest : public ::testing::Test {
 public:
  // The token file's lines for the four people and the two services.
  static std::string TokenFileText();

 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // The token file's path; tests may rewrite it.
  std::string TokenFile() const { return dir_.Sub("tokens"); }
  SecurityOptions Options(const std::string& name) const;
  // Certificates name localhost; the harness reports 127.0.0.1.
  static std::string Local(const std::string& address);
  // A PEM file of the dev certificates ("ca.pem", "capture.key").
  static std::string CertFile(const std::string& name);

  // A TLS channel of its own (no connection shared with other channels),
  // with `token` on every call when not empty and, when `client_cert` names
  // a dev certificate ("capture"), that certificate as client identity.
  std::shared_ptr<grpc::Channel> Channel(
      const std::string& address, const std::string& token,
      const std::string& client_cert = "") const;
  std::unique_ptr<v1::CatalogService::Stub> CatalogAs(
      const std::string& token) const;
  std::unique_ptr<v1::CaptureService::Stub> CaptureAs(
      const std::string& token) const;
  std::unique_ptr<v1::AggregationService::Stub> AggregationAs(
      const std::string& token) const;

  static TempDir* certs_;
  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  std::unique_ptr<AggregationServer> aggregation_;
};

}  // namespace valore::testing

#endif  // VALORE_TESTS_SECURE_SUITE_H_
