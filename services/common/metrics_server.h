// GET /metrics over HTTP (cpp-httplib): a server's Metrics in the text
// exposition format, for Prometheus to scrape. Plain HTTP without
// authentication, as Prometheus scrapes: listen where only it can reach.
#ifndef VALORE_SERVICES_COMMON_METRICS_SERVER_H_
#define VALORE_SERVICES_COMMON_METRICS_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/metrics.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace valore {

class HttpServing;

class MetricsServer {
 public:
  // Listens on `listen` ("HOST:PORT"; port 0 picks a free one) and answers
  // GET /metrics from `metrics`, which must outlive the server.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& listen, Metrics* metrics);
  // Stops (as Stop does).
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // "127.0.0.1:40123": the bound address, with the port chosen.
  const std::string& address() const;
  int port() const;
  // Stops listening and waits for the requests being answered.
  void Stop();

 private:
  MetricsServer();
  std::unique_ptr<httplib::Server> http_;
  // Declared after http_: stopped before the server it serves is gone.
  std::unique_ptr<HttpServing> serving_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_METRICS_SERVER_H_
