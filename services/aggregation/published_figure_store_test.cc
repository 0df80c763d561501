#include "services/aggregation/published_figure_store.h"

#include <memory>

#include "gtest/gtest.h"
#include "storage/test_audited_db.h"

namespace valore::aggregation {
namespace {

class PublishedFigureStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.Open({PublishedFigureStore::kFamily});
    store_ = std::make_unique<PublishedFigureStore>(db_.kv());
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
    storage::Transaction tx = db_.Begin(absl::FromUnixSeconds(1000));
    store_->Put(period, r, "m.rossi", tx);
    db_.Commit(tx);
  }

  storage::TestAuditedDb db_;
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
  const std::vector<v1::AuditEvent> events = db_.AuditEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].period(), "2023S2");
  EXPECT_EQ(events[2].principal(), "m.rossi");
  EXPECT_EQ(events[2].change().published_figures().figures(), 2);
}

}  // namespace
}  // namespace valore::aggregation
