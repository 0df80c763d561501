// A dependency stopped mid-test: aggregation answers UNAVAILABLE naming it
// within the caller's deadline, and recovers by itself when it returns. A
// catalog that accepts connections and never answers: capture names it
// within its caller's deadline, not after its own longer bound.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

grpc::Status Report(Suite& suite, int deadline_seconds, v1::Report* out) {
  v1::GetReportRequest request;
  request.set_period("2023S2");
  request.set_scope("scopes/union");
  return suite.aggregation().Stub()->GetReport(Deadline(deadline_seconds).get(),
                                               request, out);
}

TEST(AggregationFaultsTest, DependencyDownIsUnavailableNamingItThenRecovers) {
  Suite suite;
  ImportAll(ReadShippedData(), suite);
  v1::Report report;
  ASSERT_TRUE(Report(suite, 10, &report).ok());

  const std::string capture_address = suite.capture().address();
  suite.capture().Stop();
  const absl::Time start = absl::Now();
  grpc::Status down = Report(suite, 3, &report);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(down.error_message(), HasSubstr("capture service"));
  EXPECT_THAT(down.error_message(), HasSubstr(capture_address));

  suite.capture().Start(capture_address);
  grpc::Status back;
  for (int attempt = 0; attempt < 50; ++attempt) {
    back = Report(suite, 5, &report);
    if (back.ok()) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(back.ok()) << back.error_message();
  EXPECT_EQ(report.outcome_table(0).total(), 38);

  const std::string catalog_address = suite.catalog().address();
  suite.catalog().Stop();
  down = Report(suite, 3, &report);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(down.error_message(), HasSubstr("catalog service"));
  suite.catalog().Start(catalog_address);
}

// A loopback port whose connections the kernel accepts and nobody answers.
class SilentPort {
 public:
  SilentPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(listen(fd_, 16), 0);
    EXPECT_EQ(getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    address_ = absl::StrCat("127.0.0.1:", ntohs(addr.sin_port));
  }
  ~SilentPort() { close(fd_); }
  const std::string& address() const { return address_; }

 private:
  int fd_ = -1;
  std::string address_;
};

TEST(CaptureFaultsTest, AHungCatalogIsNamedWithinTheCallersDeadline) {
  SilentPort catalog;
  TempDir dir;
  CaptureServer capture(dir.Sub("capture"), catalog.address());
  capture.set_catalog_timeout(absl::Seconds(30));
  capture.Start();
  v1::WriteMeasurementRequest request;
  request.mutable_measurement()->set_entity("carpi");
  request.mutable_measurement()->set_item("00002");
  request.mutable_measurement()->set_period("2023S2");
  request.mutable_measurement()->mutable_value()->mutable_number()->set_value(
      1);
  v1::Measurement out;
  const absl::Time start = absl::Now();
  // Capture's own bound on a catalog call is 30 s; the caller gives 4 s and
  // gets the answer, not its own DEADLINE_EXCEEDED.
  grpc::Status status =
      capture.Stub()->WriteMeasurement(Deadline(4).get(), request, &out);
  EXPECT_LT(absl::Now() - start, absl::Seconds(4));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("catalog service"));
  EXPECT_THAT(status.error_message(), HasSubstr(catalog.address()));
}

}  // namespace
}  // namespace valore::testing
