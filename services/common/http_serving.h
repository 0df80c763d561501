// An httplib::Server bound to HOST:PORT and served on a thread of its own:
// what the gateway and GET /metrics both need. Port 0 picks a free port; a
// port in use fails (no SO_REUSEPORT, which would let two servers share it);
// Stop returns once the requests under way are answered.
#ifndef VALORE_SERVICES_COMMON_HTTP_SERVING_H_
#define VALORE_SERVICES_COMMON_HTTP_SERVING_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace valore {

struct ListenAddress {
  std::string host;  // as written ("[::1]" keeps its brackets)
  int port = 0;
};

// "HOST:PORT", port 0 to 65535. INVALID_ARGUMENT naming `flag` otherwise.
absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen,
                                                 absl::string_view flag);

class HttpServing {
 public:
  // Binds `server` (configured, handlers set; it must outlive this) to
  // `listen` and serves it; errors name `flag`.
  static absl::StatusOr<std::unique_ptr<HttpServing>> Start(
      httplib::Server* server, const std::string& listen,
      absl::string_view flag);
  ~HttpServing();
  HttpServing(const HttpServing&) = delete;
  HttpServing& operator=(const HttpServing&) = delete;

  // "127.0.0.1:40123": the bound address, with the port chosen.
  const std::string& address() const { return address_; }
  int port() const { return port_; }
  void Stop();

 private:
  HttpServing() = default;
  httplib::Server* server_ = nullptr;
  std::thread thread_;
  std::string address_;
  int port_ = 0;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_HTTP_SERVING_H_
