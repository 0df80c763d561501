// Databases written by valore.v1 as first released
// (tests/fixtures/stored-v1) are opened by today's servers, which give the
// same reports, history and snapshots as the servers that wrote them.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

std::string Fixture(const std::string& path) {
  return absl::StrCat(VALORE_SOURCE_DIR, "/tests/fixtures/stored-v1/", path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

class StoredUpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A copy: RocksDB writes into the folder it opens.
    for (const char* name : {"catalog", "capture", "aggregation"}) {
      std::filesystem::copy(Fixture(absl::StrCat("db/", name)), dir_.Sub(name),
                            std::filesystem::copy_options::recursive);
    }
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_->address());
    capture_->Start();
    aggregation_ = std::make_unique<AggregationServer>(
        dir_.Sub("aggregation"), catalog_->address(), capture_->address());
    aggregation_->Start();
  }

  // What `valore ARGS --format ...` prints against the servers.
  std::string Cli(std::vector<std::string> args) {
    std::vector<std::string> argv = {VALORE_CLI_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(absl::StrCat("--catalog=", catalog_->address()));
    argv.push_back(absl::StrCat("--capture=", capture_->address()));
    argv.push_back(absl::StrCat("--aggregation=", aggregation_->address()));
    std::string out;
    EXPECT_EQ(RunProgram(argv, &out), 0) << args[0];
    return out;
  }

  std::string Report(const std::string& entity) {
    const std::string path = dir_.Sub(absl::StrCat("report", entity, ".csv"));
    std::vector<std::string> args = {"report", "--period", "2023S2", "--format",
                                     "csv",    "--out",    path};
    if (!entity.empty()) {
      args.push_back("--entity");
      args.push_back(entity);
    }
    Cli(args);
    return ReadFile(path);
  }

  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  std::unique_ptr<AggregationServer> aggregation_;
};

TEST_F(StoredUpgradeTest, TheSameReportsHistoryAndSnapshots) {
  EXPECT_EQ(Report(""), ReadFile(Fixture("expected/report-2023S2.csv")));
  EXPECT_EQ(Report("carpi"),
            ReadFile(Fixture("expected/report-2023S2-carpi.csv")));
  EXPECT_EQ(Cli({"history", "carpi", "00002", "2023S2", "--format", "json"}),
            ReadFile(Fixture("expected/history-carpi-00002-2023S2.json")));
  // The snapshots as listed then, and now naming the scope they froze.
  v1::ListSnapshotsResponse then;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  ReadFile(Fixture("expected/snapshots.json")), &then)
                  .ok());
  v1::ListSnapshotsResponse now;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  Cli({"snapshot", "list", "--format", "json"}), &now)
                  .ok());
  ASSERT_EQ(now.snapshots_size(), 1);
  EXPECT_EQ(now.snapshots(0).scope(), "scopes/union");
  now.mutable_snapshots(0)->clear_scope();
  EXPECT_EQ(now.DebugString(), then.DebugString());

  // The frozen report equals the live one: nothing changed for the new
  // servers, and the period is still locked.
  v1::DiffSnapshotRequest diff;
  diff.set_name("snapshots/2023S2/versions/1");
  v1::DiffSnapshotResponse changes;
  ASSERT_TRUE(aggregation_->Stub()
                  ->DiffSnapshot(Deadline().get(), diff, &changes)
                  .ok());
  EXPECT_EQ(changes.changes_size(), 0);
  v1::ListPeriodLocksResponse locks;
  ASSERT_TRUE(
      capture_->Stub()->ListPeriodLocks(Deadline().get(), {}, &locks).ok());
  ASSERT_EQ(locks.locks_size(), 1);
  EXPECT_EQ(locks.locks(0).period(), "2023S2");
  EXPECT_TRUE(locks.locks(0).locked());

  // Percentages stored as printed text ("53,49%") are read as numbers, in
  // the live report and in the frozen one.
  auto raggiunto_dup = [](const v1::Report& report) {
    for (const v1::FigureComparison& c : report.published()) {
      if (c.published().table() == v1::FIGURE_TABLE_OUTCOMES &&
          c.published().outcome_row() ==
              v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES &&
          c.published().outcome_column() == v1::OUTCOME_ACHIEVED) {
        return c;
      }
    }
    ADD_FAILURE() << "no published Raggiunto of the DUP lines";
    return v1::FigureComparison();
  };
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  v1::Report live;
  ASSERT_TRUE(
      aggregation_->Stub()->GetReport(Deadline().get(), get, &live).ok());
  const v1::FigureComparison live_figure = raggiunto_dup(live);
  ASSERT_TRUE(live_figure.published().has_percent());
  EXPECT_DOUBLE_EQ(live_figure.published().percent(), 53.49);
  ASSERT_TRUE(live_figure.has_computed_percent());
  EXPECT_DOUBLE_EQ(live_figure.computed_percent(), 50);
  v1::GetSnapshotRequest get_snapshot;
  get_snapshot.set_name("snapshots/2023S2/versions/latest");
  v1::Snapshot frozen;
  ASSERT_TRUE(aggregation_->Stub()
                  ->GetSnapshot(Deadline().get(), get_snapshot, &frozen)
                  .ok());
  const v1::FigureComparison then_figure = raggiunto_dup(frozen.report());
  EXPECT_DOUBLE_EQ(then_figure.published().percent(), 53.49);
  EXPECT_DOUBLE_EQ(then_figure.computed_percent(), 50);

  // The stored catalog is a version in force for every period.
  v1::ListCatalogVersionsResponse versions;
  ASSERT_TRUE(catalog_->Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &versions)
                  .ok());
  ASSERT_EQ(versions.versions_size(), 1);
  EXPECT_EQ(versions.versions(0).effective_from(), "");
}

}  // namespace
}  // namespace valore::testing
