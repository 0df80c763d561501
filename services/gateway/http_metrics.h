// The gateway's Prometheus metrics of HTTP: http_requests_total by method,
// route and status code, and http_request_duration_seconds by method and
// route. The route is the URL template ("/v1/entities/{entity}"), so the
// series stay few whatever ids callers send.
#ifndef VALORE_SERVICES_GATEWAY_HTTP_METRICS_H_
#define VALORE_SERVICES_GATEWAY_HTTP_METRICS_H_

#include <string>

#include "absl/time/time.h"
#include "services/common/metrics.h"

namespace prometheus {
template <typename T>
class Family;
class Counter;
class Histogram;
}  // namespace prometheus

namespace valore::gateway {

class HttpMetrics {
 public:
  // Registers the two families in `metrics`, which must outlive this.
  explicit HttpMetrics(Metrics& metrics);

  void Observe(const std::string& method, const std::string& route, int status,
               absl::Duration elapsed);

 private:
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* seconds_;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_HTTP_METRICS_H_
