// A dependency stopped mid-test: aggregation answers UNAVAILABLE naming it
// within the caller's deadline, and recovers by itself when it returns.
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

}  // namespace
}  // namespace valore::testing
