#include "services/aggregation/snapshot_store.h"

#include <memory>

#include "gtest/gtest.h"
#include "storage/test_audited_db.h"

namespace valore::aggregation {
namespace {

class SnapshotStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.Open({SnapshotStore::kFamily});
    store_ = std::make_unique<SnapshotStore>(db_.kv());
  }

  void Put(const std::string& period, int version) {
    v1::Snapshot s;
    s.set_period(period);
    s.set_version(version);
    s.set_principal("job");
    s.set_content_hash(absl::StrCat("hash-", version));
    s.add_locked("capture at 127.0.0.1:7002");
    s.mutable_report()->set_period(period);
    storage::Transaction tx = db_.Begin(absl::FromUnixSeconds(1000));
    store_->Put(*Period::Parse(period, "period"), s, version - 1, tx);
    db_.Commit(tx);
  }

  storage::TestAuditedDb db_;
  std::unique_ptr<SnapshotStore> store_;
};

TEST_F(SnapshotStoreTest, VersionsOfAPeriodNewestAndListed) {
  EXPECT_EQ(store_->At(Period(2023, 2), 0).status().code(),
            absl::StatusCode::kNotFound);
  Put("2023S2", 1);
  Put("2023S2", 2);
  Put("2024S1", 1);

  absl::StatusOr<v1::Snapshot> newest = store_->At(Period(2023, 2), 0);
  ASSERT_TRUE(newest.ok()) << newest.status();
  EXPECT_EQ(newest->version(), 2);
  EXPECT_EQ(newest->scope(), "scopes/union");
  EXPECT_EQ(newest->report().period(), "2023S2");
  EXPECT_EQ(store_->At(Period(2023, 2), 1)->content_hash(), "hash-1");
  EXPECT_EQ(store_->At(Period(2023, 2), 3).status().code(),
            absl::StatusCode::kNotFound);

  v1::ListSnapshotsRequest all;
  absl::StatusOr<v1::ListSnapshotsResponse> listed = store_->List(all);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->snapshots_size(), 3);
  EXPECT_FALSE(listed->snapshots(0).has_report());
  v1::ListSnapshotsRequest one;
  one.set_period("2024S1");
  EXPECT_EQ(store_->List(one)->snapshots_size(), 1);
  one.set_period("2024S3");
  EXPECT_EQ(store_->List(one).status().code(),
            absl::StatusCode::kInvalidArgument);

  const std::vector<v1::AuditEvent> events = db_.AuditEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].change().snapshot().version_before(), 1);
  EXPECT_EQ(events[1].change().snapshot().version_after(), 2);
  EXPECT_EQ(events[1].change().snapshot().locked_size(), 1);
}

}  // namespace
}  // namespace valore::aggregation
