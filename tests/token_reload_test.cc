// Tokens are revoked without a restart: the servers follow the token file,
// and read it again at once on SIGHUP.
#include <signal.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/process.h"
#include "tests/secure_suite.h"

namespace valore::testing {
namespace {

// The suite's token file without the line of `token`.
std::string WithoutToken(const std::string& token) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(SecureSuiteTest::TokenFileText(),
                                               '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, TokenHash(token))) continue;
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

void ReplaceFile(const std::string& path, const std::string& text) {
  const std::string temp = path + ".new";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
  }
  ASSERT_EQ(std::rename(temp.c_str(), path.c_str()), 0);
}

// Calls `call` until it answers `code`, for at most 30 s; returns the last
// code seen.
template <typename Call>
grpc::StatusCode Until(grpc::StatusCode code, Call call) {
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  grpc::StatusCode seen = call();
  while (seen != code && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
    seen = call();
  }
  return seen;
}

class TokenReloadTest : public SecureSuiteTest {};

TEST_F(TokenReloadTest, ARevokedTokenIsRefusedWithoutARestart) {
  auto write = [&](const std::string& token) {
    v1::WriteMeasurementRequest request;
    request.mutable_measurement()->set_entity("carpi");
    request.mutable_measurement()->set_item("00002");
    request.mutable_measurement()->set_period("2024S1");
    request.mutable_measurement()->mutable_value()->mutable_number()->set_value(
        80);
    v1::Measurement out;
    return CaptureAs(token)
        ->WriteMeasurement(Deadline().get(), request, &out)
        .error_code();
  };
  ASSERT_EQ(write("carpi-token"), grpc::StatusCode::OK);
  ReplaceFile(TokenFile(), WithoutToken("carpi-token"));
  EXPECT_EQ(Until(grpc::StatusCode::UNAUTHENTICATED,
                  [&] { return write("carpi-token"); }),
            grpc::StatusCode::UNAUTHENTICATED);
  // Everyone else keeps working, on every service.
  EXPECT_EQ(write("admin-token"), grpc::StatusCode::OK);
  v1::ListEntitiesResponse entities;
  EXPECT_TRUE(CatalogAs("viewer-token")
                  ->ListEntities(Deadline().get(), {}, &entities)
                  .ok());
  // A token added to the file is taken up the same way.
  ReplaceFile(TokenFile(), TokenFileText());
  EXPECT_EQ(Until(grpc::StatusCode::OK, [&] { return write("carpi-token"); }),
            grpc::StatusCode::OK);
}

TEST_F(TokenReloadTest, AHalfWrittenFileIsNotRead) {
  // The file is cut in the middle of the viewer's line, in place, as a
  // writer that has not finished leaves it.
  const std::string text = TokenFileText();
  const size_t viewer = text.find(TokenHash("viewer-token"));
  ASSERT_NE(viewer, std::string::npos);
  const TokenStore& tokens = *catalog_->tokens();
  const int64_t refusals = tokens.refusals();
  {
    std::ofstream out(TokenFile(), std::ios::binary | std::ios::trunc);
    out << text.substr(0, viewer + 10);
  }
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (tokens.refusals() == refusals && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_GT(tokens.refusals(), refusals) << "the watcher never looked";
  // The viewer, whose line was cut, still gets in: the old file stands.
  v1::ListEntitiesResponse entities;
  EXPECT_TRUE(CatalogAs("viewer-token")
                  ->ListEntities(Deadline().get(), {}, &entities)
                  .ok());
}

TEST_F(TokenReloadTest, SighupReadsTheFileAtOnce) {
  // A catalog process that would not look at the file for an hour.
  const std::vector<std::string> argv = {
      VALORE_CATALOG_BINARY,
      "--listen=localhost:0",
      absl::StrCat("--data=", dir_.Sub("sighup-catalog")),
      absl::StrCat("--tls_cert=", CertFile("catalog.pem")),
      absl::StrCat("--tls_key=", CertFile("catalog.key")),
      absl::StrCat("--tls_ca=", CertFile("ca.pem")),
      absl::StrCat("--auth_tokens=", TokenFile()),
      "--auth_tokens_poll=1h"};
  absl::StatusOr<ServerProcess> server =
      ServerProcess::Start(argv, absl::Seconds(20));
  ASSERT_TRUE(server.ok()) << server.status();
  auto list = [&] {
    v1::ListEntitiesResponse entities;
    return v1::CatalogService::NewStub(
               Channel(server->address(), "viewer-token"))
        ->ListEntities(Deadline().get(), {}, &entities)
        .error_code();
  };
  ASSERT_EQ(list(), grpc::StatusCode::OK);
  ReplaceFile(TokenFile(), WithoutToken("viewer-token"));
  ASSERT_EQ(kill(server->pid(), SIGHUP), 0);
  EXPECT_EQ(Until(grpc::StatusCode::UNAUTHENTICATED, list),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(server->Terminate(), 0);
}

}  // namespace
}  // namespace valore::testing
