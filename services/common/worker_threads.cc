#include "services/common/worker_threads.h"

#include <utility>

namespace valore {

WorkerThreads::WorkerThreads(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerThreads::~WorkerThreads() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    ready_.SignalAll();
  }
  for (std::thread& t : threads_) t.join();
}

void WorkerThreads::Run(std::function<void()> work) {
  absl::MutexLock lock(&mu_);
  queue_.push_back(std::move(work));
  ready_.Signal();
}

void WorkerThreads::Loop() {
  for (;;) {
    std::function<void()> work;
    {
      absl::MutexLock lock(&mu_);
      // A condition variable rather than Mutex::Await: ThreadSanitizer
      // follows it.
      while (!stopping_ && queue_.empty()) ready_.Wait(&mu_);
      if (queue_.empty()) return;  // stopping, and nothing left
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

}  // namespace valore
