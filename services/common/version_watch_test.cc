// VersionWatchHub and VersionWatch over a real gRPC server on loopback: a
// published version is known to every watcher before Publish returns, a
// watch comes back after a restart, and a watcher that stops answering or
// leaves does not hold writes for ever.
#include "services/common/version_watch.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/common/version_watch_hub.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore {
namespace {

// A server with one hub whose version is "v<counter>".
class WatchedServer {
 public:
  explicit WatchedServer(VersionWatchHub::Options options, int port = 0)
      : hub_([this] { return absl::StrCat("v", counter_.load()); }, nullptr,
             options) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort(absl::StrCat("127.0.0.1:", port),
                             grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&hub_);
    server_ = builder.BuildAndStart();
  }
  ~WatchedServer() { Stop(); }
  void Stop() {
    if (server_ == nullptr) return;
    hub_.Close();
    server_->Shutdown();
    server_.reset();
  }
  // A write: the version changes, then every watcher is told.
  std::string Write() {
    ++counter_;
    hub_.Publish();
    return absl::StrCat("v", counter_.load());
  }
  std::shared_ptr<grpc::Channel> Channel() const {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                               grpc::InsecureChannelCredentials());
  }
  int port() const { return port_; }
  VersionWatchHub& hub() { return hub_; }

 private:
  std::atomic<int> counter_{0};
  VersionWatchHub hub_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

VersionWatchHub::Options Lease(absl::Duration lease, absl::Duration ack) {
  VersionWatchHub::Options options;
  options.lease = lease;
  options.ack_timeout = ack;
  return options;
}

TEST(VersionWatchTest, EveryPublishedVersionIsKnownBeforePublishReturns) {
  WatchedServer server(Lease(absl::Seconds(10), absl::Seconds(5)));
  VersionWatch watch(server.Channel());
  EXPECT_EQ(watch.WaitTrusted(absl::Seconds(30)), "v0");
  for (int i = 0; i < 50; ++i) {
    const std::string written = server.Write();
    // No wait: the hub returned only once the watch had applied it.
    EXPECT_EQ(watch.Trusted(), written);
  }
  EXPECT_EQ(server.hub().watchers(), 1u);
}

TEST(VersionWatchTest, TwoWatchersBothKnowTheVersion) {
  WatchedServer server(Lease(absl::Seconds(10), absl::Seconds(5)));
  VersionWatch first(server.Channel());
  VersionWatch second(server.Channel());
  ASSERT_FALSE(first.WaitTrusted(absl::Seconds(30)).empty());
  ASSERT_FALSE(second.WaitTrusted(absl::Seconds(30)).empty());
  const std::string written = server.Write();
  EXPECT_EQ(first.Trusted(), written);
  EXPECT_EQ(second.Trusted(), written);
}

TEST(VersionWatchTest, WatchComesBackAfterTheServerRestarts) {
  auto server = std::make_unique<WatchedServer>(
      Lease(absl::Seconds(1), absl::Milliseconds(500)));
  const int port = server->port();
  VersionWatch watch(server->Channel());
  ASSERT_EQ(watch.WaitTrusted(absl::Seconds(30)), "v0");
  server->Write();
  ASSERT_EQ(watch.Trusted(), "v1");
  server.reset();
  // Gone: nothing is trusted once the stream has ended.
  for (int i = 0; i < 400 && !watch.Trusted().empty(); ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_EQ(watch.Trusted(), "");
  // A new process on the same port starts from its own version.
  server = std::make_unique<WatchedServer>(
      Lease(absl::Seconds(1), absl::Milliseconds(500)), port);
  ASSERT_EQ(server->port(), port);
  EXPECT_EQ(watch.WaitTrusted(absl::Seconds(30)), "v0");
  EXPECT_EQ(server->Write(), "v1");
  EXPECT_EQ(watch.Trusted(), "v1");
}

TEST(VersionWatchTest, AWatcherThatEndsItsWatchHoldsNoWrite) {
  // A lease of an hour: were the hub to wait for it, the test would time
  // out. A client that ends its watch has stopped trusting it first.
  WatchedServer server(Lease(absl::Hours(1), absl::Hours(1)));
  {
    VersionWatch watch(server.Channel());
    ASSERT_EQ(watch.WaitTrusted(absl::Seconds(30)), "v0");
  }
  for (int i = 0; i < 2000 && server.hub().watchers() > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_EQ(server.Write(), "v1");
}

// The watch leaving just as the server ends its call: it must not write to
// the call's stream once gRPC has freed it (AddressSanitizer tells, in the
// test-asan run). The race is narrow, hence the rounds.
TEST(VersionWatchTest, LeavingAsTheServerEndsTheCallIsSafe) {
  for (int round = 0; round < 100; ++round) {
    WatchedServer server(Lease(absl::Seconds(10), absl::Seconds(5)));
    auto watch = std::make_unique<VersionWatch>(server.Channel());
    ASSERT_EQ(watch->WaitTrusted(absl::Seconds(30)), "v0");
    server.hub().Close();
    // Untrusted as the last read fails: the call is ending right now.
    while (!watch->Trusted().empty()) {
    }
    watch.reset();
  }
}

TEST(VersionWatchTest, AWatcherThatNeverAcknowledgesIsDropped) {
  WatchedServer server(Lease(absl::Milliseconds(400), absl::Milliseconds(200)));
  // Reads versions and never answers.
  auto stub = v1::VersionWatchService::NewStub(server.Channel());
  grpc::ClientContext context;
  auto stream = stub->WatchVersion(&context);
  v1::VersionChange change;
  ASSERT_TRUE(stream->Read(&change));
  EXPECT_EQ(change.etag(), "v0");
  EXPECT_EQ(change.lease().nanos(), 400000000);
  // Publish returns: the silent watcher is dropped, and its lease runs out.
  EXPECT_EQ(server.Write(), "v1");
  EXPECT_EQ(server.hub().watchers(), 0u);
  while (stream->Read(&change)) {
  }
  grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
}

TEST(VersionWatchTest, AServerWithoutTheWatchIsNeverTrusted) {
  // A server of an older version: it answers, but offers no watch.
  v1::CatalogService::Service catalog;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(&catalog);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  VersionWatch watch(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                         grpc::InsecureChannelCredentials()));
  EXPECT_EQ(watch.WaitTrusted(absl::Milliseconds(300)), "");
  server->Shutdown();
}

}  // namespace
}  // namespace valore
