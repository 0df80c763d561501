// gRPC clients of the benchmark: bulk ingest through
// CaptureService.BatchWriteMeasurements with several calls in flight, timed
// unary calls, and the grpc.health.v1 Check round trip.
#ifndef VALORE_BENCH_CLIENTS_H_
#define VALORE_BENCH_CLIENTS_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "valore/v1/capture.pb.h"

namespace valore::bench {

// How the benchmark reaches a server: plain text, or TLS with a bearer token.
struct ClientSecurity {
  std::string ca_pem_path;  // empty: insecure
  std::string token;
};

// A channel of its own (not shared with other channels to the same address),
// so that concurrent workers use separate connections.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& address,
                                          const ClientSecurity& security,
                                          int index);

// Batch `b` of a data set: either a prepared request, or `scratch` filled
// and returned. Called from several threads at once.
using BatchSource = std::function<const v1::BatchWriteMeasurementsRequest*(
    int64_t b, v1::BatchWriteMeasurementsRequest* scratch)>;

struct IngestOptions {
  int64_t batches = 0;
  // Calls in flight at once (one thread and one connection each); workers
  // take batches in order from a shared counter.
  int concurrency = 4;
};

struct IngestResult {
  int64_t records = 0;
  double seconds = 0;
  double records_per_second() const {
    return seconds > 0 ? records / seconds : 0;
  }
};

// Writes batches [0, options.batches) through BatchWriteMeasurements.
absl::StatusOr<IngestResult> Ingest(const std::string& address,
                                    const ClientSecurity& security,
                                    const BatchSource& source,
                                    const IngestOptions& options);

// A request encoded beforehand, as a file to load is: its bytes and how many
// records it holds.
struct EncodedBatch {
  grpc::ByteBuffer bytes;
  int64_t records = 0;
};

absl::StatusOr<EncodedBatch> EncodeBatch(
    const v1::BatchWriteMeasurementsRequest& request);

// Sends every batch, as encoded, through BatchWriteMeasurements; workers take
// them in order (options.batches is ignored).
absl::StatusOr<IngestResult> IngestEncoded(
    const std::string& address, const ClientSecurity& security,
    const std::vector<EncodedBatch>& batches, const IngestOptions& options);

// One grpc.health.v1.Health/Check round trip (blocking, like the stubs).
absl::Status HealthCheck(grpc::Channel* channel);

// Percentiles (0..100) of a list of durations, in microseconds.
double Percentile(std::vector<double> values, double percent);

}  // namespace valore::bench

#endif  // VALORE_BENCH_CLIENTS_H_
