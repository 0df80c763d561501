// The gateway's HTTP(S) server: binds HOST:PORT (port 0 picks a free one),
// serves every request with one handler on a pool of threads, and stops
// cleanly. HTTPS with the deployment's certificate and key; with a client
// CA, only clients whose certificate it signed are served (ModI
// ID_AUTH_CHANNEL_02).
#ifndef VALORE_SERVICES_GATEWAY_HTTP_LISTENER_H_
#define VALORE_SERVICES_GATEWAY_HTTP_LISTENER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace valore {
class HttpServing;
}  // namespace valore

namespace valore::gateway {

struct ListenerOptions {
  std::string listen;  // "127.0.0.1:0"
  // PEM files; both empty: plain HTTP.
  std::string tls_cert;
  std::string tls_key;
  // PEM CA: when set, a client certificate signed by it is required.
  std::string client_ca;
  int threads = 8;
  size_t max_body_bytes = 64 << 20;
};

using HttpHandler =
    std::function<void(const httplib::Request&, httplib::Response&)>;

class HttpListener {
 public:
  static absl::StatusOr<std::unique_ptr<HttpListener>> Start(
      const ListenerOptions& options, HttpHandler handler);
  ~HttpListener();

  // "127.0.0.1:40123".
  const std::string& address() const;
  int port() const;
  bool tls() const { return tls_; }
  // Stops accepting and waits for the requests being served.
  void Stop();

 private:
  HttpListener() = default;
  std::unique_ptr<httplib::Server> server_;
  // Declared after server_: stopped before the server it serves is gone.
  std::unique_ptr<HttpServing> serving_;
  bool tls_ = false;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_HTTP_LISTENER_H_
