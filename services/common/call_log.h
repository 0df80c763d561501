// One line per call on stderr: time, service, method, status, duration, peer.
#ifndef VALORE_SERVICES_COMMON_CALL_LOG_H_
#define VALORE_SERVICES_COMMON_CALL_LOG_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace valore {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeCallLogInterceptorFactory(const std::string& server_name);

// A line on stderr prefixed with the time and the server name; used for the
// few events that are not calls (start, shutdown).
void LogLine(const std::string& server_name, const std::string& message);

// `text` with every control character written as \xNN: one log line, whatever
// a request sent.
std::string OneLine(absl::string_view text);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_CALL_LOG_H_
