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

namespace {

const grpc::internal::RpcMethod& BatchWriteMethod() {
  static const grpc::internal::RpcMethod kMethod(
      "/valore.v1.CaptureService/BatchWriteMeasurements",
      grpc::internal::RpcMethod::NORMAL_RPC);
  return kMethod;
}

// One call of worker `w` for batch `b`: the records stored, or why not.
using BatchCall =
    std::function<absl::StatusOr<int64_t>(int w, grpc::Channel*, int64_t b)>;

// Batches [0, options.batches) taken in order from a shared counter by
// options.concurrency workers, each on a channel of its own.
absl::StatusOr<IngestResult> RunBatches(const std::string& address,
                                        const ClientSecurity& security,
                                        const IngestOptions& options,
                                        const BatchCall& call) {
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> written{0};
  absl::Mutex mu;
  absl::Status failure;
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int w = 0; w < options.concurrency; ++w) {
    channels.push_back(NewChannel(address, security, w));
  }
  const absl::Time start = absl::Now();
  std::vector<std::thread> workers;
  for (int w = 0; w < options.concurrency; ++w) {
    workers.emplace_back([&, w] {
      for (;;) {
        const int64_t b = next.fetch_add(1);
        if (b >= options.batches) return;
        {
          absl::MutexLock lock(&mu);
          if (!failure.ok()) return;
        }
        absl::StatusOr<int64_t> stored = call(w, channels[w].get(), b);
        if (!stored.ok()) {
          absl::MutexLock lock(&mu);
          failure = stored.status();
          return;
        }
        written += *stored;
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

template <typename Request>
absl::StatusOr<int64_t> CallBatchWrite(grpc::Channel* channel, int64_t b,
                                       const Request& request,
                                       int64_t records) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(120));
  v1::BatchWriteMeasurementsResponse response;
  grpc::Status status =
      grpc::internal::BlockingUnaryCall<Request,
                                        v1::BatchWriteMeasurementsResponse>(
          channel, BatchWriteMethod(), &context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("BatchWriteMeasurements batch ", b, ": ",
                                     status.error_message().substr(0, 2000)));
  }
  if (response.record_count() != records) {
    return absl::InternalError(
        absl::StrCat("batch ", b, ": ", response.record_count(), " stored for ",
                     records, " records"));
  }
  return records;
}

}  // namespace

absl::StatusOr<IngestResult> Ingest(const std::string& address,
                                    const ClientSecurity& security,
                                    const BatchSource& source,
                                    const IngestOptions& options) {
  std::vector<v1::BatchWriteMeasurementsRequest> scratch(options.concurrency);
  return RunBatches(address, security, options,
                    [&](int w, grpc::Channel* channel, int64_t b) {
                      const v1::BatchWriteMeasurementsRequest* request =
                          source(b, &scratch[w]);
                      return CallBatchWrite(channel, b, *request,
                                            request->measurements_size());
                    });
}

absl::StatusOr<EncodedBatch> EncodeBatch(
    const v1::BatchWriteMeasurementsRequest& request) {
  EncodedBatch out;
  out.records = request.measurements_size();
  bool own_buffer = false;
  grpc::Status status =
      grpc::GenericSerialize<grpc::ProtoBufferWriter,
                             v1::BatchWriteMeasurementsRequest>(
          request, &out.bytes, &own_buffer);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("encoding a batch: ", status.error_message()));
  }
  return out;
}

absl::StatusOr<IngestResult> IngestEncoded(
    const std::string& address, const ClientSecurity& security,
    const std::vector<EncodedBatch>& batches, const IngestOptions& options) {
  IngestOptions all = options;
  all.batches = static_cast<int64_t>(batches.size());
  return RunBatches(
      address, security, all, [&](int, grpc::Channel* channel, int64_t b) {
        return CallBatchWrite(channel, b, batches[b].bytes, batches[b].records);
      });
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
