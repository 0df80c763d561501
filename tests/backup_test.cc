// Backups of each service's database through AdminService, restored into
// fresh directories: the restored services give the same report.
#include "storage/backup.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"
#include "tests/harness.h"
#include "valore/v1/admin.grpc.pb.h"

namespace valore::testing {
namespace {

struct Services {
  Services(const TempDir& dir, const std::string& prefix)
      : catalog(dir.Sub(prefix + "catalog")) {
    catalog.Start();
    capture = std::make_unique<CaptureServer>(dir.Sub(prefix + "capture"),
                                              catalog.address());
    capture->Start();
    aggregation = std::make_unique<AggregationServer>(
        dir.Sub(prefix + "aggregation"), catalog.address(), capture->address());
    aggregation->Start();
  }
  v1::Report Report() {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope("scopes/union");
    v1::Report out;
    grpc::Status s =
        aggregation->Stub()->GetReport(Deadline().get(), request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  CatalogServer catalog;
  std::unique_ptr<CaptureServer> capture;
  std::unique_ptr<AggregationServer> aggregation;
};

v1::BackupInfo Backup(const std::string& address, const std::string& dir) {
  auto stub = v1::AdminService::NewStub(MakeChannel(address));
  v1::CreateBackupRequest request;
  request.set_backup_dir(dir);
  v1::BackupInfo info;
  grpc::Status s = stub->CreateBackup(Deadline(30).get(), request, &info);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return info;
}

TEST(BackupTest, RestoredDatabasesGiveTheSameReport) {
  TempDir dir;
  v1::Report original;
  {
    Services live(dir, "live-");
    const import::DataFolder data = ReadShippedData();
    ImportThroughServices(data, *live.catalog.Stub(), *live.capture->Stub());
    v1::BatchSetValidatedOutcomesRequest outcomes;
    for (const auto& v : data.validated_outcomes)
      *outcomes.add_validated_outcomes() = v;
    outcomes.set_from_published_document(true);
    v1::BatchSetValidatedOutcomesResponse stored;
    ASSERT_TRUE(
        live.aggregation->Stub()
            ->BatchSetValidatedOutcomes(Deadline().get(), outcomes, &stored)
            .ok());

    const v1::BackupInfo first =
        Backup(live.capture->address(), dir.Sub("backups/capture"));
    EXPECT_EQ(first.backup_id(), 1u);
    // A later backup is incremental: a new id beside the first.
    v1::WriteMeasurementRequest write;
    write.mutable_measurement()->set_entity("carpi");
    write.mutable_measurement()->set_item("00002");
    write.mutable_measurement()->set_period("2023S2");
    write.mutable_measurement()->mutable_value()->mutable_number()->set_value(
        88);
    v1::Measurement written;
    ASSERT_TRUE(live.capture->Stub()
                    ->WriteMeasurement(Deadline().get(), write, &written)
                    .ok());
    const v1::BackupInfo second =
        Backup(live.capture->address(), dir.Sub("backups/capture"));
    EXPECT_EQ(second.backup_id(), 2u);
    Backup(live.catalog.address(), dir.Sub("backups/catalog"));
    Backup(live.aggregation->address(), dir.Sub("backups/aggregation"));
    auto listed = storage::ListBackups(dir.Sub("backups/capture"));
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(listed->size(), 2u);
    original = live.Report();
  }
  for (const char* service : {"catalog", "capture", "aggregation"}) {
    absl::Status s =
        storage::RestoreBackup(dir.Sub(std::string("backups/") + service), 0,
                               dir.Sub(std::string("restored-") + service));
    ASSERT_TRUE(s.ok()) << s;
  }
  // Never over a live database.
  EXPECT_EQ(storage::RestoreBackup(dir.Sub("backups/catalog"), 0,
                                   dir.Sub("live-catalog"))
                .code(),
            absl::StatusCode::kFailedPrecondition);

  Services restored(dir, "restored-");
  const v1::Report again = restored.Report();
  ASSERT_EQ(again.indicators_size(), original.indicators_size());
  for (int i = 0; i < again.indicators_size(); ++i) {
    EXPECT_EQ(again.indicators(i).SerializeAsString(),
              original.indicators(i).SerializeAsString())
        << again.indicators(i).code();
  }
  for (int i = 0; i < again.outcome_table_size(); ++i) {
    EXPECT_EQ(again.outcome_table(i).SerializeAsString(),
              original.outcome_table(i).SerializeAsString());
  }
  EXPECT_EQ(again.disagreements_size(), original.disagreements_size());
}

}  // namespace
}  // namespace valore::testing
