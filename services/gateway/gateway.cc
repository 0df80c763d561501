#include "services/gateway/gateway.h"

#include <httplib.h>

#include <future>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "services/common/auth.h"
#include "services/common/call_log.h"
#include "services/common/health_client.h"
#include "services/gateway/json_mapping.h"
#include "services/gateway/problem.h"
#include "services/gateway/request_builder.h"
#include "valore/v1/capture.grpc.pb.h"

namespace valore::gateway {
namespace {

constexpr absl::string_view kJson = "application/json";
constexpr absl::string_view kNdjson = "application/x-ndjson";
constexpr absl::string_view kCaptureService =
    v1::CaptureService::service_full_name();

// The media type of a Content-Type header, without parameters, lower case.
std::string MediaType(absl::string_view header) {
  return absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(header.substr(0, header.find(';'))));
}

std::vector<std::string> ServiceNames(
    const std::map<std::string, std::shared_ptr<Backend>>& backends) {
  std::vector<std::string> names;
  for (const auto& [name, backend] : backends) names.push_back(name);
  return names;
}

// The response message of `method` parsed from its bytes, as JSON.
absl::StatusOr<std::string> ResponseJson(
    const google::protobuf::MethodDescriptor* method,
    const std::string& bytes) {
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method->output_type())
          ->New());
  if (!message->ParseFromString(bytes)) {
    return absl::InternalError(
        absl::StrCat("the answer of ", method->full_name(), " cannot be read"));
  }
  return MessageToJson(*message);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(
    GatewayOptions options,
    std::map<std::string, std::shared_ptr<Backend>> backends,
    std::shared_ptr<const CaptureRouter> captures) {
  if (!absl::StartsWith(options.base_path, "/") ||
      absl::EndsWith(options.base_path, "/")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--base_path \"", options.base_path,
                     "\" must start with '/' and not end with one"));
  }
  absl::StatusOr<RouteTable> routes =
      RouteTable::FromServices(ServiceNames(backends));
  if (!routes.ok()) return routes.status();
  return std::unique_ptr<Gateway>(
      new Gateway(std::move(options), std::move(backends), std::move(captures),
                  *std::move(routes)));
}

Gateway::Gateway(GatewayOptions options,
                 std::map<std::string, std::shared_ptr<Backend>> backends,
                 std::shared_ptr<const CaptureRouter> captures,
                 RouteTable routes)
    : options_(std::move(options)),
      backends_(std::move(backends)),
      captures_(std::move(captures)),
      routes_(std::move(routes)),
      limiter_(options_.rate_limit, options_.rate_window),
      answers_(options_.answer_cache_bytes) {}

void Gateway::Handle(const httplib::Request& request,
                     httplib::Response& response) {
  const absl::Time start = absl::Now();
  response.status = 200;
  const std::string route = Serve(request, response, start);
  const absl::Duration elapsed = absl::Now() - start;
  // The path only: a query may carry what a log should not keep.
  LogLine("valore-gateway",
          absl::StrCat(
              request.method, " ", request.path, " ", response.status, " ",
              absl::StrFormat("%.2fms", absl::ToDoubleMilliseconds(elapsed)),
              " route=", route, " peer=", request.remote_addr, ":",
              request.remote_port));
  if (options_.on_answered) {
    options_.on_answered(request.method, route, response.status, elapsed);
  }
}

std::string Gateway::Serve(const httplib::Request& request,
                           httplib::Response& response, absl::Time start) {
  const std::string authorization = request.get_header_value("Authorization");
  const RateDecision rate =
      limiter_.Take(RateKey(authorization, request.remote_addr), start);
  response.set_header("X-RateLimit-Limit", absl::StrCat(rate.limit));
  response.set_header("X-RateLimit-Remaining", absl::StrCat(rate.remaining));
  response.set_header("X-RateLimit-Reset", absl::StrCat(rate.reset_seconds));
  if (!rate.allowed) {
    response.set_header("Retry-After", absl::StrCat(rate.reset_seconds));
    Fail(WithReason(absl::ResourceExhaustedError(absl::StrCat(
                        "more than ", rate.limit, " requests in ",
                        absl::FormatDuration(options_.rate_window),
                        "; try again in ", rate.reset_seconds, " s")),
                    v1::RATE_LIMITED),
         request, response);
    return "(rate-limited)";
  }

  const std::string prefix = absl::StrCat(options_.base_path, "/");
  if (!absl::StartsWith(request.path, prefix)) {
    Fail(WithReason(
             absl::NotFoundError(absl::StrCat("no resource at ", request.path)),
             v1::RESOURCE_NOT_FOUND),
         request, response);
    return "(none)";
  }
  const absl::string_view rest =
      absl::string_view(request.path).substr(prefix.size());
  const absl::Time deadline = DeadlineOf(request, start);
  if (request.method == "GET" && rest == "v1/status") {
    ServeStatus(request, response, deadline);
    return "/v1/status";
  }
  if (request.method == "GET" && rest == "v1/openapi.json" &&
      !options_.openapi_document.empty()) {
    response.set_content(options_.openapi_document, std::string(kJson));
    return "/v1/openapi.json";
  }
  const std::vector<std::string> segments = absl::StrSplit(rest, '/');
  absl::StatusOr<RouteMatch> match = routes_.Match(request.method, segments);
  if (absl::IsFailedPrecondition(match.status())) {
    response.set_header("Allow", std::string(match.status().message()));
    Fail(WithReason(absl::FailedPreconditionError(absl::StrCat(
                        request.method, " is not a method of ", request.path,
                        "; it has ", match.status().message())),
                    v1::METHOD_NOT_ALLOWED),
         request, response, 405);
    return "(none)";
  }
  if (!match.ok()) {
    Fail(WithReason(
             absl::NotFoundError(absl::StrCat("no resource at ", request.path)),
             v1::RESOURCE_NOT_FOUND),
         request, response);
    return "(none)";
  }
  ServeCall(*match, request, response, deadline);
  return match->route->url_template;
}

