// The semiannual snapshot: the report frozen with a content hash, the period
// locked in capture, the same snapshot when taken again, a new version after
// an admin reopens the period, the old one still readable, byte for byte.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "cli/report/render.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/auth.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

std::string Deterministic(const v1::Report& report) {
  std::string bytes;
  google::protobuf::io::StringOutputStream raw(&bytes);
  google::protobuf::io::CodedOutputStream coded(&raw);
  coded.SetSerializationDeterministic(true);
  report.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }

  grpc::Status Take(const std::string& period, v1::Snapshot* out) {
    v1::TakeSnapshotRequest request;
    request.set_period(period);
    request.set_author("snapshot-job");
    return suite_.aggregation().Stub()->TakeSnapshot(Deadline(30).get(),
                                                     request, out);
  }
  v1::Snapshot Get(const std::string& period, int version) {
    v1::GetSnapshotRequest request;
    request.set_name(SnapshotName(period, version));
    v1::Snapshot out;
    grpc::Status s = suite_.aggregation().Stub()->GetSnapshot(Deadline().get(),
                                                              request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  grpc::Status Write00040(double value) {
    v1::WriteMeasurementRequest request;
    v1::Measurement* m = request.mutable_measurement();
    m->set_entity("unione");
    m->set_item("00040");
    m->set_period("2023S2");
    m->mutable_value()->mutable_number()->set_value(value);
    m->set_note("dato rettificato");
    request.set_author("m.rossi");
    v1::Measurement out;
    return suite_.capture().Stub()->WriteMeasurement(Deadline().get(), request,
                                                     &out);
  }
  static double Value00040(const v1::Report& report) {
    for (const auto& i : report.indicators()) {
      if (i.code() == "00040") return i.value().number().value();
    }
    return -1;
  }

  Suite suite_;
};

TEST_F(SnapshotTest, FreezesTheReportAndLocksThePeriod) {
  v1::Snapshot first;
  ASSERT_TRUE(Take("2023S2", &first).ok());
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(first.principal(), "snapshot-job");
  EXPECT_EQ(first.report().outcome_table(0).total(), 38);
  EXPECT_EQ(first.content_hash(), Sha256Hex(Deterministic(first.report())));
  EXPECT_EQ(first.locked_size(), 1);

  // The capture service refuses changes to the frozen period.
  grpc::Status refused = Write00040(2000);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Taking it again while frozen returns the same snapshot.
  v1::Snapshot again;
  ASSERT_TRUE(Take("2023S2", &again).ok());
  EXPECT_EQ(again.version(), 1);
  EXPECT_EQ(again.content_hash(), first.content_hash());

  // Read back, it is the same bytes every time, and renders the same.
  const v1::Snapshot a = Get("2023S2", 1);
  const v1::Snapshot b = Get("2023S2", 0);
  EXPECT_EQ(Deterministic(a.report()), Deterministic(b.report()));
  EXPECT_EQ(Sha256Hex(Deterministic(a.report())), first.content_hash());
  EXPECT_EQ(cli::RenderReport(a.report(), cli::ReportFormat::kHtml),
            cli::RenderReport(b.report(), cli::ReportFormat::kHtml));
}

TEST_F(SnapshotTest, ReopeningMakesANewVersionAndKeepsTheOld) {
  v1::Snapshot first;
  ASSERT_TRUE(Take("2023S2", &first).ok());
  const double frozen = Value00040(first.report());
  EXPECT_EQ(frozen, 1614);

  v1::UnlockPeriodRequest unlock;
  unlock.set_period("2023S2");
  unlock.set_reason("rettifica del dato 00040 richiesta dal settore");
  unlock.set_author("m.rossi");
  v1::PeriodLock unlocked;
  ASSERT_TRUE(suite_.capture()
                  .Stub()
                  ->UnlockPeriod(Deadline().get(), unlock, &unlocked)
                  .ok());
  ASSERT_TRUE(Write00040(1700).ok());

  // The live data differs from the snapshot, and the diff says where.
  v1::DiffSnapshotRequest diff_request;
  diff_request.set_name("snapshots/2023S2/versions/latest");
  v1::DiffSnapshotResponse diff;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->DiffSnapshot(Deadline().get(), diff_request, &diff)
                  .ok());
  // A program finds the change by its typed fields, a person by `what`.
  bool found = false;
  for (const auto& c : diff.changes()) {
    if (c.kind() == v1::SnapshotChange::KIND_VALUE &&
        c.item_type() == v1::ITEM_TYPE_INDICATOR && c.item() == "00040") {
      found = true;
      EXPECT_EQ(c.what(), "indicatore 00040 · valore");
      EXPECT_EQ(c.snapshot(), "1.614");
      EXPECT_EQ(c.live(), "1.700");
    }
    EXPECT_NE(c.kind(), v1::SnapshotChange::KIND_UNSPECIFIED) << c.what();
    if (c.kind() == v1::SnapshotChange::KIND_OUTCOME_TABLE_COUNT) {
      EXPECT_NE(c.outcome_table_row(), v1::OUTCOME_TABLE_ROW_UNSPECIFIED);
      EXPECT_NE(c.snapshot_count(), c.live_count());
    }
    if (c.kind() == v1::SnapshotChange::KIND_OUTCOME) {
      EXPECT_NE(c.snapshot_outcome(), c.live_outcome());
    }
  }
  EXPECT_TRUE(found);

  v1::Snapshot second;
  ASSERT_TRUE(Take("2023S2", &second).ok());
  EXPECT_EQ(second.version(), 2);
  EXPECT_EQ(Value00040(second.report()), 1700);
  EXPECT_NE(second.content_hash(), first.content_hash());
  // The first version is still there, unchanged.
  const v1::Snapshot old = Get("2023S2", 1);
  EXPECT_EQ(Value00040(old.report()), 1614);
  EXPECT_EQ(Sha256Hex(Deterministic(old.report())), first.content_hash());

  v1::ListSnapshotsRequest list;
  list.set_period("2023S2");
  v1::ListSnapshotsResponse listed;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->ListSnapshots(Deadline().get(), list, &listed)
                  .ok());
  ASSERT_EQ(listed.snapshots_size(), 2);
  EXPECT_FALSE(listed.snapshots(0).has_report());

  // Who reopened, and why, is in capture's audit; the snapshots in
  // aggregation's.
  v1::ListAuditEventsRequest all;
  all.set_page_size(1000);
  v1::ListAuditEventsResponse capture_events;
  ASSERT_TRUE(suite_.capture()
                  .Stub()
                  ->ListAuditEvents(Deadline().get(), all, &capture_events)
                  .ok());
  bool unlock_audited = false;
  for (const auto& e : capture_events.events()) {
    if (e.method() == "CaptureService.UnlockPeriod") {
      unlock_audited = true;
      EXPECT_EQ(e.principal(), "m.rossi");
      EXPECT_THAT(e.detail(), HasSubstr("00040"));
    }
  }
  EXPECT_TRUE(unlock_audited);
  v1::ListAuditEventsResponse aggregation_events;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->ListAuditEvents(Deadline().get(), all, &aggregation_events)
                  .ok());
  int snapshots = 0;
  for (const auto& e : aggregation_events.events()) {
    if (e.method() == "AggregationService.TakeSnapshot") ++snapshots;
  }
  EXPECT_EQ(snapshots, 2);
}

TEST_F(SnapshotTest, UnknownSnapshotsAndBadPeriods) {
  v1::GetSnapshotRequest request;
  request.set_name("snapshots/2023S1/versions/latest");
  v1::Snapshot out;
  grpc::Status s =
      suite_.aggregation().Stub()->GetSnapshot(Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("2023S1"));
  EXPECT_EQ(Take("2023S7", &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A period with no data cannot be frozen, and is left unlocked... and
  // stays writable.
  EXPECT_EQ(Take("2031S1", &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace valore::testing
