#include "services/capture/capture_core.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/capture/test_registry.h"
#include "storage/test_temp_dir.h"

namespace valore::capture {
namespace {

using ::testing::HasSubstr;

class CaptureCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CaptureOptions options;
    options.kv.sync_writes = false;
    absl::StatusOr<std::unique_ptr<CaptureCore>> core =
        CaptureCore::Open(dir_.path(), options, &registry_);
    ASSERT_TRUE(core.ok()) << core.status();
    core_ = *std::move(core);
    // One write, so that the audit trail has an event to filter.
    v1::WriteMeasurementRequest write;
    v1::Measurement* m = write.mutable_measurement();
    m->set_entity("carpi");
    m->set_item("00002");
    m->set_period("2023S2");
    m->mutable_value()->mutable_number()->set_value(80.5);
    ASSERT_TRUE(
        core_->Write(write, "m.rossi", absl::FromUnixSeconds(1704067200)).ok());
  }

  storage::TestTempDir dir_;
  AnyItem registry_;
  std::unique_ptr<CaptureCore> core_;
};

// Regression, found by capture_request_fuzzer: an as_of or a start/end time
// with seconds past the year 9999 overflowed int64 microseconds (undefined
// behaviour); now each is INVALID_ARGUMENT naming the field.
constexpr int64_t kOverflowingSeconds = 100000000000000;

TEST_F(CaptureCoreTest, ReadSeriesRefusesAnAsOfOutOfRange) {
  v1::ReadSeriesRequest read;
  read.set_parent("entities/carpi/items/00002");
  read.mutable_as_of()->set_seconds(kOverflowingSeconds);
  absl::StatusOr<v1::ReadSeriesResponse> got = core_->ReadSeries(read);
  EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << got.status();
  EXPECT_THAT(got.status().message(), HasSubstr("as_of.seconds"));

  read.mutable_as_of()->set_seconds(1704067300);
  got = core_->ReadSeries(read);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->measurements_size(), 1);
}

TEST_F(CaptureCoreTest, BatchGetRefusesAnAsOfOutOfRange) {
  v1::BatchGetMeasurementsRequest get;
  get.set_period("2023S2");
  get.mutable_as_of()->set_seconds(-kOverflowingSeconds);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> got = core_->BatchGet(get);
  EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << got.status();
  EXPECT_THAT(got.status().message(), HasSubstr("as_of.seconds"));
}

TEST_F(CaptureCoreTest, AnAsOfBefore1970IsNamed) {
  v1::BatchGetMeasurementsRequest get;
  get.set_period("2023S2");
  get.mutable_as_of()->set_seconds(-86400);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> got = core_->BatchGet(get);
  EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << got.status();
  EXPECT_THAT(got.status().message(), HasSubstr("as_of.seconds: -86400"));
  EXPECT_THAT(got.status().message(), HasSubstr("1970"));
}

TEST_F(CaptureCoreTest, ListAuditEventsRefusesTimesOutOfRange) {
  v1::ListAuditEventsRequest list;
  list.mutable_start_time()->set_seconds(kOverflowingSeconds);
  absl::StatusOr<v1::ListAuditEventsResponse> got =
      core_->ListAuditEvents(list);
  EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << got.status();
  EXPECT_THAT(got.status().message(), HasSubstr("start_time.seconds"));

  list.clear_start_time();
  list.mutable_end_time()->set_nanos(-1);
  got = core_->ListAuditEvents(list);
  EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << got.status();
  EXPECT_THAT(got.status().message(), HasSubstr("end_time.nanos"));

  list.clear_end_time();
  got = core_->ListAuditEvents(list);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->events_size(), 1);
}

