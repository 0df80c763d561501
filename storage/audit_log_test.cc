#include "storage/audit_log.h"

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/kv_store.h"
#include "storage/test_audited_db.h"

namespace valore::storage {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void Open() {
    db_.Open({});
    log_ = db_.audit();
  }

  void Append(const std::string& principal, const std::string& entity,
              int64_t seconds) {
    v1::AuditEvent event;
    event.set_principal(principal);
    event.set_entity(entity);
    event.set_item("00002");
    Transaction transaction = db_.Begin(absl::FromUnixSeconds(seconds));
    transaction.Audit(event);
    db_.Commit(transaction);
  }

  TestAuditedDb db_;
  AuditLog* log_ = nullptr;
};

TEST_F(AuditLogTest, EventsAreKeptInOrderAcrossARestartAndFiltered) {
  Open();
  Append("m.rossi", "carpi", 1000);
  Append("g.bianchi", "soliera", 2000);
  Open();  // the sequence goes on after a restart
  Append("m.rossi", "soliera", 3000);

  absl::StatusOr<v1::ListAuditEventsResponse> all = log_->List({});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->events_size(), 3);
  EXPECT_LT(all->events(0).sequence(), all->events(1).sequence());
  EXPECT_LT(all->events(1).sequence(), all->events(2).sequence());
  EXPECT_EQ(all->events(2).time().seconds(), 3000);

  v1::ListAuditEventsRequest by_principal;
  by_principal.set_principal("m.rossi");
  EXPECT_EQ(log_->List(by_principal)->events_size(), 2);
  v1::ListAuditEventsRequest by_entity;
  by_entity.set_entity("soliera");
  EXPECT_EQ(log_->List(by_entity)->events_size(), 2);
  v1::ListAuditEventsRequest window;
  window.mutable_start_time()->set_seconds(2000);
  window.mutable_end_time()->set_seconds(3000);  // exclusive
  absl::StatusOr<v1::ListAuditEventsResponse> in_window = log_->List(window);
  ASSERT_TRUE(in_window.ok());
  ASSERT_EQ(in_window->events_size(), 1);
  EXPECT_EQ(in_window->events(0).principal(), "g.bianchi");
}

TEST_F(AuditLogTest, PagesFollowEachOther) {
  Open();
  for (int i = 0; i < 5; ++i) Append("m.rossi", "carpi", 1000 + i);
  v1::ListAuditEventsRequest page;
  page.set_page_size(2);
  int seen = 0;
  for (int pages = 0; pages < 10; ++pages) {
    absl::StatusOr<v1::ListAuditEventsResponse> got = log_->List(page);
    ASSERT_TRUE(got.ok()) << got.status();
    seen += got->events_size();
    if (got->next_page_token().empty()) break;
    page.set_page_token(got->next_page_token());
  }
  EXPECT_EQ(seen, 5);
  page.set_page_token("not a token");
  EXPECT_EQ(log_->List(page).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace valore::storage
