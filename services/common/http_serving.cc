#include "services/common/http_serving.h"

#include <httplib.h>

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace valore {

absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen,
                                                 absl::string_view flag) {
  const size_t colon = listen.rfind(':');
  ListenAddress out;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &out.port) || out.port < 0 ||
      out.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": \"", listen, "\" is not HOST:PORT (port 0 picks a free one)"));
  }
  out.host = listen.substr(0, colon);
  return out;
}

absl::StatusOr<std::unique_ptr<HttpServing>> HttpServing::Start(
    httplib::Server* server, const std::string& listen,
    absl::string_view flag) {
  absl::StatusOr<ListenAddress> where = ParseListenAddress(listen, flag);
  if (!where.ok()) return where.status();
  // httplib's default adds SO_REUSEPORT, with which a second server binds
  // the same port and shares its requests; an address in use must fail.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // "[::1]" is written bracketed; the socket wants the bare address.
  const std::string host(
      absl::StripSuffix(absl::StripPrefix(where->host, "["), "]"));
  int port = 0;
  if (where->port == 0) {
    port = server->bind_to_any_port(host);
  } else if (server->bind_to_port(host, where->port)) {
    port = where->port;
  }
  if (port <= 0) {
    return absl::UnavailableError(
        absl::StrCat(flag, ": cannot listen on ", listen));
  }
  std::unique_ptr<HttpServing> serving(new HttpServing());
  serving->server_ = server;
  serving->port_ = port;
  serving->address_ = absl::StrCat(where->host, ":", port);
  serving->thread_ = std::thread([server] { server->listen_after_bind(); });
  // Until it runs, httplib's stop() would do nothing and Stop would hang.
  while (!server->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return serving;
}

HttpServing::~HttpServing() { Stop(); }

void HttpServing::Stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace valore
