#include "services/gateway/http_listener.h"

#include <httplib.h>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "services/gateway/problem.h"

namespace valore::gateway {

absl::StatusOr<std::unique_ptr<HttpListener>> HttpListener::Start(
    const ListenerOptions& options, HttpHandler handler) {
  const size_t colon = options.listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(options.listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: \"", options.listen,
                     "\" is not HOST:PORT (port 0 picks a free one)"));
  }
  const std::string host = options.listen.substr(0, colon);
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert and --tls_key go together: give both or neither");
  }
  std::unique_ptr<HttpListener> listener(new HttpListener());
  if (!options.tls_cert.empty()) {
    auto server = std::make_unique<httplib::SSLServer>(
        options.tls_cert.c_str(), options.tls_key.c_str(),
        options.client_ca.empty() ? nullptr : options.client_ca.c_str());
    if (!server->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot use --tls_cert ", options.tls_cert, " and --tls_key ",
          options.tls_key,
          options.client_ca.empty()
              ? ""
              : absl::StrCat(" with --http_client_ca ", options.client_ca)));
    }
    listener->server_ = std::move(server);
    listener->tls_ = true;
  } else if (!options.client_ca.empty()) {
    return absl::InvalidArgumentError(
        "--http_client_ca needs HTTPS: give --tls_cert and --tls_key");
  } else {
    listener->server_ = std::make_unique<httplib::Server>();
  }
  httplib::Server& server = *listener->server_;
  const int threads = options.threads;
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_payload_max_length(options.max_body_bytes);
  // What httplib refuses itself (a body over the limit, a request it cannot
  // read) is a problem document too.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        const absl::Status status =
            response.status == 413
                ? WithReason(absl::ResourceExhaustedError(
                                 "the request body is too large"),
                             v1::REQUEST_TOO_LARGE)
                : absl::InvalidArgumentError("the request cannot be read");
        response.set_content(ProblemJson(status, request.path, response.status),
                             std::string(kProblemContentType));
        return httplib::Server::HandlerResponse::Handled;
      }));
  for (const char* pattern : {".*"}) {
    server.Get(pattern, handler);
    server.Post(pattern, handler);
    server.Put(pattern, handler);
    server.Patch(pattern, handler);
    server.Delete(pattern, handler);
    server.Options(pattern, handler);
  }
  if (port == 0) {
    port = server.bind_to_any_port(host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  listener->port_ = port;
  listener->address_ = absl::StrCat(host, ":", port);
  listener->thread_ = std::thread([&server] { server.listen_after_bind(); });
  return listener;
}

HttpListener::~HttpListener() { Stop(); }

void HttpListener::Stop() {
  if (server_ == nullptr) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace valore::gateway
