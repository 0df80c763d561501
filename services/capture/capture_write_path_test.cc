// The bulk write path and the conditional read: what BatchWrite answers and
// stores (revisions, replays, audit events), and BatchGet's etags.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/period.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/capture/capture_core.h"
#include "services/capture/test_registry.h"
#include "services/common/request_ids.h"
#include "storage/audit_log.h"
#include "storage/idempotent_writer.h"
#include "storage/test_temp_dir.h"
#include "storage/transaction.h"

namespace valore::capture {
namespace {

using ::testing::HasSubstr;

v1::Measurement Record(const std::string& entity, const std::string& item,
                       const std::string& period, double value,
                       const std::string& display, const std::string& note) {
  v1::Measurement m;
  m.set_entity(entity);
  m.set_item(item);
  m.set_period(period);
  m.mutable_value()->mutable_number()->set_value(value);
  m.mutable_value()->mutable_number()->set_unit(v1::UNIT_PERCENT);
  m.mutable_value()->set_display(display);
  m.set_note(note);
  return m;
}

class CaptureWritePathTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    core_.reset();
    CaptureOptions options;
    options.kv.sync_writes = false;
    absl::StatusOr<std::unique_ptr<CaptureCore>> core =
        CaptureCore::Open(dir_.path(), options, &registry_);
    ASSERT_TRUE(core.ok()) << core.status();
    core_ = *std::move(core);
  }

  v1::BatchWriteMeasurementsRequest Batch(const std::string& request_id) {
    v1::BatchWriteMeasurementsRequest r;
    *r.add_measurements() =
        Record("carpi", "00002", "2023S2", 80.5, "80,5%", "dal gestionale");
    *r.add_measurements() = Record("carpi", "00003", "2023S2", 12, "12", "");
    // The same cell again: its second value replaces the first.
    *r.add_measurements() =
        Record("carpi", "00002", "2023S2", 81, "81%", "rettifica");
    r.set_request_id(request_id);
    return r;
  }

  // The capture database opened by itself, with the core closed: to store
  // records as an earlier version did.
  absl::StatusOr<std::unique_ptr<storage::KvStore>> OpenDatabase() {
    storage::KvOptions options;
    options.sync_writes = false;
    options.column_families = storage::SeriesStore::ColumnFamilies();
    options.column_families.insert(
        options.column_families.end(),
        {"locks", "requests", storage::AuditLog::kFamily});
    return storage::KvStore::Open(dir_.path(), options);
  }

  storage::TestTempDir dir_;
  AnyItem registry_;
  std::unique_ptr<CaptureCore> core_;
};

const absl::Time kNow = absl::FromUnixMicros(1704067200123456);

TEST_F(CaptureWritePathTest, BatchAnswerIsWhatReadsReturn) {
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      core_->BatchWrite(Batch("req-1"), "m.rossi", kNow);
  ASSERT_TRUE(written.ok()) << written.status();
  ASSERT_EQ(written->measurements_size(), 3);
  for (int i = 0; i < 3; ++i) {
    const v1::Measurement& m = written->measurements(i);
    EXPECT_EQ(m.revision(), i + 1);
    EXPECT_EQ(m.author(), "m.rossi");
    EXPECT_EQ(m.request_id(), "req-1");
    EXPECT_EQ(m.create_time().seconds(), 1704067200);
    EXPECT_EQ(m.create_time().nanos(), 123456000);
    EXPECT_EQ(m.name(), "entities/carpi/items/" + m.item() + "/periods/2023S2");
  }
  // Each answered record is exactly the revision a read gives back.
  for (int i = 0; i < 3; ++i) {
    const v1::Measurement& m = written->measurements(i);
    v1::ListMeasurementRevisionsRequest list;
    list.set_name(m.name());
    absl::StatusOr<v1::ListMeasurementRevisionsResponse> revisions =
        core_->ListRevisions(list);
    ASSERT_TRUE(revisions.ok()) << revisions.status();
    bool found = false;
    for (const v1::Measurement& r : revisions->revisions()) {
      if (r.revision() == m.revision()) {
        EXPECT_EQ(r.SerializeAsString(), m.SerializeAsString()) << i;
        found = true;
      }
    }
    EXPECT_TRUE(found) << i;
  }
}

