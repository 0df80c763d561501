#include "services/common/metrics_server.h"

#include <httplib.h>

#include <chrono>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/http_serving.h"

namespace valore {

MetricsServer::MetricsServer() : http_(std::make_unique<httplib::Server>()) {}

MetricsServer::~MetricsServer() { Stop(); }

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& listen, Metrics* metrics) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  httplib::Server& http = *server->http_;
  // A scrape now and then: two threads are plenty (httplib's default is 8
  // or more).
  http.new_task_queue = [] { return new httplib::ThreadPool(2); };
  // An idle keep-alive connection holds up Stop for this long.
  http.set_keep_alive_timeout(1);
  http.Get("/metrics",
           [metrics](const httplib::Request&, httplib::Response& response) {
             response.set_content(metrics->Scrape(), Metrics::kContentType);
           });
  absl::StatusOr<std::unique_ptr<HttpServing>> serving =
      HttpServing::Start(&http, listen, "--metrics_listen");
  if (!serving.ok()) return serving.status();
  server->serving_ = *std::move(serving);
  return server;
}

const std::string& MetricsServer::address() const {
  return serving_->address();
}

int MetricsServer::port() const { return serving_->port(); }

void MetricsServer::Stop() {
  if (serving_) serving_->Stop();
}

}  // namespace valore
