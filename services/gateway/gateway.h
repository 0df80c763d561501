// The REST edge: every HTTP request is matched to the route of a gRPC
// method, turned into its request, sent to the service that owns the method
// with the caller's own credentials and deadline, and answered as JSON, or
// as a problem document. Also the status endpoint (the services' own
// grpc.health.v1) and the OpenAPI description.
#ifndef VALORE_SERVICES_GATEWAY_GATEWAY_H_
#define VALORE_SERVICES_GATEWAY_GATEWAY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/answer_cache.h"
#include "services/gateway/backend.h"
#include "services/gateway/capture_router.h"
#include "services/gateway/rate_limiter.h"
#include "services/gateway/route_table.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace valore::gateway {

struct GatewayOptions {
  // Where the rules' "/v1/..." paths are served: "/rest/valore" gives
  // "/rest/valore/v1/entities".
  std::string base_path = "/rest/valore";
  // A call's deadline when the request sets none (Request-Timeout), and the
  // longest one a request may set.
  absl::Duration default_timeout = absl::Seconds(10);
  absl::Duration max_timeout = absl::Seconds(60);
  // Requests per caller per window; 0: no limit.
  int64_t rate_limit = 600;
  absl::Duration rate_window = absl::Minutes(1);
  // Refuse, with 401, a request without a bearer token. False only when the
  // services run without authentication (--insecure).
  bool require_token = true;
  // Retry-After on a 503.
  absl::Duration retry_after = absl::Seconds(5);
  // Bytes of answers whose JSON is kept (AnswerCache); 0 keeps none.
  size_t answer_cache_bytes = 64 << 20;
  // The OpenAPI description, served at {base_path}/v1/openapi.json.
  std::string openapi_document;
  // Called once per request after it is answered (metrics); may be empty.
  std::function<void(const std::string& method, const std::string& route,
                     int status, absl::Duration elapsed)>
      on_answered;
};

class Gateway {
 public:
  // `backends`: service full name ("valore.v1.CatalogService") -> the
  // backend that serves it. Routes come from those services' HTTP rules.
  // `captures`, when given, picks the capture service of each capture call
  // by the entities it names (one capture service per comune).
  static absl::StatusOr<std::unique_ptr<Gateway>> Create(
      GatewayOptions options,
      std::map<std::string, std::shared_ptr<Backend>> backends,
      std::shared_ptr<const CaptureRouter> captures = nullptr);

  void Handle(const httplib::Request& request, httplib::Response& response);

  const RouteTable& routes() const { return routes_; }

  // Counts one request of `caller` ("token:<sha256>" or "addr:<ip>") against
  // the rate limit the REST edge applies, so that a person's pages and their
  // REST calls share one budget.
  RateDecision Admit(const std::string& caller, absl::Time now) {
    return limiter_.Take(caller, now);
  }
  // The key a caller is counted under: its token's hash, else its address.
  static std::string RateKey(const std::string& authorization,
                             const std::string& remote_addr);

  // Whether `path` is the API's: base_path itself or below it.
  bool ServesPath(absl::string_view path) const;

  // One unary call made for someone else in this process (the web app): to
  // the service that owns `method` (for a capture call, the capture service
  // of the entities `request` names), with that person's `authorization`
  // ("Bearer …") and `deadline`. The service's status on failure.
  absl::Status Call(const google::protobuf::MethodDescriptor& method,
                    const google::protobuf::Message& request,
                    const std::string& authorization, absl::Time deadline,
                    google::protobuf::Message* response) const;
  // The same call, answering the bytes the service sent.
  absl::StatusOr<std::string> CallForBytes(
      const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request,
      const std::string& authorization, absl::Time deadline) const;

 private:
  Gateway(GatewayOptions options,
          std::map<std::string, std::shared_ptr<Backend>> backends,
          std::shared_ptr<const CaptureRouter> captures, RouteTable routes);
  // The backend of one call: its service's, or the capture service that
  // holds the entities it names.
  absl::StatusOr<std::shared_ptr<Backend>> BackendFor(
      const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request) const;
  // Every backend, each capture service included, for the status endpoint.
  std::vector<std::pair<std::string, std::shared_ptr<Backend>>> AllBackends()
      const;

  // Answers one request; returns the route label for the log and metrics.
  std::string Serve(const httplib::Request& request,
                    httplib::Response& response, absl::Time start);
  void ServeStatus(const httplib::Request& request, httplib::Response& response,
                   absl::Time deadline);
  void ServeCall(const RouteMatch& match, const httplib::Request& request,
                 httplib::Response& response, absl::Time deadline);
  void Fail(const absl::Status& status, const httplib::Request& request,
            httplib::Response& response, int http_status = 0);
  absl::Time DeadlineOf(const httplib::Request& request, absl::Time start);

  const GatewayOptions options_;
  const std::map<std::string, std::shared_ptr<Backend>> backends_;
  const std::shared_ptr<const CaptureRouter> captures_;
  const RouteTable routes_;
  RateLimiter limiter_;
  AnswerCache answers_;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_GATEWAY_H_
