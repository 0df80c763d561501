// valore-gateway: the REST/JSON edge of the catalog, capture and aggregation
// services.
#include <httplib.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "services/common/call_log.h"
#include "services/common/channels.h"
#include "services/common/metrics.h"
#include "services/common/metrics_flags.h"
#include "services/common/metrics_server.h"
#include "services/common/routing.h"
#include "services/common/security.h"
#include "services/common/server_runner.h"
#include "services/gateway/backend.h"
#include "services/gateway/capture_router.h"
#include "services/gateway/gateway.h"
#include "services/gateway/http_listener.h"
#include "services/gateway/http_metrics.h"
#include "services/web/web_app.h"
#include "tools/openapi/openapi_document.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8443",
          "HOST:PORT to listen on; port 0 picks a free port and prints it");
ABSL_FLAG(std::string, catalog, "127.0.0.1:7001", "catalog service address");
ABSL_FLAG(std::string, capture, "",
          "capture service address (default 127.0.0.1:7002 without "
          "--routing); with --routing, the one of entities without a route");
ABSL_FLAG(std::string, routing, "",
          "each entity's capture service, as valore-aggregation reads it "
          "(RoutingConfig text format); entities without a route go to "
          "--capture");
ABSL_FLAG(std::string, aggregation, "127.0.0.1:7003",
          "aggregation service address");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate: served over HTTPS, and this gateway's identity "
          "towards the services");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA that signs the services' certificates");
ABSL_FLAG(std::string, http_client_ca, "",
          "PEM CA: when set, HTTPS clients must present a certificate it "
          "signed (ModI ID_AUTH_CHANNEL_02)");
ABSL_FLAG(bool, insecure, false,
          "plain HTTP and plain gRPC, no token required: the services run "
          "with --insecure (a loopback demo)");
ABSL_FLAG(std::string, base_path, "/rest/valore",
          "URL prefix of the API; the version follows it (/rest/valore/v1)");
ABSL_FLAG(int64_t, rate_limit, 600,
          "requests per caller per --rate_window (0: no limit)");
ABSL_FLAG(absl::Duration, rate_window, absl::Minutes(1),
          "window of --rate_limit");
ABSL_FLAG(absl::Duration, default_timeout, absl::Seconds(10),
          "deadline of a call whose request sets no Request-Timeout");
ABSL_FLAG(absl::Duration, max_timeout, absl::Seconds(60),
          "longest deadline a Request-Timeout header may ask for");
ABSL_FLAG(int, threads, 8, "requests served at once");
ABSL_FLAG(std::string, web_root, VALORE_DEFAULT_WEB_ROOT,
          "folder of the web app's templates/ and static/ files, served "
          "outside --base_path; empty: no web app");
ABSL_FLAG(absl::Duration, web_session_idle, absl::Minutes(30),
          "a web app session unused this long ends");
ABSL_FLAG(int64_t, answer_cache_mib, 64,
          "MiB of recent answers whose JSON is kept for a repeated read "
          "(0: none)");

