#include "services/gateway/http_listener.h"

#include <httplib.h>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "services/common/http_serving.h"
#include "services/gateway/problem.h"

namespace valore::gateway {

absl::StatusOr<std::unique_ptr<HttpListener>> HttpListener::Start(
    const ListenerOptions& options, HttpHandler handler) {
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
  // A response leaves in several writes (headers, then the body): with
  // Nagle's algorithm the last one waits for the client's delayed ACK, some
  // 40 ms, on every page.
  server.set_tcp_nodelay(true);
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
  // Every path to the one handler: the routes are the gateway's to match.
  constexpr char kEveryPath[] = ".*";
  server.Get(kEveryPath, handler);
  server.Post(kEveryPath, handler);
  server.Put(kEveryPath, handler);
  server.Patch(kEveryPath, handler);
  server.Delete(kEveryPath, handler);
  server.Options(kEveryPath, handler);
  absl::StatusOr<std::unique_ptr<HttpServing>> serving =
      HttpServing::Start(&server, options.listen, "--listen");
  if (!serving.ok()) return serving.status();
  listener->serving_ = *std::move(serving);
  return listener;
}

HttpListener::~HttpListener() { Stop(); }

const std::string& HttpListener::address() const { return serving_->address(); }

int HttpListener::port() const { return serving_->port(); }

void HttpListener::Stop() {
  if (serving_) serving_->Stop();
}

}  // namespace valore::gateway
