#include "services/common/metrics_server.h"

#include <httplib.h>

#include <chrono>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace valore {
namespace {

struct HostPort {
  std::string host;  // as written
  int port = 0;
};

absl::StatusOr<HostPort> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  HostPort out;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &out.port) || out.port < 0 ||
      out.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--metrics_listen: \"", listen,
                     "\" is not HOST:PORT (port 0 picks a free one)"));
  }
  out.host = listen.substr(0, colon);
  return out;
}

}  // namespace

MetricsServer::MetricsServer() : http_(std::make_unique<httplib::Server>()) {}

MetricsServer::~MetricsServer() { Stop(); }

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& listen, Metrics* metrics) {
  absl::StatusOr<HostPort> where = ParseListen(listen);
  if (!where.ok()) return where.status();
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  httplib::Server& http = *server->http_;
  // A scrape now and then: two threads are plenty (httplib's default is 8
  // or more).
  http.new_task_queue = [] { return new httplib::ThreadPool(2); };
  // An idle keep-alive connection holds up Stop for this long.
  http.set_keep_alive_timeout(1);
  // httplib's default adds SO_REUSEPORT, with which a second server binds
  // the same port and shares its scrapes; an address in use must fail.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.Get("/metrics",
           [metrics](const httplib::Request&, httplib::Response& response) {
             response.set_content(metrics->Scrape(), Metrics::kContentType);
           });
  // "[::1]" is written bracketed; the socket wants the bare address.
  const std::string host(
      absl::StripSuffix(absl::StripPrefix(where->host, "["), "]"));
  if (where->port == 0) {
    server->port_ = http.bind_to_any_port(host);
  } else if (http.bind_to_port(host, where->port)) {
    server->port_ = where->port;
  }
  if (server->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("--metrics_listen: cannot listen on ", listen));
  }
  server->address_ = absl::StrCat(where->host, ":", server->port_);
  server->thread_ = std::thread([&http] { http.listen_after_bind(); });
  // Until it runs, httplib's stop() would do nothing and Stop would hang.
  while (!http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return server;
}

void MetricsServer::Stop() {
  if (!thread_.joinable()) return;
  http_->stop();
  thread_.join();
}

}  // namespace valore
