#include "services/common/worker_threads.h"

#include <atomic>

#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

// Three pieces of work that each wait for the other two all finish their
// wait only if they run at once, on three threads.
TEST(WorkerThreadsTest, RunsAsManyAtOnceAsItHasThreads) {
  WorkerThreads workers(3);
  std::atomic<int> started{0};
  std::atomic<int> saw_all{0};
  absl::Notification all_started;
  absl::BlockingCounter finished(3);
  for (int i = 0; i < 3; ++i) {
    workers.Run([&] {
      if (started.fetch_add(1) + 1 == 3) all_started.Notify();
      if (all_started.WaitForNotificationWithTimeout(absl::Seconds(30))) {
        saw_all.fetch_add(1);
      }
      finished.DecrementCount();
    });
  }
  finished.Wait();
  EXPECT_EQ(saw_all.load(), 3);
}

// Work queued behind busy threads waits its turn and is not dropped: the
// destructor runs everything queued before it joins.
TEST(WorkerThreadsTest, RunsEverythingQueuedBeforeStopping) {
  std::atomic<int> done{0};
  absl::Notification release;
  {
    WorkerThreads workers(1);
    workers.Run([&] {
      release.WaitForNotification();
      done.fetch_add(1);
    });
    for (int i = 0; i < 50; ++i) workers.Run([&] { done.fetch_add(1); });
    EXPECT_EQ(done.load(), 0);
    release.Notify();
  }
  EXPECT_EQ(done.load(), 51);
}

}  // namespace
}  // namespace valore
