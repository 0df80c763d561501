// valore-catalog: the indicator catalog service.
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/catalog/catalog_core.h"
#include "services/catalog/catalog_service.h"
#include "services/common/admin_service.h"
#include "services/common/health_reporter.h"
#include "services/common/metrics.h"
#include "services/common/metrics_flags.h"
#include "services/common/server_flags.h"
#include "services/common/server_runner.h"
#include "services/common/version_watch_hub.h"
#include "services/common/watch_flags.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:7001",
          "HOST:PORT to listen on; port 0 picks a free port and prints it");
ABSL_FLAG(std::string, data, "var/catalog",
          "directory of the RocksDB database");
ABSL_FLAG(bool, sync_writes, true,
          "fsync every acknowledged write (false: safe from a process crash, "
          "not from a power loss)");

int main(int argc, char** argv) {
  valore::BlockShutdownSignals();
  valore::ReturnLargeBlocksWhenFreed();
  valore::SkipMutexDeadlockChecks();
  absl::SetProgramUsageMessage("valore-catalog --listen HOST:PORT --data DIR");
  absl::ParseCommandLine(argc, argv);

  auto security = valore::ServerSecurityFromFlags("valore-catalog");
  if (!security.ok()) {
    std::cerr << "valore-catalog: " << security.status().message() << "\n";
    return 1;
  }
  valore::Metrics metrics("valore-catalog");
  valore::storage::KvOptions options;
  options.sync_writes = absl::GetFlag(FLAGS_sync_writes);
  auto core =
      valore::catalog::CatalogCore::Open(absl::GetFlag(FLAGS_data), options);
  if (!core.ok()) {
    std::cerr << "valore-catalog: " << core.status().message() << "\n";
    return 1;
  }
  // Aggregation watches the version to answer cached reports without
  // asking; every import waits until the watchers know of it.
  valore::catalog::CatalogCore* opened = core->get();
  absl::StatusOr<valore::VersionWatchHub::Options> watch_options =
      valore::WatchOptionsFromFlags();
  if (!watch_options.ok()) {
    std::cerr << "valore-catalog: " << watch_options.status().message() << "\n";
    return 1;
  }
  valore::VersionWatchHub watch([opened] { return opened->Version(); },
                                security->server.tokens.get(), *watch_options);
  valore::catalog::CatalogServiceImpl service(
      core->get(), security->server.tokens.get(), &watch);
  valore::ServerConfig config;
  config.name = "valore-catalog";
  config.listen = absl::GetFlag(FLAGS_listen);
  valore::AdminServiceImpl admin((*core)->kv(), security->server.tokens.get());
  config.services = {&service, &admin, &watch};
  config.before_drain = [&watch] { watch.Close(); };
  config.credentials = security->server.credentials;
  // Readiness: the catalog needs nothing else, so it serves while it runs.
  valore::HealthReporter health("valore-catalog");
  health.SetServing(valore::v1::CatalogService::service_full_name(), true);
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
