#include "storage/audit_log.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "storage/kv_store.h"
#include "storage/test_audited_db.h"

namespace valore::storage {
namespace {

// The change of a cell as its owner's history would give it: here written
// from the cell and revision alone, so that a test can tell which revision
// each event was given.
absl::Status ReadChange(const AuditedCell& cell, uint64_t revision,
                        v1::AuditEvent* event) {
  v1::AuditChange::Measurement* change =
      event->mutable_change()->mutable_measurement();
  change->mutable_after()->set_display(absl::StrCat(
      cell.entity, "/", cell.item, "/", cell.period, "@", revision));
  change->set_note(absl::StrCat("revision ", revision));
  return absl::OkStatus();
}

class AuditLogTest : public ::testing::Test {
 protected:
  void Open(AuditLog::ChangeReader read_change = ReadChange) {
    db_.Open({}, std::move(read_change));
    log_ = db_.audit();
  }

  // One write of `cells` (entity, item, period each) by `principal`, stored
  // as revisions first_revision...
  void AppendWrite(const std::string& principal,
                   const std::vector<std::vector<std::string>>& cells,
                   uint64_t first_revision, int64_t seconds) {
    std::vector<AuditedCell> audited;
    for (const std::vector<std::string>& c : cells) {
      audited.push_back({c[0], c[1], c[2]});
    }
    Transaction transaction = db_.Begin(absl::FromUnixSeconds(seconds));
    transaction.AuditWrite(
        {principal, "req-1", "CaptureService.Batch", first_revision}, audited);
    db_.Commit(transaction);
  }

  // Every event, read `page_size` at a time.
  std::vector<v1::AuditEvent> AllInPages(v1::ListAuditEventsRequest request,
                                         int page_size) {
    request.set_page_size(page_size);
    std::vector<v1::AuditEvent> out;
    for (int pages = 0; pages < 100; ++pages) {
      absl::StatusOr<v1::ListAuditEventsResponse> got = log_->List(request);
      EXPECT_TRUE(got.ok()) << got.status();
      if (!got.ok()) break;
      EXPECT_LE(got->events_size(), page_size);
      out.insert(out.end(), got->events().begin(), got->events().end());
      if (got->next_page_token().empty()) break;
      request.set_page_token(got->next_page_token());
    }
    return out;
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

TEST_F(AuditLogTest, AWriteOfManyCellsListsOneEventPerCell) {
  Open();
  Append("m.rossi", "carpi", 1000);  // an event stored whole: sequence 1
  AppendWrite("l.bianchi",
              {{"carpi", "00002", "2023S2"},
               {"carpi", "00003", "2023S2"},
               {"soliera", "00003", "2023S1"},
               {"soliera", "00004", "2023S1"}},
              40, 2000);
  Open();  // the sequence goes on after a restart, past the write's cells
  Append("g.verdi", "novi", 3000);

  const std::vector<v1::AuditEvent> all = db_.AuditEvents();
  ASSERT_EQ(all.size(), 6u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence(), static_cast<int64_t>(i + 1));
  }
  EXPECT_EQ(all[0].principal(), "m.rossi");
  EXPECT_FALSE(all[0].has_change());
  EXPECT_EQ(all[5].principal(), "g.verdi");
  // Each cell's event: the write's who, how and when, the cell, and the
  // change of the cell's own revision.
  const v1::AuditEvent& third = all[3];
  EXPECT_EQ(third.principal(), "l.bianchi");
  EXPECT_EQ(third.request_id(), "req-1");
  EXPECT_EQ(third.method(), "CaptureService.Batch");
  EXPECT_EQ(third.time().seconds(), 2000);
  EXPECT_EQ(third.entity(), "soliera");
  EXPECT_EQ(third.item(), "00003");
  EXPECT_EQ(third.period(), "2023S1");
  EXPECT_EQ(third.change().measurement().after().display(),
            "soliera/00003/2023S1@42");
  EXPECT_EQ(all[1].change().measurement().after().display(),
            "carpi/00002/2023S2@40");
  EXPECT_EQ(all[4].change().measurement().after().display(),
            "soliera/00004/2023S1@43");

  // Pages of any size, ending inside the write's record, give every event
  // once, in order.
  for (int page_size : {1, 2, 3, 4, 5}) {
    SCOPED_TRACE(page_size);
    const std::vector<v1::AuditEvent> paged = AllInPages({}, page_size);
    ASSERT_EQ(paged.size(), all.size());
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(paged[i].SerializeAsString(), all[i].SerializeAsString()) << i;
    }
  }

  // Filters apply to each cell's event.
  v1::ListAuditEventsRequest by_entity;
  by_entity.set_entity("soliera");
  std::vector<v1::AuditEvent> soliera = AllInPages(by_entity, 1);
  ASSERT_EQ(soliera.size(), 2u);
  EXPECT_EQ(soliera[0].sequence(), 4);
  EXPECT_EQ(soliera[1].sequence(), 5);
  v1::ListAuditEventsRequest by_item;
  by_item.set_item("00003");
  EXPECT_EQ(AllInPages(by_item, 10).size(), 2u);
  v1::ListAuditEventsRequest by_principal;
  by_principal.set_principal("l.bianchi");
  EXPECT_EQ(AllInPages(by_principal, 10).size(), 4u);
  v1::ListAuditEventsRequest before_the_write;
  before_the_write.mutable_end_time()->set_seconds(2000);
  EXPECT_EQ(AllInPages(before_the_write, 10).size(), 1u);
}

TEST_F(AuditLogTest, AWriteIsReadOnlyForTheEventsListed) {
  std::vector<uint64_t> read;
  Open([&read](const AuditedCell& cell, uint64_t revision,
               v1::AuditEvent* event) {
    read.push_back(revision);
    return ReadChange(cell, revision, event);
  });
  AppendWrite("l.bianchi",
              {{"carpi", "00002", "2023S2"}, {"soliera", "00002", "2023S2"}}, 7,
              2000);
  v1::ListAuditEventsRequest by_entity;
  by_entity.set_entity("soliera");
  ASSERT_EQ(AllInPages(by_entity, 10).size(), 1u);
  EXPECT_EQ(read, std::vector<uint64_t>{8});
}

TEST_F(AuditLogTest, AnUnreadableWriteOrChangeIsReportedNotSkipped) {
  Open([](const AuditedCell&, uint64_t, v1::AuditEvent*) {
    return absl::DataLossError("the revision is gone");
  });
  AppendWrite("l.bianchi", {{"carpi", "00002", "2023S2"}}, 1, 2000);
  EXPECT_EQ(log_->List({}).status().code(), absl::StatusCode::kDataLoss);

  Open(nullptr);  // a log that cannot read the changes of a write
  EXPECT_EQ(log_->List({}).status().code(), absl::StatusCode::kInternal);

  Open();
  std::string key;
  AppendU64(&key, 9);
  Transaction cut = db_.Begin(absl::FromUnixSeconds(3000));
  // A write's record cut short after its header.
  cut.Put(db_.kv()->Family(AuditLog::kFamily), key,
          std::string("\0w1\0\0\0\0\0\0\0\1", 11));
  db_.Commit(cut);
  absl::StatusOr<v1::ListAuditEventsResponse> listed = log_->List({});
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss)
      << listed.status();
}

}  // namespace
}  // namespace valore::storage
