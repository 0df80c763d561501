// A fixed set of threads that run queued work in order of arrival: the
// report calls that must not block gRPC's callback threads.
#ifndef VALORE_SERVICES_AGGREGATION_REPORT_WORKERS_H_
#define VALORE_SERVICES_AGGREGATION_REPORT_WORKERS_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace valore::aggregation {

class ReportWorkers {
 public:
  explicit ReportWorkers(int threads = kDefaultThreads);
  // Runs what is queued, then joins the threads.
  ~ReportWorkers();
  ReportWorkers(const ReportWorkers&) = delete;
  ReportWorkers& operator=(const ReportWorkers&) = delete;

  void Run(std::function<void()> work);

  // Enough for the calls in flight at once: each mostly waits for other
  // services.
  static constexpr int kDefaultThreads = 16;

 private:
  void Loop();
  // Work is queued, or the workers are stopping.
  bool Ready() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_REPORT_WORKERS_H_