absl::Time Gateway::DeadlineOf(const httplib::Request& request,
                               absl::Time start) {
  absl::Duration timeout = options_.default_timeout;
  double seconds = 0;
  if (request.has_header("Request-Timeout") &&
      absl::SimpleAtod(request.get_header_value("Request-Timeout"), &seconds) &&
      seconds > 0) {
    timeout = std::min(absl::Seconds(seconds), options_.max_timeout);
  }
  return start + timeout;
}

void Gateway::ServeCall(const RouteMatch& match,
                        const httplib::Request& request,
                        httplib::Response& response, absl::Time deadline) {
  const Route& route = *match.route;
  const std::string authorization = request.get_header_value("Authorization");
  if (options_.require_token && !absl::StartsWith(authorization, "Bearer ")) {
    Fail(absl::UnauthenticatedError("no bearer token"), request, response);
    return;
  }
  if (!route.body.empty() &&
      !absl::StripAsciiWhitespace(request.body).empty() &&
      MediaType(request.get_header_value("Content-Type")) != kJson) {
    Fail(WithReason(absl::InvalidArgumentError(absl::StrCat(
                        "the body must be sent as application/json, not \"",
                        request.get_header_value("Content-Type"), "\"")),
                    v1::MEDIA_TYPE_NOT_SUPPORTED),
         request, response, 415);
    return;
  }
  QueryParameters query;
  for (const auto& [name, value] : request.params) {
    query.emplace_back(name, value);
  }
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> message =
      BuildRequest(match, query, request.body);
  if (!message.ok()) {
    Fail(message.status(), request, response);
    return;
  }
  const google::protobuf::MethodDescriptor* method = route.method;
  absl::StatusOr<std::shared_ptr<Backend>> backend =
      BackendFor(*method, **message);
  if (!backend.ok()) {
    Fail(backend.status(), request, response);
    return;
  }
  BackendCall call;
  call.method =
      absl::StrCat("/", method->service()->full_name(), "/", method->name());
  call.authorization = authorization;
  call.deadline = deadline;
  const std::string bytes = (*message)->SerializeAsString();

  if (!method->server_streaming()) {
    absl::StatusOr<std::string> answer = (*backend)->Unary(call, bytes);
    if (!answer.ok()) {
      Fail(answer.status(), request, response);
      return;
    }
    // Reads repeat (a dashboard's report); writes answer something new.
    const bool read = route.http_method == "GET";
    std::shared_ptr<const std::string> json =
        read ? answers_.Find(method->full_name(), *answer) : nullptr;
    if (json == nullptr) {
      absl::StatusOr<std::string> printed = ResponseJson(method, *answer);
      if (!printed.ok()) {
        Fail(printed.status(), request, response);
        return;
      }
      json = std::make_shared<const std::string>(*std::move(printed));
      if (read) answers_.Keep(method->full_name(), *std::move(answer), json);
    }
    response.set_content(*json, std::string(kJson));
    return;
  }
  // A stream is read whole, then sent as one object or, when the client
  // asks for it, as one JSON document per line: an error before the end is
  // then still a problem document with its status.
  std::vector<std::string> messages;
  absl::Status failed;
  const absl::Status streamed =
      (*backend)->ServerStream(call, bytes, [&](const std::string& bytes) {
        absl::StatusOr<std::string> json = ResponseJson(method, bytes);
        if (!json.ok()) {
          failed = json.status();
          return false;
        }
        messages.push_back(*std::move(json));
        return true;
      });
  if (!streamed.ok() || !failed.ok()) {
    Fail(streamed.ok() ? failed : streamed, request, response);
    return;
  }
  if (absl::StrContains(request.get_header_value("Accept"), kNdjson)) {
    std::string lines;
    for (const std::string& json : messages)
      absl::StrAppend(&lines, json, "\n");
    response.set_content(lines, std::string(kNdjson));
  } else {
    // Each element is protobuf's own JSON: joining them is safe.
    response.set_content(
        absl::StrCat("{\"results\":[", absl::StrJoin(messages, ","), "]}"),
        std::string(kJson));
  }
}

