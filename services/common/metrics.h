// A server's Prometheus metrics: its registry, the named operator metrics
// (valore_*) and the text exposition of them all. Components get only
// CounterRefs, which count nothing when default-constructed, so that they run
// without metrics (unit tests, the benchmark) and see no prometheus type.
#ifndef VALORE_SERVICES_COMMON_METRICS_H_
#define VALORE_SERVICES_COMMON_METRICS_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace prometheus {
class Counter;
class Registry;
}  // namespace prometheus

namespace valore {

namespace storage {
class KvStore;
}  // namespace storage

// One counter series, or nothing.
class CounterRef {
 public:
  CounterRef() = default;
  void Increment(double by = 1) const;

 private:
  friend class Metrics;
  explicit CounterRef(prometheus::Counter* counter) : counter_(counter) {}
  prometheus::Counter* counter_ = nullptr;
};

class Metrics {
 public:
  // The Content-Type of Scrape()'s text.
  static constexpr char kContentType[] =
      "text/plain; version=0.0.4; charset=utf-8";
  // Dependency labels of dependency_errors().
  static constexpr char kCatalog[] = "catalog";
  static constexpr char kCapture[] = "capture";

  // `server` names the binary in valore_build_info ("valore-catalog").
  explicit Metrics(const std::string& server);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Where other metrics (the gRPC server's) are registered.
  prometheus::Registry& registry() { return *registry_; }

  // Every metric in the text exposition format, after the readers given to
  // OnScrape have run.
  std::string Scrape();
  // Runs `read` before each scrape: gauges of state kept elsewhere.
  void OnScrape(std::function<void()> read);
  // The RocksDB gauges of `kv`, read at each scrape; `kv` must outlive the
  // scrapes.
  void WatchStorage(const storage::KvStore* kv);

  // Capture: measurement records stored (each a new revision of a cell).
  CounterRef measurements_written();
  // Aggregation: reports computed (not answered from the cache).
  CounterRef reports_built();
  CounterRef report_cache_hits();
  CounterRef report_cache_misses();
  CounterRef report_cache_watched_hits();
  // Aggregation: snapshots stored (not the same one returned again).
  CounterRef snapshots_taken();
  // Failed calls to another service: kCatalog or kCapture.
  CounterRef dependency_errors(const std::string& dependency);

 private:
  CounterRef Named(const std::string& name, const std::string& help);

  std::shared_ptr<prometheus::Registry> registry_;
  absl::Mutex mu_;  // one scrape at a time: readers set gauges
  std::vector<std::function<void()>> readers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_METRICS_H_
