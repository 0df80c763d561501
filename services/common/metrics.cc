#include "services/common/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <utility>

#include "storage/kv_store.h"

#ifndef VALORE_VERSION
#error "VALORE_VERSION is set by CMake from the project version"
#endif

namespace valore {

void CounterRef::Increment(double by) const {
  if (counter_ != nullptr) counter_->Increment(by);
}

Metrics::Metrics(const std::string& server)
    : registry_(std::make_shared<prometheus::Registry>()) {
  prometheus::BuildGauge()
      .Name("valore_build_info")
      .Help("The running build: always 1, with its version and server")
      .Register(*registry_)
      .Add({{"version", VALORE_VERSION}, {"server", server}})
      .Set(1);
}

Metrics::~Metrics() = default;

std::string Metrics::Scrape() {
  absl::MutexLock lock(&mu_);
  for (const std::function<void()>& read : readers_) read();
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

void Metrics::OnScrape(std::function<void()> read) {
  absl::MutexLock lock(&mu_);
  readers_.push_back(std::move(read));
}

void Metrics::WatchStorage(const storage::KvStore* kv) {
  auto gauge = [this](const char* name, const char* help) {
    return &prometheus::BuildGauge()
                .Name(name)
                .Help(help)
                .Register(*registry_)
                .Add({});
  };
  prometheus::Gauge* sst = gauge(
      "valore_rocksdb_sst_files_bytes",
      "Bytes of every SST file of the server's RocksDB database, obsolete "
      "ones not yet deleted included (rocksdb.total-sst-files-size)");
  prometheus::Gauge* live =
      gauge("valore_rocksdb_live_sst_files_bytes",
            "Bytes of the SST files of the database's current version "
            "(rocksdb.live-sst-files-size)");
  prometheus::Gauge* pending =
      gauge("valore_rocksdb_pending_compaction_bytes",
            "Bytes RocksDB estimates compaction has to rewrite "
            "(rocksdb.estimate-pending-compaction-bytes)");
  OnScrape([kv, sst, live, pending] {
    // A failed read keeps the last values: a gap would read as zero bytes.
    absl::StatusOr<storage::KvStore::DiskUsage> usage = kv->GetDiskUsage();
    if (!usage.ok()) return;
    sst->Set(static_cast<double>(usage->sst_bytes));
    live->Set(static_cast<double>(usage->live_sst_bytes));
    pending->Set(static_cast<double>(usage->pending_compaction_bytes));
  });
}

CounterRef Metrics::Named(const std::string& name, const std::string& help) {
  return CounterRef(&prometheus::BuildCounter()
                         .Name(name)
                         .Help(help)
                         .Register(*registry_)
                         .Add({}));
}

CounterRef Metrics::measurements_written() {
  return Named("valore_measurements_written_total",
               "Measurement records stored by capture, each a new revision "
               "of its cell (retries answered from the first write excluded)");
}

CounterRef Metrics::reports_built() {
  return Named("valore_reports_built_total",
               "Reports computed by aggregation from the catalog and the "
               "capture services (answers from the report cache excluded)");
}

CounterRef Metrics::report_cache_hits() {
  return Named("valore_report_cache_hits_total",
               "Reports answered from the report cache after revalidation");
}

CounterRef Metrics::report_cache_watched_hits() {
  return Named("valore_report_cache_watched_hits_total",
               "Of the report cache's hits, those the version watches of the "
               "catalog and capture services told current without a call");
}

CounterRef Metrics::report_cache_misses() {
  return Named("valore_report_cache_misses_total",
               "Reports the report cache could not answer (not kept, or "
               "their inputs changed), so they were built");
}

CounterRef Metrics::snapshots_taken() {
  return Named("valore_snapshots_taken_total",
               "Semiannual snapshots stored by aggregation (a snapshot "
               "returned again unchanged excluded)");
}

CounterRef Metrics::dependency_errors(const std::string& dependency) {
  return CounterRef(&prometheus::BuildCounter()
                         .Name("valore_dependency_errors_total")
                         .Help("Calls to another valore service that failed, "
                               "by the service called")
                         .Register(*registry_)
                         .Add({{"dependency", dependency}}));
}

}  // namespace valore
