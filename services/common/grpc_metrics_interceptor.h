// The gRPC server metrics of go-grpc-prometheus, by the same names and
// labels, so that its dashboards and alerts apply: grpc_server_started_total,
// grpc_server_handled_total, grpc_server_handling_seconds,
// grpc_server_msg_received_total and grpc_server_msg_sent_total, labelled
// grpc_type, grpc_service, grpc_method (and grpc_code when handled).
#ifndef VALORE_SERVICES_COMMON_GRPC_METRICS_INTERCEPTOR_H_
#define VALORE_SERVICES_COMMON_GRPC_METRICS_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>
#include <grpcpp/support/status.h>

#include <memory>

#include "absl/strings/string_view.h"

namespace prometheus {
class Registry;
}  // namespace prometheus

namespace valore {

// Registers the metrics on `registry`, which must outlive the factory.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeGrpcMetricsInterceptorFactory(prometheus::Registry& registry);

// "unary", "client_stream", "server_stream", "bidi_stream".
absl::string_view GrpcTypeLabel(grpc::experimental::ServerRpcInfo::Type type);
// A code as go-grpc-prometheus spells it (Go's codes.Code.String()): "OK",
// "Canceled", "InvalidArgument", ...
absl::string_view GrpcCodeLabel(grpc::StatusCode code);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_GRPC_METRICS_INTERCEPTOR_H_