TEST_F(CaptureWritePathTest, TheBasicViewAnswersTheRevisionsWithoutTheRecords) {
  v1::BatchWriteMeasurementsRequest basic = Batch("req-b");
  basic.set_view(v1::BATCH_WRITE_VIEW_BASIC);
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
      core_->BatchWrite(basic, "m.rossi", kNow);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->measurements_size(), 0);
  EXPECT_EQ(written->first_revision(), 1);
  EXPECT_EQ(written->record_count(), 3);
  EXPECT_EQ(written->create_time().seconds(), 1704067200);
  EXPECT_EQ(written->create_time().nanos(), 123456000);
  // Record i is revision first_revision + i, as the full view says.
  v1::ListMeasurementRevisionsRequest list;
  list.set_name("entities/carpi/items/00002/periods/2023S2");
  absl::StatusOr<v1::ListMeasurementRevisionsResponse> revisions =
      core_->ListRevisions(list);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  ASSERT_EQ(revisions->revisions_size(), 2);
  EXPECT_EQ(revisions->revisions(0).revision(), 1);
  EXPECT_EQ(revisions->revisions(1).revision(), 3);
  // A retry answers the same; a retry asking for every record is the same
  // write, answered in full.
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> again =
      core_->BatchWrite(basic, "m.rossi", kNow + absl::Hours(1));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->SerializeAsString(), written->SerializeAsString());
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> again_full =
      core_->BatchWrite(Batch("req-b"), "m.rossi", kNow + absl::Hours(1));
  ASSERT_TRUE(again_full.ok()) << again_full.status();
  ASSERT_EQ(again_full->measurements_size(), 3);
  EXPECT_EQ(again_full->measurements(2).revision(), 3);
  EXPECT_EQ(again_full->first_revision(), 1);
  // So too when the request carries a field unknown here (serialized after
  // the view): the view is still left out of what identifies the write.
  v1::BatchWriteMeasurementsRequest unknown_full = Batch("req-u");
  unknown_full.GetReflection()
      ->MutableUnknownFields(&unknown_full)
      ->AddVarint(99, 1);
  ASSERT_TRUE(core_->BatchWrite(unknown_full, "m.rossi", kNow).ok());
  v1::BatchWriteMeasurementsRequest unknown_basic = unknown_full;
  unknown_basic.set_view(v1::BATCH_WRITE_VIEW_BASIC);
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> unknown_again =
      core_->BatchWrite(unknown_basic, "m.rossi", kNow);
  ASSERT_TRUE(unknown_again.ok()) << unknown_again.status();
  EXPECT_EQ(unknown_again->first_revision(), 4);
  EXPECT_EQ(unknown_again->measurements_size(), 0);

  // The full view of the next batch: the same header, and the records.
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> full =
      core_->BatchWrite(Batch(""), "m.rossi", kNow);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->first_revision(), 7);
  EXPECT_EQ(full->record_count(), 3);
  ASSERT_EQ(full->measurements_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(full->measurements(i).revision(), full->first_revision() + i);
  }

  // A dry run counts the records; a view that is none is refused, naming
  // the field and the value.
  v1::BatchWriteMeasurementsRequest dry = Batch("");
  dry.set_validate_only(true);
  dry.set_view(v1::BATCH_WRITE_VIEW_BASIC);
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> checked =
      core_->BatchWrite(dry, "m.rossi", kNow);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->record_count(), 3);
  EXPECT_EQ(checked->measurements_size(), 0);
  EXPECT_EQ(checked->first_revision(), 0);
  v1::BatchWriteMeasurementsRequest bad = Batch("");
  bad.set_view(static_cast<v1::BatchWriteView>(9));
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> refused =
      core_->BatchWrite(bad, "m.rossi", kNow);
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_THAT(refused.status().message(), HasSubstr("view: 9"));
  EXPECT_EQ(core_->ListRevisions(list)->revisions_size(), 6);
}

