// valore-aggregation: the public-value aggregation service.
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/aggregation_service.h"
#include "services/aggregation/dependency_health.h"
#include "services/aggregation/sources.h"
#include "services/common/admin_service.h"
#include "services/common/health_reporter.h"
#include "services/common/metrics.h"
#include "services/common/metrics_flags.h"
#include "services/common/routing.h"
#include "services/common/server_flags.h"
#include "services/common/server_runner.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:7003",
          "HOST:PORT to listen on; port 0 picks a free port and prints it");
ABSL_FLAG(std::string, data, "var/aggregation",
          "directory of the RocksDB database");
ABSL_FLAG(std::string, catalog, "127.0.0.1:7001", "catalog service address");
ABSL_FLAG(std::string, capture, "127.0.0.1:7002",
          "capture service of the entities without a route (empty: none)");
ABSL_FLAG(std::string, routing, "",
          "RoutingConfig in protobuf text format: each entity's capture "
          "service (route { entity: \"carpi\" capture: \"host:7002\" })");
ABSL_FLAG(int, max_call_seconds, 10,
          "longest a call may take when its caller set no deadline");
ABSL_FLAG(bool, sync_writes, true,
          "fsync every acknowledged write (false: safe from a process crash, "
          "not from a power loss)");

int main(int argc, char** argv) {
  valore::BlockShutdownSignals();
  valore::ReturnLargeBlocksWhenFreed();
  valore::SkipMutexDeadlockChecks();
  absl::SetProgramUsageMessage(
      "valore-aggregation --listen HOST:PORT --data DIR --catalog HOST:PORT "
      "--capture HOST:PORT");
  absl::ParseCommandLine(argc, argv);

  auto security = valore::ServerSecurityFromFlags("valore-aggregation");
  if (!security.ok()) {
    std::cerr << "valore-aggregation: " << security.status().message() << "\n";
    return 1;
  }
  std::map<std::string, std::string> routes;
  if (const std::string routing = absl::GetFlag(FLAGS_routing);
      !routing.empty()) {
    auto read = valore::ReadRoutes(routing);
    if (!read.ok()) {
      std::cerr << "valore-aggregation: " << read.status().message() << "\n";
      return 1;
    }
    routes = *std::move(read);
  }
  valore::Metrics metrics("valore-aggregation");
  valore::aggregation::RemoteSources sources(
      absl::GetFlag(FLAGS_catalog), absl::GetFlag(FLAGS_capture),
      security->channels, std::move(routes),
      {metrics.dependency_errors(valore::Metrics::kCatalog),
       metrics.dependency_errors(valore::Metrics::kCapture)});
  valore::storage::KvOptions options;
  options.sync_writes = absl::GetFlag(FLAGS_sync_writes);
  auto core = valore::aggregation::AggregationCore::Open(
      absl::GetFlag(FLAGS_data), options, &sources,
      {metrics.reports_built(), metrics.report_cache_hits(),
       metrics.report_cache_misses(), metrics.snapshots_taken(),
       metrics.report_cache_watched_hits()});
  if (!core.ok()) {
    std::cerr << "valore-aggregation: " << core.status().message() << "\n";
    return 1;
  }
  valore::aggregation::AggregationServiceImpl service(
      core->get(), absl::Seconds(absl::GetFlag(FLAGS_max_call_seconds)),
      security->server.tokens.get());
  valore::ServerConfig config;
  config.name = "valore-aggregation";
  config.listen = absl::GetFlag(FLAGS_listen);
  valore::AdminServiceImpl admin((*core)->kv(), security->server.tokens.get());
  config.services = {&service, &admin};
  config.credentials = security->server.credentials;
  // Readiness: NOT_SERVING while the catalog or a capture service it reads
  // does not answer; the prober stops before `health` goes.
  valore::HealthReporter health("valore-aggregation");
  const std::unique_ptr<valore::DependencyProber> prober =
      valore::aggregation::StartDependencyProber(sources, &health);
  config.health = &health;
  metrics.WatchStorage((*core)->kv());
  config.metrics = &metrics;
  config.metrics_listen = valore::MetricsListenFromFlags();
  if (security->server.tokens) {
    config.on_hangup = [tokens = security->server.tokens] {
      tokens->RequestReload();
    };
  }
  return valore::ServeUntilSignal(config);
}
