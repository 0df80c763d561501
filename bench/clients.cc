#include "bench/clients.h"

#include <grpcpp/impl/codegen/client_unary_call.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "services/common/security.h"
#include "services/common/server_runner.h"
#include "valore/v1/capture.grpc.pb.h"

namespace valore::bench {

std::shared_ptr<grpc::Channel> NewChannel(const std::string& address,
                                          const ClientSecurity& security,
                                          int index) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  // A distinct argument keeps gRPC from sharing one connection between the
  // channels of different workers.
  args.SetInt("valore.bench.channel", index);
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (security.ca_pem_path.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    absl::StatusOr<std::string> ca =
        ReadFileToString(security.ca_pem_path, "--tls_ca");
    grpc::SslCredentialsOptions ssl;
    if (ca.ok()) ssl.pem_root_certs = *ca;
    credentials = grpc::SslCredentials(ssl);
    if (!security.token.empty()) {
      credentials = grpc::CompositeChannelCredentials(
          credentials, grpc::AccessTokenCredentials(security.token));
    }
  }
  return grpc::CreateCustomChannel(address, credentials, args);
}

absl::StatusOr<IngestResult> Ingest(const std::string& address,
                                    const ClientSecurity& security,
                                    const BatchSource& source,
                                    const IngestOptions& options) {
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> written{0};
  absl::Mutex mu;
  absl::Status failure;
  std::vector<std::unique_ptr<v1::CaptureService::Stub>> stubs;
  for (int w = 0; w < options.concurrency; ++w) {
    stubs.push_back(
        v1::CaptureService::NewStub(NewChannel(address, security, w)));
  }
  const absl::Time start = absl::Now();
  std::vector<std::thread> workers;
  for (int w = 0; w < options.concurrency; ++w) {
    workers.emplace_back([&, w] {
      v1::BatchWriteMeasurementsRequest scratch;
      v1::BatchWriteMeasurementsResponse response;
      for (;;) {
        const int64_t b = next.fetch_add(1);
        if (b >= options.batches) return;
        {
          absl::MutexLock lock(&mu);
          if (!failure.ok()) return;
        }
        const v1::BatchWriteMeasurementsRequest* request = source(b, &scratch);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(120));
        grpc::Status status =
            stubs[w]->BatchWriteMeasurements(&context, *request, &response);
        if (!status.ok()) {
          absl::MutexLock lock(&mu);
          failure = absl::Status(
              static_cast<absl::StatusCode>(status.error_code()),
              absl::StrCat("BatchWriteMeasurements batch ", b, ": ",
                           status.error_message().substr(0, 2000)));
          return;
        }
        if (response.record_count() != request->measurements_size()) {
          absl::MutexLock lock(&mu);
          failure = absl::InternalError(absl::StrCat(
              "batch ", b, ": ", response.record_count(), " stored for ",
              request->measurements_size(), " records"));
          return;
        }
        written += request->measurements_size();
      }
    });
  }
  for (std::thread& t : workers) t.join();
  if (!failure.ok()) return failure;
  IngestResult result;
  result.records = written.load();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

absl::Status HealthCheck(grpc::Channel* channel) {
  static const grpc::internal::RpcMethod kCheck(
      "/grpc.health.v1.Health/Check", grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  // The empty HealthCheckRequest (a ByteBuffer with no slice at all is not a
  // valid message).
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  grpc::Status status =
      grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
          channel, kCheck, &context, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(
        absl::StrCat("health check: ", status.error_message()));
  }
  return absl::OkStatus();
}

double Percentile(std::vector<double> values, double percent) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  // Nearest rank.
  const double rank = std::ceil(percent / 100.0 * values.size());
  const size_t index =
      static_cast<size_t>(std::clamp(rank, 1.0, double(values.size()))) - 1;
  return values[index];
}

}  // namespace valore::bench
