// valore-gateway for tests: the real gateway (routes, listener, calls
// through generic stubs) in this process on a free loopback port, in front
// of the harness's real services; and an HTTP client for it.
#ifndef VALORE_TESTS_GATEWAY_HARNESS_H_
#define VALORE_TESTS_GATEWAY_HARNESS_H_

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "services/common/security.h"
#include "services/gateway/gateway.h"
#include "services/gateway/http_listener.h"

namespace valore::testing {

struct GatewaySetup {
  std::string catalog;
  std::string capture;
  std::string aggregation;
  // Entity -> its capture service, as a routing file gives them; entities
  // without one go to `capture`.
  std::map<std::string, std::string> capture_routes;
  // Channels to the services (insecure by default).
  SecurityOptions channels = [] {
    SecurityOptions o;
    o.insecure = true;
    return o;
  }();
  gateway::GatewayOptions options = [] {
    gateway::GatewayOptions o;
    o.require_token = false;
    return o;
  }();
  gateway::ListenerOptions listener = [] {
    gateway::ListenerOptions o;
    o.listen = "127.0.0.1:0";
    return o;
  }();
};

class GatewayServer {
 public:
  explicit GatewayServer(GatewaySetup setup);
  ~GatewayServer();
  int port() const { return listener_->port(); }
  // A plain HTTP client of this gateway (use SslClient for HTTPS).
  std::unique_ptr<httplib::Client> Client() const;
  gateway::Gateway& gateway() { return *gateway_; }

 private:
  std::unique_ptr<gateway::Gateway> gateway_;
  std::unique_ptr<gateway::HttpListener> listener_;
};

// "/rest/valore" + path.
std::string Rest(const std::string& path);

}  // namespace valore::testing

#endif  // VALORE_TESTS_GATEWAY_HARNESS_H_
