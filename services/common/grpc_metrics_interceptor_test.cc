#include "services/common/grpc_metrics_interceptor.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "services/common/metrics.h"
#include "services/common/test_metrics_text.h"

namespace valore {
namespace {

using grpc::experimental::ServerRpcInfo;
using testing::ParseMetricsText;
using testing::SampleValue;

// A real server with grpc.health.v1 (unary) and server reflection (bidi
// stream), its calls counted into `metrics`.
class InterceptedServer {
 public:
  explicit InterceptedServer(Metrics* metrics) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(
        MakeGrpcMetricsInterceptorFactory(metrics->registry()));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
    server_ = builder.BuildAndStart();
  }
  ~InterceptedServer() { server_->Shutdown(); }
  std::shared_ptr<grpc::Channel> Channel() const {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                               grpc::InsecureChannelCredentials());
  }

 private:
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// ServerReflectionInfo, a bidi stream: `n` list_services requests, each
// answered, then the end of the client's stream.
class ListServicesTimes
    : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  ListServicesTimes(grpc::GenericStub* stub, int n) : n_(n) {
    stub->PrepareBidiStreamingCall(&context_,
                                   "/grpc.reflection.v1alpha.ServerReflection/"
                                   "ServerReflectionInfo",
                                   grpc::StubOptions(), this);
    // ServerReflectionRequest{list_services: ""}: field 7, empty string.
    const std::string bytes("\x3a\x00", 2);
    for (int i = 0; i < n; ++i) {
      grpc::Slice slice(bytes);
      requests_.emplace_back(&slice, 1);
    }
    StartRead(&response_);
    StartWrite(&requests_[0]);
    StartCall();
  }
  void OnWriteDone(bool ok) override {
    if (ok && ++written_ < n_) {
      StartWrite(&requests_[written_]);
    } else {
      StartWritesDone();
    }
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    ++read_;
    StartRead(&response_);
  }
  void OnDone(const grpc::Status& status) override {
    status_ = status;
    done_.Notify();
  }
  grpc::Status Wait() {
    done_.WaitForNotification();
    return status_;
  }
  int read() const { return read_; }

 private:
  const int n_;
  grpc::ClientContext context_;
  std::vector<grpc::ByteBuffer> requests_;
  grpc::ByteBuffer response_;
  int written_ = 0;
  int read_ = 0;
  grpc::Status status_;
  absl::Notification done_;
};

TEST(GrpcMetricsInterceptorTest, CountsUnaryCallsByMethodAndCode) {
  Metrics metrics("valore-test");
  InterceptedServer server(&metrics);
  const auto channel = server.Channel();
  ASSERT_TRUE(QueryHealth(channel, "", absl::Seconds(10)).ok());
  ASSERT_TRUE(QueryHealth(channel, "", absl::Seconds(10)).ok());
  EXPECT_TRUE(absl::IsNotFound(
      QueryHealth(channel, "no.such.Service", absl::Seconds(10)).status()));

  const auto samples = ParseMetricsText(metrics.Scrape());
  const std::map<std::string, std::string> check = {
      {"grpc_type", "unary"},
      {"grpc_service", "grpc.health.v1.Health"},
      {"grpc_method", "Check"}};
  auto with_code = [&](const char* code) {
    auto labels = check;
    labels["grpc_code"] = code;
    return labels;
  };
  EXPECT_EQ(SampleValue(samples, "grpc_server_started_total", check), 3);
  EXPECT_EQ(SampleValue(samples, "grpc_server_handled_total", with_code("OK")),
            2);
  EXPECT_EQ(
      SampleValue(samples, "grpc_server_handled_total", with_code("NotFound")),
      1);
  EXPECT_EQ(
      SampleValue(samples, "grpc_server_handled_total", with_code("Internal")),
      std::nullopt);
  EXPECT_EQ(SampleValue(samples, "grpc_server_msg_received_total", check), 3);
  // A refused Check answers with its status only.
  EXPECT_EQ(SampleValue(samples, "grpc_server_msg_sent_total", check), 2);
  EXPECT_EQ(SampleValue(samples, "grpc_server_handling_seconds_count", check),
            3);
  // go-grpc-prometheus' buckets, each call within the last.
  for (const char* le : {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                         "1", "2.5", "5", "10", "+Inf"}) {
    auto labels = check;
    labels["le"] = le;
    EXPECT_TRUE(
        SampleValue(samples, "grpc_server_handling_seconds_bucket", labels))
        << le;
  }
  auto last = check;
  last["le"] = "10";
  EXPECT_EQ(SampleValue(samples, "grpc_server_handling_seconds_bucket", last),
            3);
}

TEST(GrpcMetricsInterceptorTest, CountsTheMessagesOfABidiStream) {
  Metrics metrics("valore-test");
  InterceptedServer server(&metrics);
  grpc::GenericStub stub(server.Channel());
  ListServicesTimes call(&stub, 2);
  const grpc::Status status = call.Wait();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(call.read(), 2);

  const auto samples = ParseMetricsText(metrics.Scrape());
  const std::map<std::string, std::string> reflection = {
      {"grpc_type", "bidi_stream"},
      {"grpc_service", "grpc.reflection.v1alpha.ServerReflection"},
      {"grpc_method", "ServerReflectionInfo"}};
  auto ok = reflection;
  ok["grpc_code"] = "OK";
  EXPECT_EQ(SampleValue(samples, "grpc_server_started_total", reflection), 1);
  EXPECT_EQ(SampleValue(samples, "grpc_server_handled_total", ok), 1);
  // The end of the client's stream is no message.
  EXPECT_EQ(SampleValue(samples, "grpc_server_msg_received_total", reflection),
            2);
  EXPECT_EQ(SampleValue(samples, "grpc_server_msg_sent_total", reflection), 2);
}

TEST(GrpcMetricsInterceptorTest, LabelsAsGoGrpcPrometheus) {
  EXPECT_EQ(GrpcTypeLabel(ServerRpcInfo::Type::UNARY), "unary");
  EXPECT_EQ(GrpcTypeLabel(ServerRpcInfo::Type::CLIENT_STREAMING),
            "client_stream");
  EXPECT_EQ(GrpcTypeLabel(ServerRpcInfo::Type::SERVER_STREAMING),
            "server_stream");
  EXPECT_EQ(GrpcTypeLabel(ServerRpcInfo::Type::BIDI_STREAMING), "bidi_stream");
  const std::vector<std::string> go = {"OK",
                                       "Canceled",
                                       "Unknown",
                                       "InvalidArgument",
                                       "DeadlineExceeded",
                                       "NotFound",
                                       "AlreadyExists",
                                       "PermissionDenied",
                                       "ResourceExhausted",
                                       "FailedPrecondition",
                                       "Aborted",
                                       "OutOfRange",
                                       "Unimplemented",
                                       "Internal",
                                       "Unavailable",
                                       "DataLoss",
                                       "Unauthenticated"};
  for (int code = 0; code <= 16; ++code) {
    EXPECT_EQ(GrpcCodeLabel(static_cast<grpc::StatusCode>(code)), go[code]);
  }
}

}  // namespace
}  // namespace valore