TEST_F(CaptureWritePathTest, RetryGetsTheFirstAnswerAndStoresOnce) {
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> first =
      core_->BatchWrite(Batch("req-1"), "m.rossi", kNow);
  ASSERT_TRUE(first.ok()) << first.status();
  for (int round = 0; round < 2; ++round) {
    // A retry by the same caller, whenever, and across a restart. (A
    // request id is its caller's: tests/shared_identity_test.cc.)
    absl::StatusOr<v1::BatchWriteMeasurementsResponse> again =
        core_->BatchWrite(Batch("req-1"), "m.rossi", kNow + absl::Hours(1));
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
    Open();
  }
  v1::ListMeasurementRevisionsRequest list;
  list.set_name("entities/carpi/items/00002/periods/2023S2");
  EXPECT_EQ(core_->ListRevisions(list)->revisions_size(), 2);

  // The same id for a different request is refused, and stores nothing.
  v1::BatchWriteMeasurementsRequest other = Batch("req-1");
  other.mutable_measurements(1)->mutable_value()->mutable_number()->set_value(
      13);
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> refused =
      core_->BatchWrite(other, "m.rossi", kNow);
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_THAT(refused.status().message(), HasSubstr("already used"));
  EXPECT_EQ(core_->ListRevisions(list)->revisions_size(), 2);
}

// Replay records kept by earlier versions (the whole request as fingerprint
// and the whole response as answer) still answer their retries.
TEST_F(CaptureWritePathTest, EarlierReplayRecordsStillAnswer) {
  core_.reset();
  const v1::BatchWriteMeasurementsRequest request = Batch("old-1");
  v1::BatchWriteMeasurementsResponse stored;
  v1::Measurement* m = stored.add_measurements();
  m->set_entity("carpi");
  m->set_revision(77);
  {
    absl::StatusOr<std::unique_ptr<storage::KvStore>> kv = OpenDatabase();
    ASSERT_TRUE(kv.ok()) << kv.status();
    storage::Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("requests"),
              storage::ReplayKey("BatchWriteMeasurements", "m.rossi", "old-1"),
              storage::EncodeReplay(RequestFingerprint(request),
                                    stored.SerializeAsString()));
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
  }
  Open();
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> replayed =
      core_->BatchWrite(request, "m.rossi", kNow);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  // With what the records tell of the batch.
  v1::BatchWriteMeasurementsResponse expected = stored;
  expected.set_first_revision(77);
  expected.set_record_count(1);
  EXPECT_EQ(replayed->SerializeAsString(), expected.SerializeAsString());
}

TEST_F(CaptureWritePathTest, AuditKeepsTheValueEachWriteReplaces) {
  v1::WriteMeasurementRequest one;
  *one.mutable_measurement() = Record("carpi", "00003", "2023S2", 10, "10", "");
  ASSERT_TRUE(core_->Write(one, "m.rossi", kNow).ok());
  ASSERT_TRUE(core_->BatchWrite(Batch(""), "l.bianchi", kNow).ok());
  v1::ListAuditEventsRequest list;
  list.set_principal("l.bianchi");
  absl::StatusOr<v1::ListAuditEventsResponse> events =
      core_->ListAuditEvents(list);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->events_size(), 3);
  EXPECT_EQ(events->events(0).item(), "00002");
  EXPECT_EQ(events->events(0).previous_value(), "");
  EXPECT_EQ(events->events(0).new_value(), "80,5%");
  EXPECT_EQ(events->events(0).detail(), "dal gestionale");
  EXPECT_EQ(events->events(1).item(), "00003");
  EXPECT_EQ(events->events(1).previous_value(), "10");
  EXPECT_EQ(events->events(1).new_value(), "12");
  EXPECT_EQ(events->events(2).item(), "00002");
  EXPECT_EQ(events->events(2).previous_value(), "80,5%");
  EXPECT_EQ(events->events(2).new_value(), "81%");
  EXPECT_EQ(events->events(2).method(),
            "CaptureService.BatchWriteMeasurements");
}