std::string Gateway::RateKey(const std::string& authorization,
                             const std::string& remote_addr) {
  return authorization.empty()
             ? absl::StrCat("addr:", remote_addr)
             : absl::StrCat("token:", Sha256Hex(authorization));
}

bool Gateway::ServesPath(absl::string_view path) const {
  return path == options_.base_path ||
         (absl::StartsWith(path, options_.base_path) &&
          path[options_.base_path.size()] == '/');
}

absl::StatusOr<std::string> Gateway::CallForBytes(
    const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, const std::string& authorization,
    absl::Time deadline) const {
  absl::StatusOr<std::shared_ptr<Backend>> backend =
      BackendFor(method, request);
  if (!backend.ok()) return backend.status();
  BackendCall call;
  call.method =
      absl::StrCat("/", method.service()->full_name(), "/", method.name());
  call.authorization = authorization;
  call.deadline = deadline;
  return (*backend)->Unary(call, request.SerializeAsString());
}

absl::Status Gateway::Call(const google::protobuf::MethodDescriptor& method,
                           const google::protobuf::Message& request,
                           const std::string& authorization,
                           absl::Time deadline,
                           google::protobuf::Message* response) const {
  absl::StatusOr<std::string> answer =
      CallForBytes(method, request, authorization, deadline);
  if (!answer.ok()) return answer.status();
  if (!response->ParseFromString(*answer)) {
    return absl::InternalError(
        absl::StrCat("the answer of ", method.full_name(), " cannot be read"));
  }
  return absl::OkStatus();
}

void Gateway::ServeStatus(const httplib::Request& request,
                          httplib::Response& response, absl::Time deadline) {
  // All asked together: one silent service costs the timeout once.
  const absl::Duration timeout =
      std::min(deadline - absl::Now(), absl::Seconds(5));
  std::vector<
      std::pair<std::string, std::future<absl::StatusOr<ServingStatus>>>>
      asked;
  for (const auto& [service, backend] : AllBackends()) {
    asked.emplace_back(
        backend->name(), std::async(std::launch::async, [&, service = service,
                                                         backend = backend] {
          return QueryHealth(backend->channel(), service, timeout);
        }));
  }
  std::vector<std::string> down;
  std::vector<std::string> serving;
  for (auto& [name, answer] : asked) {
    absl::StatusOr<ServingStatus> status = answer.get();
    if (status.ok() && *status == ServingStatus::kServing) {
      serving.push_back(name);
    } else {
      down.push_back(absl::StrCat(
          name, " (",
          status.ok() ? ServingStatusName(*status)
                      : absl::StatusCodeToString(status.status().code()),
          ")"));
    }
  }
  if (down.empty()) {
    response.set_content(
        OkStatusJson(absl::StrCat(absl::StrJoin(serving, ", "), ": serving")),
        std::string(kProblemContentType));
    return;
  }
  Fail(WithReason(absl::UnavailableError(
                      absl::StrCat("not serving: ", absl::StrJoin(down, ", "))),
                  v1::SERVICE_UNAVAILABLE),
       request, response);
}

absl::StatusOr<std::shared_ptr<Backend>> Gateway::BackendFor(
    const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request) const {
  const std::string& service = method.service()->full_name();
  if (captures_ != nullptr && service == kCaptureService) {
    return captures_->For(request);
  }
  return backends_.at(service);
}

std::vector<std::pair<std::string, std::shared_ptr<Backend>>>
Gateway::AllBackends() const {
  std::vector<std::pair<std::string, std::shared_ptr<Backend>>> all;
  for (const auto& [service, backend] : backends_) {
    if (captures_ != nullptr && service == kCaptureService) continue;
    all.emplace_back(service, backend);
  }
  if (captures_ != nullptr) {
    for (const auto& backend : captures_->All()) {
      all.emplace_back(std::string(kCaptureService), backend);
    }
  }
  return all;
}

void Gateway::Fail(const absl::Status& status, const httplib::Request& request,
                   httplib::Response& response, int http_status) {
  absl::Status shown = status;
  if (absl::IsUnauthenticated(status)) {
    // The same words whether the token is missing, unknown or revoked: a
    // caller learns nothing about which principals exist.
    shown = WithReason(
        absl::UnauthenticatedError("a valid bearer token is required "
                                   "(Authorization: Bearer <token>)"),
        v1::CREDENTIALS_MISSING_OR_INVALID);
    response.set_header("WWW-Authenticate", "Bearer realm=\"valore\"");
  }
  if (absl::IsUnavailable(status)) {
    response.set_header(
        "Retry-After",
        absl::StrCat(absl::ToInt64Seconds(options_.retry_after)));
  }
  response.status = http_status != 0 ? http_status : HttpStatusOf(shown.code());
  response.set_content(ProblemJson(shown, request.path, response.status),
                       std::string(kProblemContentType));
}

}  // namespace valore::gateway
