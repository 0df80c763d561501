#include "services/aggregation/published_figure_store.h"

#include <memory>

#include "gtest/gtest.h"
#include "storage/audit_log.h"
#include "storage/test_temp_dir.h"

namespace valore::aggregation {
namespace {

class PublishedFigureStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::KvOptions options;
    options.sync_writes = false;
    options.column_families = {PublishedFigureStore::kFamily,
                               storage::AuditLog::kFamily};
    auto kv = storage::KvStore::Open(dir_.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    kv_ = *std::move(kv);
    auto audit = storage::AuditLog::Open(kv_.get());
    ASSERT_TRUE(audit.ok()) << audit.status();
    audit_ = *std::move(audit);
    store_ = std::make_unique<PublishedFigureStore>(kv_.get());
  }

  void Put(Period period, int figures) {
    v1::ImportPublishedFiguresRequest r;
    r.set_period(period.ToString());
    r.set_request_id("import-1");
    for (int i = 0; i < figures; ++i) {
      v1::PublishedFigure* f = r.add_figures();
      f->set_table(v1::FIGURE_TABLE_OUTCOMES);
      f->set_outcome_row(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
      f->set_count(i);
    }
    storage::Transaction tx(audit_.get(), absl::FromUnixSeconds(1000));
    store_->Put(period, r, "m.rossi", tx);
    ASSERT_TRUE(kv_->Commit(&tx).ok());
  }

  storage::TestTempDir dir_;
  std::unique_ptr<storage::KvStore> kv_;
  std::unique_ptr<storage::AuditLog> audit_;
  std::unique_ptr<PublishedFigureStore> store_;
};

TEST_F(PublishedFigureStoreTest, EachImportReplacesItsPeriodsFigures) {
  absl::StatusOr<std::vector<v1::PublishedFigure>> none =
      store_->Load(Period(2023, 2));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());

  Put(Period(2023, 2), 3);
  Put(Period(2024, 1), 1);
  Put(Period(2023, 2), 2);
  EXPECT_EQ(store_->Load(Period(2023, 2))->size(), 2u);
  EXPECT_EQ(store_->Load(Period(2024, 1))->size(), 1u);

  // Each import told the audit trail, with its count.
  absl::StatusOr<v1::ListAuditEventsResponse> events = audit_->List({});
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->events_size(), 3);
  EXPECT_EQ(events->events(2).period(), "2023S2");
  EXPECT_EQ(events->events(2).principal(), "m.rossi");
  EXPECT_EQ(events->events(2).change().published_figures().figures(), 2);
}

}  // namespace
}  // namespace valore::aggregation