// A database written by an earlier version holds one event, values
// included, per record; the events of writes stored since are written from
// the series when listed. Both list alike, in one sequence.
TEST_F(CaptureWritePathTest, AuditEventsOfEarlierVersionsListWithNewOnes) {
  core_.reset();
  v1::AuditEvent earlier;
  earlier.set_principal("m.rossi");
  earlier.set_method("CaptureService.WriteMeasurement");
  earlier.set_entity("carpi");
  earlier.set_item("00003");
  earlier.set_period("2023S2");
  *earlier.mutable_change()->mutable_measurement()->mutable_after() =
      Record("carpi", "00003", "2023S2", 10, "10", "").value();
  {
    absl::StatusOr<std::unique_ptr<storage::KvStore>> kv = OpenDatabase();
    ASSERT_TRUE(kv.ok()) << kv.status();
    absl::StatusOr<std::unique_ptr<storage::AuditLog>> log =
        storage::AuditLog::Open(kv->get());
    ASSERT_TRUE(log.ok()) << log.status();
    absl::StatusOr<std::unique_ptr<storage::SeriesStore>> series =
        storage::SeriesStore::Create(kv->get());
    ASSERT_TRUE(series.ok()) << series.status();
    // The value and its event, in one batch, as that version stored them.
    v1::Measurement payload;
    *payload.mutable_value() = earlier.change().measurement().after();
    storage::Transaction tx(log->get(), kNow - absl::Hours(1));
    tx.Audit(earlier);
    ASSERT_TRUE(
        (*series)
            ->Append({{"carpi", "00003", Period::Parse("2023S2")->ordinal(),
                       payload.SerializeAsString()}},
                     absl::ToUnixMicros(tx.time()), &tx)
            .ok());
  }
  Open();
  v1::WriteMeasurementRequest one;
  *one.mutable_measurement() = Record("carpi", "00003", "2023S2", 11, "11", "");
  ASSERT_TRUE(core_->Write(one, "m.rossi", kNow).ok());
  ASSERT_TRUE(core_->BatchWrite(Batch("req-7"), "l.bianchi", kNow).ok());
  Open();  // and again after a restart

  std::vector<v1::AuditEvent> events;
  v1::ListAuditEventsRequest list;
  list.set_page_size(1);
  for (int pages = 0; pages < 10; ++pages) {
    absl::StatusOr<v1::ListAuditEventsResponse> page =
        core_->ListAuditEvents(list);
    ASSERT_TRUE(page.ok()) << page.status();
    events.insert(events.end(), page->events().begin(), page->events().end());
    if (page->next_page_token().empty()) break;
    list.set_page_token(page->next_page_token());
  }
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].sequence(), 1);
  EXPECT_EQ(events[0].new_value(), "10");
  EXPECT_EQ(events[1].previous_value(), "10");
  EXPECT_EQ(events[1].new_value(), "11");
  EXPECT_EQ(events[1].method(), "CaptureService.WriteMeasurement");

  // The batch's second record, whole: as an event stored with its values.
  v1::AuditEvent expected;
  expected.set_sequence(4);
  *expected.mutable_time() = events[2].time();
  EXPECT_EQ(absl::FromUnixSeconds(expected.time().seconds()) +
                absl::Nanoseconds(expected.time().nanos()),
            kNow);
  expected.set_principal("l.bianchi");
  expected.set_request_id("req-7");
  expected.set_method("CaptureService.BatchWriteMeasurements");
  expected.set_entity("carpi");
  expected.set_item("00003");
  expected.set_period("2023S2");
  expected.set_previous_value("11");
  expected.set_new_value("12");
  v1::AuditChange::Measurement* change =
      expected.mutable_change()->mutable_measurement();
  *change->mutable_before() =
      Record("carpi", "00003", "2023S2", 11, "11", "").value();
  *change->mutable_after() =
      Record("carpi", "00003", "2023S2", 12, "12", "").value();
  EXPECT_EQ(events[3].DebugString(), expected.DebugString());
  // Within the batch, a cell's second value replaces its first.
  EXPECT_EQ(events[4].previous_value(), "80,5%");
  EXPECT_EQ(events[4].change().measurement().note(), "rettifica");
}

TEST_F(CaptureWritePathTest, BadRecordsAreNamedByIndex) {
  v1::BatchWriteMeasurementsRequest r = Batch("");
  r.mutable_measurements(1)->set_period("2023S3");
  r.mutable_measurements(2)->mutable_value()->clear_kind();
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> refused =
      core_->BatchWrite(r, "m.rossi", kNow);
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_THAT(refused.status().message(),
              HasSubstr("measurements[1].period: \"2023S3\""));
  EXPECT_THAT(refused.status().message(),
              HasSubstr("measurements[2].value: is required"));
}

