#include "services/common/grpc_metrics_interceptor.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"

namespace valore {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;
using grpc::experimental::ServerRpcInfo;

// go-grpc-prometheus' default buckets (prometheus.DefBuckets), in seconds.
const prometheus::Histogram::BucketBoundaries& Buckets() {
  static const auto* const kBuckets =
      new prometheus::Histogram::BucketBoundaries{.005, .01, .025, .05, .1, .25,
                                                  .5,   1,   2.5,  5,   10};
  return *kBuckets;
}

// The series of one method, found once per method rather than per call.
struct MethodSeries {
  prometheus::Labels labels;  // grpc_type, grpc_service, grpc_method
  prometheus::Counter* started = nullptr;
  prometheus::Counter* received = nullptr;
  prometheus::Counter* sent = nullptr;
  prometheus::Histogram* seconds = nullptr;
};

class Families {
 public:
  explicit Families(prometheus::Registry& registry)
      : started_(prometheus::BuildCounter()
                     .Name("grpc_server_started_total")
                     .Help("Total number of RPCs started on the server.")
                     .Register(registry)),
        handled_(prometheus::BuildCounter()
                     .Name("grpc_server_handled_total")
                     .Help("Total number of RPCs completed on the server, "
                           "regardless of success or failure.")
                     .Register(registry)),
        received_(prometheus::BuildCounter()
                      .Name("grpc_server_msg_received_total")
                      .Help("Total number of RPC stream messages received on "
                            "the server.")
                      .Register(registry)),
        sent_(prometheus::BuildCounter()
                  .Name("grpc_server_msg_sent_total")
                  .Help("Total number of gRPC stream messages sent by the "
                        "server.")
                  .Register(registry)),
        seconds_(prometheus::BuildHistogram()
                     .Name("grpc_server_handling_seconds")
                     .Help("Histogram of response latency (seconds) of gRPC "
                           "that had been application-level handled by the "
                           "server.")
                     .Register(registry)) {}

  // Null for a call without a method name.
  const MethodSeries* For(const char* method, ServerRpcInfo::Type type) {
    if (method == nullptr) return nullptr;
    absl::MutexLock lock(&mu_);
    std::unique_ptr<MethodSeries>& series = by_method_[method];
    if (series == nullptr) series = Make(method, type);
    return series.get();
  }

  void Handled(const MethodSeries& series, grpc::StatusCode code) {
    prometheus::Labels labels = series.labels;
    labels.emplace("grpc_code", GrpcCodeLabel(code));
    handled_.Add(labels).Increment();
  }

 private:
  std::unique_ptr<MethodSeries> Make(absl::string_view method,
                                     ServerRpcInfo::Type type) {
    // "/valore.v1.CatalogService/GetEntity"
    absl::string_view path = absl::StripPrefix(method, "/");
    const size_t slash = path.rfind('/');
    const absl::string_view service =
        slash == absl::string_view::npos ? "unknown" : path.substr(0, slash);
    const absl::string_view name =
        slash == absl::string_view::npos ? path : path.substr(slash + 1);
    auto series = std::make_unique<MethodSeries>();
    series->labels = {{"grpc_type", std::string(GrpcTypeLabel(type))},
                      {"grpc_service", std::string(service)},
                      {"grpc_method", std::string(name)}};
    series->started = &started_.Add(series->labels);
    series->received = &received_.Add(series->labels);
    series->sent = &sent_.Add(series->labels);
    series->seconds = &seconds_.Add(series->labels, Buckets());
    return series;
  }

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Histogram>& seconds_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> by_method_
      ABSL_GUARDED_BY(mu_);
};

class GrpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  // Made when the call is matched to its method: the call has started.
  GrpcMetricsInterceptor(Families* families, const MethodSeries* series)
      : families_(families),
        series_(series),
        start_(std::chrono::steady_clock::now()) {
    if (series_ != nullptr) series_->started->Increment();
  }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (series_ != nullptr) {
      // Also reached at the end of a client stream, with no message.
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_MESSAGE) &&
          methods->GetRecvMessage() != nullptr) {
        series_->received->Increment();
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_MESSAGE)) {
        series_->sent->Increment();
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_STATUS)) {
        const std::chrono::duration<double> took =
            std::chrono::steady_clock::now() - start_;
        families_->Handled(*series_, methods->GetSendStatus().error_code());
        series_->seconds->Observe(took.count());
      }
    }
    methods->Proceed();
  }

 private:
  Families* families_;
  const MethodSeries* series_;
  const std::chrono::steady_clock::time_point start_;
};

class GrpcMetricsFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit GrpcMetricsFactory(prometheus::Registry& registry)
      : families_(registry) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      ServerRpcInfo* info) override {
    return new GrpcMetricsInterceptor(
        &families_, families_.For(info->method(), info->type()));
  }

 private:
  Families families_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeGrpcMetricsInterceptorFactory(prometheus::Registry& registry) {
  return std::make_unique<GrpcMetricsFactory>(registry);
}

absl::string_view GrpcTypeLabel(ServerRpcInfo::Type type) {
  switch (type) {
    case ServerRpcInfo::Type::UNARY:
      return "unary";
    case ServerRpcInfo::Type::CLIENT_STREAMING:
      return "client_stream";
    case ServerRpcInfo::Type::SERVER_STREAMING:
      return "server_stream";
    case ServerRpcInfo::Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unknown";
}

absl::string_view GrpcCodeLabel(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
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
  const int i = static_cast<int>(code);
  // No other code is sent; one that were would not be a new series each.
  return i >= 0 && i <= 16 ? kNames[i] : "Unknown";
}

}  // namespace valore
