#include "services/common/call_log.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace valore {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;
using grpc::experimental::ServerRpcInfo;

class CallLogInterceptor : public grpc::experimental::Interceptor {
 public:
  CallLogInterceptor(const std::string* server_name, ServerRpcInfo* info)
      : server_name_(server_name),
        info_(info),
        start_(absl::Now()),
        health_check_(info->method() != nullptr &&
                      absl::StartsWith(info->method(), kHealthPrefix)) {}

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      // Probes (kubelet, a peer's dependency prober) ask every second or
      // so: only their failures are worth a line.
      if (health_check_ && status.ok()) {
        methods->Proceed();
        return;
      }
      const double ms = absl::ToDoubleMilliseconds(absl::Now() - start_);
      std::string line =
          absl::StrCat(info_->method(), " ", StatusName(status.error_code()),
                       " ", absl::StrFormat("%.2fms", ms));
      if (!status.ok())
        absl::StrAppend(&line, " \"", status.error_message(), "\"");
      absl::StrAppend(&line, " peer=", info_->server_context()->peer());
      LogLine(*server_name_, line);
    }
    methods->Proceed();
  }

 private:
  static const char* StatusName(grpc::StatusCode code) {
    static const char* const kNames[] = {"OK",
                                         "CANCELLED",
                                         "UNKNOWN",
                                         "INVALID_ARGUMENT",
                                         "DEADLINE_EXCEEDED",
                                         "NOT_FOUND",
                                         "ALREADY_EXISTS",
                                         "PERMISSION_DENIED",
                                         "RESOURCE_EXHAUSTED",
                                         "FAILED_PRECONDITION",
                                         "ABORTED",
                                         "OUT_OF_RANGE",
                                         "UNIMPLEMENTED",
                                         "INTERNAL",
                                         "UNAVAILABLE",
                                         "DATA_LOSS",
                                         "UNAUTHENTICATED"};
    const int i = static_cast<int>(code);
    return i >= 0 && i <= 16 ? kNames[i] : "UNKNOWN";
  }

  static constexpr absl::string_view kHealthPrefix = "/grpc.health.v1.Health/";

  const std::string* server_name_;
  ServerRpcInfo* info_;
  absl::Time start_;
  const bool health_check_;
};

class CallLogFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallLogFactory(std::string server_name)
      : server_name_(std::move(server_name)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      ServerRpcInfo* info) override {
    return new CallLogInterceptor(&server_name_, info);
  }

 private:
  const std::string server_name_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeCallLogInterceptorFactory(const std::string& server_name) {
  return std::make_unique<CallLogFactory>(server_name);
}

std::string OneLine(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      absl::StrAppendFormat(&out, "\\x%02x", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void LogLine(const std::string& server_name, const std::string& message) {
  // A request's path is decoded before it gets here: "%0A" would forge a
  // line of its own.
  const std::string line =
      absl::StrCat(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                    absl::UTCTimeZone()),
                   " ", server_name, " ", OneLine(message), "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace valore