TEST_F(CaptureWritePathTest, ValidateOnlyChecksEverythingAndStoresNothing) {
  v1::BatchWriteMeasurementsRequest r = Batch("");
  r.set_validate_only(true);
  r.mutable_measurements(1)->clear_value();
  r.mutable_measurements(1)->set_value_text("12,5");
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> checked =
      core_->BatchWrite(r, "m.rossi", kNow);
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_EQ(checked->measurements_size(), 3);
  // The text is read as a write would read it; nothing has a revision.
  EXPECT_EQ(checked->measurements(1).value().number().value(), 12.5);
  EXPECT_TRUE(checked->measurements(1).value_text().empty());
  EXPECT_EQ(checked->measurements(0).revision(), 0);
  v1::BatchGetMeasurementsRequest get;
  get.set_period("2023S2");
  absl::StatusOr<v1::BatchGetMeasurementsResponse> stored =
      core_->BatchGet(get);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->measurements_size(), 0);

  // Bad records are named as a write names them.
  r.mutable_measurements(2)->set_period("2023S3");
  EXPECT_THAT(core_->BatchWrite(r, "m.rossi", kNow).status().message(),
              HasSubstr("measurements[2].period"));

  // A locked period refuses the dry run too.
  v1::LockPeriodRequest lock;
  lock.set_period("2023S2");
  lock.set_reason("chiusura del semestre");
  ASSERT_TRUE(core_->Lock(lock, "m.rossi", kNow).ok());
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> locked =
      core_->BatchWrite(Batch(""), "m.rossi", kNow);
  EXPECT_TRUE(absl::IsFailedPrecondition(locked.status()));
  v1::BatchWriteMeasurementsRequest dry = Batch("");
  dry.set_validate_only(true);
  absl::StatusOr<v1::BatchWriteMeasurementsResponse> dry_locked =
      core_->BatchWrite(dry, "m.rossi", kNow);
  EXPECT_TRUE(absl::IsFailedPrecondition(dry_locked.status()))
      << dry_locked.status();
  EXPECT_THAT(dry_locked.status().message(),
              HasSubstr("chiusura del semestre"));
}

TEST_F(CaptureWritePathTest, BatchGetAnswersNotModifiedUntilAWrite) {
  ASSERT_TRUE(core_->BatchWrite(Batch(""), "m.rossi", kNow).ok());
  v1::BatchGetMeasurementsRequest get;
  get.set_period("2023S2");
  absl::StatusOr<v1::BatchGetMeasurementsResponse> full = core_->BatchGet(get);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->measurements_size(), 2);
  EXPECT_FALSE(full->not_modified());
  ASSERT_FALSE(full->etag().empty());

  get.set_if_none_match(full->etag());
  absl::StatusOr<v1::BatchGetMeasurementsResponse> same = core_->BatchGet(get);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_TRUE(same->not_modified());
  EXPECT_EQ(same->measurements_size(), 0);
  EXPECT_EQ(same->etag(), full->etag());

  // Any write, even of another period, changes the etag.
  v1::WriteMeasurementRequest one;
  *one.mutable_measurement() = Record("soliera", "00002", "2024S1", 1, "1", "");
  ASSERT_TRUE(core_->Write(one, "m.rossi", kNow).ok());
  absl::StatusOr<v1::BatchGetMeasurementsResponse> changed =
      core_->BatchGet(get);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_FALSE(changed->not_modified());
  EXPECT_EQ(changed->measurements_size(), 2);
  EXPECT_NE(changed->etag(), full->etag());

  // Another opening of the same data never matches an earlier etag.
  get.set_if_none_match(changed->etag());
  Open();
  absl::StatusOr<v1::BatchGetMeasurementsResponse> reopened =
      core_->BatchGet(get);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_FALSE(reopened->not_modified());
  EXPECT_EQ(reopened->measurements_size(), 2);
}

}  // namespace
}  // namespace valore::capture
