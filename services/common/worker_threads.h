// A fixed set of threads that run queued work in order of arrival: the work
// of calls served through gRPC's callback API that must not block its
// callback threads (a report waiting for other services, a bulk write
// waiting for the disk).
#ifndef VALORE_SERVICES_COMMON_WORKER_THREADS_H_
#define VALORE_SERVICES_COMMON_WORKER_THREADS_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace valore {

class WorkerThreads {
 public:
  explicit WorkerThreads(int threads);
  // Runs what is queued, then joins the threads.
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  void Run(std::function<void()> work);

 private:
  void Loop();

  absl::Mutex mu_;
  // Signalled when work is queued or the workers are stopping.
  absl::CondVar ready_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_WORKER_THREADS_H_
