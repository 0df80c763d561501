#include "services/common/metrics_server.h"

#include <httplib.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/test_metrics_text.h"

namespace valore {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(MetricsServerTest, ServesMetricsOverHttpOnAChosenPort) {
  Metrics metrics("valore-test");
  metrics.measurements_written().Increment(7);
  auto server = MetricsServer::Start("127.0.0.1:0", &metrics);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_GT((*server)->port(), 0);
  EXPECT_EQ((*server)->address(),
            absl::StrCat("127.0.0.1:", (*server)->port()));

  httplib::Client client("127.0.0.1", (*server)->port());
  httplib::Result got = client.Get("/metrics");
  ASSERT_TRUE(got) << httplib::to_string(got.error());
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->get_header_value("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(testing::SampleValue(testing::ParseMetricsText(got->body),
                                 "valore_measurements_written_total"),
            7);
  // Each scrape reads the counters anew.
  metrics.measurements_written().Increment();
  got = client.Get("/metrics");
  ASSERT_TRUE(got);
  EXPECT_EQ(testing::SampleValue(testing::ParseMetricsText(got->body),
                                 "valore_measurements_written_total"),
            8);

  httplib::Result other = client.Get("/");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

TEST(MetricsServerTest, StopClosesThePort) {
  Metrics metrics("valore-test");
  auto server = MetricsServer::Start("127.0.0.1:0", &metrics);
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = (*server)->port();
  {
    httplib::Client client("127.0.0.1", port);
    ASSERT_TRUE(client.Get("/metrics"));  // a keep-alive connection, idle
  }
  (*server)->Stop();
  (*server)->Stop();  // twice is harmless
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1);
  EXPECT_FALSE(client.Get("/metrics"));
}

TEST(MetricsServerTest, RefusesABadOrBusyAddress) {
  Metrics metrics("valore-test");
  auto bad = MetricsServer::Start("no-port", &metrics);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()),
              StartsWith("--metrics_listen:"));

  auto first = MetricsServer::Start("127.0.0.1:0", &metrics);
  ASSERT_TRUE(first.ok()) << first.status();
  auto busy = MetricsServer::Start(absl::StrCat("127.0.0.1:", (*first)->port()),
                                   &metrics);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(busy.status().message()), HasSubstr("cannot listen"));
}

}  // namespace
}  // namespace valore
