#include "services/common/http_serving.h"

#include <httplib.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;

TEST(HttpServingTest, ServesOnTheChosenPortAndStopsAtOnce) {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  });
  absl::StatusOr<std::unique_ptr<HttpServing>> serving =
      HttpServing::Start(&server, "127.0.0.1:0", "--listen");
  ASSERT_TRUE(serving.ok()) << serving.status();
  ASSERT_GT((*serving)->port(), 0);
  EXPECT_EQ((*serving)->address(),
            "127.0.0.1:" + std::to_string((*serving)->port()));
  httplib::Client client("127.0.0.1", (*serving)->port());
  httplib::Result got = client.Get("/");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->body, "ok");
  (*serving)->Stop();  // returns: the server was running when Start did
}

TEST(HttpServingTest, APortInUseIsRefused) {
  httplib::Server first;
  absl::StatusOr<std::unique_ptr<HttpServing>> taken =
      HttpServing::Start(&first, "127.0.0.1:0", "--listen");
  ASSERT_TRUE(taken.ok());
  httplib::Server second;
  const std::string same = (*taken)->address();
  absl::StatusOr<std::unique_ptr<HttpServing>> again =
      HttpServing::Start(&second, same, "--metrics_listen");
  ASSERT_TRUE(absl::IsUnavailable(again.status())) << again.status();
  EXPECT_THAT(std::string(again.status().message()),
              HasSubstr("--metrics_listen"));
}

TEST(HttpServingTest, AListenThatIsNotHostPortNamesTheFlag) {
  for (const std::string listen : {"8080", ":80", "host:http", "h:70000"}) {
    httplib::Server server;
    absl::StatusOr<std::unique_ptr<HttpServing>> serving =
        HttpServing::Start(&server, listen, "--listen");
    ASSERT_TRUE(absl::IsInvalidArgument(serving.status())) << listen;
    EXPECT_THAT(std::string(serving.status().message()),
                HasSubstr("--listen: \"" + listen + "\""));
  }
}

}  // namespace
}  // namespace valore