// The same request sent by several threads at once, as retries over
// separate connections are, among other writers' requests: written once, and
// every call answers with the same revisions.
TEST_F(CaptureCoreTest, ConcurrentTwinsWriteOnce) {
  constexpr int kRounds = 30;
  constexpr int kTwins = 4;
  constexpr int kOthers = 4;
  for (int round = 0; round < kRounds; ++round) {
    // Other writers' requests, so that the twins often arrive while one
    // commits and wait in line together.
    std::vector<v1::BatchWriteMeasurementsRequest> others(kOthers);
    for (int o = 0; o < kOthers; ++o) {
      others[o].set_request_id(absl::StrCat("other-", round, "-", o));
      for (int i = 0; i < 500; ++i) {
        v1::Measurement* m = others[o].add_measurements();
        m->set_entity("soliera");
        m->set_item(absl::StrCat("3", o, i % 50));
        m->set_period("2024S1");
        m->mutable_value()->mutable_number()->set_value(i);
      }
    }
    v1::BatchWriteMeasurementsRequest batch;
    batch.set_request_id(absl::StrCat("twins-", round));
    for (int i = 0; i < 20; ++i) {
      v1::Measurement* m = batch.add_measurements();
      m->set_entity("carpi");
      m->set_item(absl::StrCat("2000", i % 4));
      m->set_period("2024S1");
      m->mutable_value()->mutable_number()->set_value(i);
    }
    std::vector<absl::StatusOr<v1::BatchWriteMeasurementsResponse>> answers(
        kTwins, absl::UnknownError("not run"));
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kTwins + kOthers; ++t) {
      threads.emplace_back([&, t] {
        while (!go.load()) std::this_thread::yield();
        if (t < kTwins) {
          answers[t] = core_->BatchWrite(batch, "m.rossi", absl::Now());
        } else {
          EXPECT_TRUE(
              core_->BatchWrite(others[t - kTwins], "m.rossi", absl::Now())
                  .ok());
        }
      });
    }
    go.store(true);
    for (std::thread& t : threads) t.join();
    for (int t = 0; t < kTwins; ++t) {
      ASSERT_TRUE(answers[t].ok()) << answers[t].status();
      EXPECT_EQ(answers[t]->first_revision(), answers[0]->first_revision());
      EXPECT_EQ(answers[t]->record_count(), 20);
    }
  }
  for (int i = 0; i < 4; ++i) {
    v1::ListMeasurementRevisionsRequest list;
    list.set_name(
        absl::StrCat("entities/carpi/items/2000", i, "/periods/2024S1"));
    absl::StatusOr<v1::ListMeasurementRevisionsResponse> revisions =
        core_->ListRevisions(list);
    ASSERT_TRUE(revisions.ok()) << revisions.status();
    EXPECT_EQ(revisions->revisions_size(), 5 * kRounds);
  }
}

// Writers on several cells, readers and a lock/unlock loop at once. Under
// `make test-tsan` this is where the core's own locking is checked without
// gRPC in between.
TEST_F(CaptureCoreTest, ConcurrentWritesReadsAndLocksKeepEveryRevision) {
  constexpr int kWriters = 3;
  constexpr int kWrites = 15;
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kWrites; ++i) {
        v1::WriteMeasurementRequest write;
        v1::Measurement* m = write.mutable_measurement();
        m->set_entity("carpi");
        m->set_item(absl::StrCat("1000", w));
        m->set_period("2024S1");
        m->mutable_value()->mutable_number()->set_value(i);
        if (core_->Write(write, "m.rossi", absl::Now()).ok()) ++acknowledged;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < kWrites; ++i) {
      v1::BatchGetMeasurementsRequest get;
      get.set_period("2024S1");
      EXPECT_TRUE(core_->BatchGet(get).ok());
      v1::ReadSeriesRequest read;
      read.set_parent("entities/carpi/items/10000");
      EXPECT_TRUE(core_->ReadSeries(read).ok());
      EXPECT_TRUE(core_->ListAuditEvents({}).ok());
    }
  });
  // Another period than the writers', so that no write is refused.
  threads.emplace_back([&] {
    for (int i = 0; i < 5; ++i) {
      v1::LockPeriodRequest lock;
      lock.set_period("2023S1");
      lock.set_reason("chiusura");
      EXPECT_TRUE(core_->Lock(lock, "admin", absl::Now()).ok());
      v1::UnlockPeriodRequest unlock;
      unlock.set_period("2023S1");
      unlock.set_reason("rettifica");
      EXPECT_TRUE(core_->Unlock(unlock, "admin", absl::Now()).ok());
      EXPECT_TRUE(core_->ListLocks().ok());
    }
  });
  for (std::thread& t : threads) t.join();

  EXPECT_EQ(acknowledged.load(), kWriters * kWrites);
  for (int w = 0; w < kWriters; ++w) {
    v1::ListMeasurementRevisionsRequest list;
    list.set_name(
        absl::StrCat("entities/carpi/items/1000", w, "/periods/2024S1"));
    absl::StatusOr<v1::ListMeasurementRevisionsResponse> revisions =
        core_->ListRevisions(list);
    ASSERT_TRUE(revisions.ok()) << revisions.status();
    EXPECT_EQ(revisions->revisions_size(), kWrites);
  }
}

}  // namespace
}  // namespace valore::capture