namespace {

constexpr char kName[] = "valore-gateway";

int Fail(const absl::Status& status) {
  std::cerr << kName << ": " << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  valore::BlockShutdownSignals();
  valore::SkipMutexDeadlockChecks();
  absl::SetProgramUsageMessage(
      "valore-gateway --listen HOST:PORT --catalog ADDR --capture ADDR "
      "--aggregation ADDR (--tls_cert F --tls_key F --tls_ca F | --insecure)");
  absl::ParseCommandLine(argc, argv);

  valore::SecurityOptions security;
  security.insecure = absl::GetFlag(FLAGS_insecure);
  security.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  security.tls_key = absl::GetFlag(FLAGS_tls_key);
  security.tls_ca = absl::GetFlag(FLAGS_tls_ca);
  if (security.insecure == !security.tls_cert.empty()) {
    return Fail(absl::InvalidArgumentError(
        "give --tls_cert, --tls_key and --tls_ca, or --insecure"));
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      valore::MakeChannelCredentials(security);
  if (!credentials.ok()) return Fail(credentials.status());

  valore::Metrics metrics(kName);
  valore::gateway::HttpMetrics http_metrics(metrics);
  std::map<std::string, std::shared_ptr<valore::gateway::Backend>> backends;
  const std::string routing = absl::GetFlag(FLAGS_routing);
  std::string capture = absl::GetFlag(FLAGS_capture);
  if (capture.empty() && routing.empty()) capture = "127.0.0.1:7002";
  // With a routing file and no --capture, every entity has its route: the
  // capture service of none stays null.
  backends["valore.v1.CaptureService"] = nullptr;
  for (const auto& [service, name, address] :
       {std::tuple{"valore.v1.CatalogService", "catalog",
                   absl::GetFlag(FLAGS_catalog)},
        std::tuple{"valore.v1.CaptureService", "capture", capture},
        std::tuple{"valore.v1.AggregationService", "aggregation",
                   absl::GetFlag(FLAGS_aggregation)}}) {
    if (address.empty()) continue;
    backends[service] = std::make_shared<valore::gateway::Backend>(
        name, valore::MakeChannel(address, *credentials),
        metrics.dependency_errors(name));
  }

  // One capture service per comune: each entity's calls go to its own.
  std::shared_ptr<const valore::gateway::CaptureRouter> captures;
  if (!routing.empty()) {
    absl::StatusOr<std::map<std::string, std::string>> routes =
        valore::ReadRoutes(routing);
    if (!routes.ok()) return Fail(routes.status());
    captures = valore::gateway::RouteCaptures(
        *routes, backends["valore.v1.CaptureService"],
        [&](const std::string& name, const std::string& address) {
          return std::make_shared<valore::gateway::Backend>(
              name, valore::MakeChannel(address, *credentials),
              metrics.dependency_errors("capture"));
        });
  }

  valore::gateway::GatewayOptions options;
  options.base_path = absl::GetFlag(FLAGS_base_path);
  options.rate_limit = absl::GetFlag(FLAGS_rate_limit);
  options.rate_window = absl::GetFlag(FLAGS_rate_window);
  options.default_timeout = absl::GetFlag(FLAGS_default_timeout);
  options.max_timeout = absl::GetFlag(FLAGS_max_timeout);
  options.require_token = !security.insecure;
  options.answer_cache_bytes = static_cast<size_t>(std::max<int64_t>(
                                   0, absl::GetFlag(FLAGS_answer_cache_mib)))
                               << 20;
  options.openapi_document = std::string(valore::gateway::OpenApiDocument());
  options.on_answered = [&http_metrics](const std::string& method,
                                        const std::string& route, int status,
                                        absl::Duration elapsed) {
    http_metrics.Observe(method, route, status, elapsed);
  };
  absl::StatusOr<std::unique_ptr<valore::gateway::Gateway>> gateway =
      valore::gateway::Gateway::Create(std::move(options), std::move(backends),
                                       std::move(captures));
  if (!gateway.ok()) return Fail(gateway.status());

  valore::gateway::ListenerOptions listener_options;
  listener_options.listen = absl::GetFlag(FLAGS_listen);
  listener_options.tls_cert = security.tls_cert;
  listener_options.tls_key = security.tls_key;
  listener_options.client_ca = absl::GetFlag(FLAGS_http_client_ca);
  listener_options.threads = absl::GetFlag(FLAGS_threads);
  valore::gateway::Gateway* handler = gateway->get();
  // The web app answers every path outside the API's.
  std::unique_ptr<valore::web::WebApp> web;
  if (const std::string web_root = absl::GetFlag(FLAGS_web_root);
      !web_root.empty()) {
    valore::web::WebOptions web_options;
    web_options.web_root = web_root;
    web_options.secure_cookie = !security.insecure;
    web_options.call_timeout = absl::GetFlag(FLAGS_default_timeout);
    web_options.sessions.idle_timeout = absl::GetFlag(FLAGS_web_session_idle);
    absl::StatusOr<std::unique_ptr<valore::web::WebApp>> created =
        valore::web::WebApp::Create(std::move(web_options), handler);
    if (!created.ok()) return Fail(created.status());
    web = *std::move(created);
  }
  valore::web::WebApp* web_handler = web.get();
  absl::StatusOr<std::unique_ptr<valore::gateway::HttpListener>> listener =
      valore::gateway::HttpListener::Start(
          listener_options,
          [handler, web_handler](const httplib::Request& request,
                                 httplib::Response& response) {
            if (web_handler == nullptr || handler->ServesPath(request.path)) {
              handler->Handle(request, response);
            } else {
              web_handler->Handle(request, response);
            }
          });
  if (!listener.ok()) return Fail(listener.status());
  // Logged before the address is printed, so that whoever reads the address
  // finds the metrics line too.
  std::unique_ptr<valore::MetricsServer> metrics_server;
  if (const std::string listen = valore::MetricsListenFromFlags();
      !listen.empty()) {
    absl::StatusOr<std::unique_ptr<valore::MetricsServer>> started =
        valore::MetricsServer::Start(listen, &metrics);
    if (!started.ok()) return Fail(started.status());
    metrics_server = *std::move(started);
    valore::LogLine(kName, absl::StrCat("metrics listening on http://",
                                        metrics_server->address(), "/metrics"));
  }
  // Stdout carries only this line, so scripts can read the chosen port.
  std::cout << kName << " listening on " << (*listener)->address() << std::endl;
  valore::LogLine(kName,
                  absl::StrCat("listening on ", (*listener)->address(),
                               (*listener)->tls() ? " (HTTPS)" : " (HTTP)"));
  int signal_number = valore::WaitForSignal();
  while (signal_number == SIGHUP) signal_number = valore::WaitForSignal();
  valore::LogLine(kName, absl::StrCat("signal ", signal_number, ", draining"));
  (*listener)->Stop();
  if (metrics_server) metrics_server->Stop();
  valore::LogLine(kName, "stopped");
  return 0;
}
