// valore-capture: the measurement capture service.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/capture/capture_core.h"
#include "services/capture/capture_service.h"
#include "services/capture/catalog_cache.h"
#include "services/common/admin_service.h"
#include "services/common/channels.h"
#include "services/common/health_reporter.h"
#include "services/common/metrics.h"
#include "services/common/metrics_flags.h"
#include "services/common/server_flags.h"
#include "services/common/server_runner.h"
#include "services/common/version_watch_hub.h"
#include "services/common/watch_flags.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:7002",
          "HOST:PORT to listen on; port 0 picks a free port and prints it");
ABSL_FLAG(std::string, data, "var/capture",
          "directory of the RocksDB database");
ABSL_FLAG(
    std::string, catalog, "127.0.0.1:7001",
    "address of the catalog service (entities and items are checked there)");
ABSL_FLAG(std::vector<std::string>, entities, {},
          "comma-separated entity ids this instance serves; empty serves all");
ABSL_FLAG(bool, sync_writes, true,
          "fsync every acknowledged write (false: safe from a process crash, "
          "not from a power loss)");

int main(int argc, char** argv) {
  valore::BlockShutdownSignals();
  valore::ReturnLargeBlocksWhenFreed();
  // Some tens of MiB freed and allocated again by every few bulk writes; in
  // interleaved imports this took a tenth to a sixth off capture's CPU for
  // about 20 MiB more resident memory.
  valore::KeepFreedHeapTopUpTo(128 << 20);
  valore::SkipMutexDeadlockChecks();
  absl::SetProgramUsageMessage(
      "valore-capture --listen HOST:PORT --data DIR --catalog HOST:PORT");
  absl::ParseCommandLine(argc, argv);

  auto security = valore::ServerSecurityFromFlags("valore-capture");
  if (!security.ok()) {
    std::cerr << "valore-capture: " << security.status().message() << "\n";
    return 1;
  }
  valore::Metrics metrics("valore-capture");
  const std::string catalog_address = absl::GetFlag(FLAGS_catalog);
  valore::capture::CatalogCache::Options cache_options;
  cache_options.catalog_errors =
      metrics.dependency_errors(valore::Metrics::kCatalog);
  valore::capture::CatalogCache registry(
      valore::MakeChannel(catalog_address, security->channels), catalog_address,
      cache_options);
  valore::capture::CaptureOptions options;
  options.measurements_written = metrics.measurements_written();
  options.kv.sync_writes = absl::GetFlag(FLAGS_sync_writes);
  options.entities = absl::GetFlag(FLAGS_entities);
  // Readiness: the service is NOT_SERVING once a failed commit makes the
  // core refuse writes (until a restart).
  valore::HealthReporter health("valore-capture");
  const std::string service_name =
      valore::v1::CaptureService::service_full_name();
  options.on_writable_change = [&health, service_name](bool writable,
                                                       const std::string& why) {
    health.SetServing(service_name, writable, why);
  };
  auto core = valore::capture::CaptureCore::Open(absl::GetFlag(FLAGS_data),
                                                 options, &registry);
  if (!core.ok()) {
    std::cerr << "valore-capture: " << core.status().message() << "\n";
    return 1;
  }
  // Aggregation watches the version to answer cached reports without
  // asking; every write waits until the watchers know of it.
  valore::capture::CaptureCore* opened = core->get();
  absl::StatusOr<valore::VersionWatchHub::Options> watch_options =
      valore::WatchOptionsFromFlags();
  if (!watch_options.ok()) {
    std::cerr << "valore-capture: " << watch_options.status().message() << "\n";
    return 1;
  }
  valore::VersionWatchHub watch([opened] { return opened->Etag(); },
                                security->server.tokens.get(), *watch_options);
  valore::capture::CaptureServiceImpl service(
      core->get(), security->server.tokens.get(), &watch);
  valore::ServerConfig config;
  config.name = "valore-capture";
  config.listen = absl::GetFlag(FLAGS_listen);
  valore::AdminServiceImpl admin((*core)->kv(), security->server.tokens.get());
  config.services = {&service, &admin, &watch};
  config.before_drain = [&watch] { watch.Close(); };
  config.credentials = security->server.credentials;
  health.SetServing(service_name, (*core)->writable());
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
