// `valore import` end to end: the dry run reports every problem of a folder
// with its file and row and stores nothing; an import interrupted by a
// service killed halfway is completed by running the same command again,
// and nothing is stored twice.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

const std::string kShipped =
    std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023";

// Every audit event a service keeps, over all pages.
template <typename Stub>
int CountAuditEvents(Stub& stub) {
  int count = 0;
  v1::ListAuditEventsRequest request;
  request.set_page_size(1000);
  do {
    v1::ListAuditEventsResponse response;
    grpc::Status status =
        stub.ListAuditEvents(Deadline().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return -1;
    count += response.events_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return count;
}

int CatalogVersions(v1::CatalogService::Stub& stub) {
  v1::ListCatalogVersionsRequest request;
  v1::ListCatalogVersionsResponse response;
  grpc::Status status =
      stub.ListCatalogVersions(Deadline().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.versions_size();
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_->address());
    capture_->Start();
  }

  // The aggregation service as a child process, to be killed.
  absl::StatusOr<ServerProcess> StartAggregation() {
    return ServerProcess::Start(
        {VALORE_AGGREGATION_BINARY, "--insecure", "--listen=127.0.0.1:0",
         absl::StrCat("--data=", dir_.Sub("aggregation")),
         absl::StrCat("--catalog=", catalog_->address()),
         absl::StrCat("--capture=", capture_->address())},
        absl::Seconds(20));
  }

  // `valore import ARGS...`; its exit code, its output in `out`.
  int Import(std::vector<std::string> args, const std::string& aggregation,
             std::string* out) {
    std::vector<std::string> argv = {VALORE_CLI_BINARY, "import"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(absl::StrCat("--catalog=", catalog_->address()));
    argv.push_back(absl::StrCat("--capture=", capture_->address()));
    argv.push_back(absl::StrCat("--aggregation=", aggregation));
    return RunProgram(argv, out);
  }

  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
};

TEST_F(ImportTest, DryRunListsEveryProblemWithFileAndRowAndStoresNothing) {
  // The shipped folder with two values that fit no target.
  const std::string folder = dir_.Sub("folder");
  std::filesystem::copy(kShipped, folder,
                        std::filesystem::copy_options::recursive);
  const std::string file = folder + "/performance_objectives.csv";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(text.str(), '\n');
  ASSERT_GT(lines.size(), 4u);
  // valore_rilevato is the last column but one.
  ASSERT_TRUE(absl::EndsWith(absl::StripTrailingAsciiWhitespace(lines[0]),
                             ",valore_rilevato,esito"))
      << lines[0];
  for (int row : {2, 4}) {  // data rows: the header is row 0
    std::string& line = lines[row];
    const size_t esito = line.rfind(',');
    const size_t value = line.rfind(',', esito - 1);
    ASSERT_NE(value, std::string::npos) << line;
    line = absl::StrCat(line.substr(0, value + 1), "tutto bene",
                        line.substr(esito));
  }
  std::ofstream(file) << absl::StrJoin(lines, "\n");

  std::string out;
  EXPECT_EQ(Import({folder, "--dry_run"}, "127.0.0.1:1", &out), 1) << out;
  EXPECT_THAT(out, HasSubstr("performance_objectives.csv row 2: value_text:"));
  EXPECT_THAT(out, HasSubstr("performance_objectives.csv row 4: value_text:"));
  EXPECT_THAT(out, HasSubstr("catalog: 0 problem(s)"));
  EXPECT_THAT(out, HasSubstr("records: 2 problem(s)"));

  // Without --dry_run the same folder is refused before anything is sent.
  EXPECT_EQ(Import({folder}, "127.0.0.1:1", &out), 1) << out;

  // The shipped folder has no problem.
  EXPECT_EQ(Import({kShipped, "--dry_run"}, "127.0.0.1:1", &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("records: 0 problem(s)"));

  // Nothing was stored by any of these.
  auto catalog = catalog_->Stub();
  EXPECT_EQ(CatalogVersions(*catalog), 0);
  EXPECT_EQ(CountAuditEvents(*catalog), 0);
  auto capture = capture_->Stub();
  EXPECT_EQ(CountAuditEvents(*capture), 0);
}

TEST_F(ImportTest, RunAgainAfterAServiceWasKilledCompletesStoringNothingTwice) {
  absl::StatusOr<import::DataFolder> data = import::ReadDataFolder(kShipped);
  ASSERT_TRUE(data.ok()) << data.status();

  // The aggregation service dies before the import reaches it: the
  // catalog and the measurements are stored, the outcomes are not.
  absl::StatusOr<ServerProcess> aggregation = StartAggregation();
  ASSERT_TRUE(aggregation.ok()) << aggregation.status();
  const std::string dead = aggregation->address();
  aggregation->Kill();
  std::string out;
  EXPECT_NE(Import({kShipped}, dead, &out), 0) << out;
  // Counted from the answers, which hold the batches' counts, not the
  // records echoed.
  const std::string written = absl::StrCat(
      "capture: ", data->measurements.size(), " measurements written");
  EXPECT_THAT(out, HasSubstr(written));
  auto catalog = catalog_->Stub();
  auto capture = capture_->Stub();
  EXPECT_EQ(CatalogVersions(*catalog), 1);
  EXPECT_EQ(CountAuditEvents(*capture),
            static_cast<int>(data->measurements.size()));

  // Restarted on its data; the same command again completes the import.
  aggregation = StartAggregation();
  ASSERT_TRUE(aggregation.ok()) << aggregation.status();
  EXPECT_EQ(Import({kShipped}, aggregation->address(), &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("validated outcomes stored"));
  // The batches are retries now, answered with the same counts.
  EXPECT_THAT(out, HasSubstr(written));
  // And once more, now that everything is there.
  EXPECT_EQ(Import({kShipped}, aggregation->address(), &out), 0) << out;

  // One catalog version, one revision of every value, each validated
  // outcome and each period's figures once.
  EXPECT_EQ(CatalogVersions(*catalog), 1);
  EXPECT_EQ(CountAuditEvents(*catalog), 1);
  EXPECT_EQ(CountAuditEvents(*capture),
            static_cast<int>(data->measurements.size()));
  auto stub =
      v1::AggregationService::NewStub(MakeChannel(aggregation->address()));
  EXPECT_EQ(CountAuditEvents(*stub),
            static_cast<int>(data->validated_outcomes.size() +
                             data->published.size()));

  // The same report as a single import into fresh services gives.
  Suite clean;
  ImportAll(*data, clean);
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  v1::Report rerun, once;
  grpc::Status status = stub->GetReport(Deadline().get(), get, &rerun);
  ASSERT_TRUE(status.ok()) << status.error_message();
  status = clean.aggregation().Stub()->GetReport(Deadline().get(), get, &once);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(rerun.lines_size(), 0);
  for (auto* report : {&rerun, &once}) report->clear_catalog_version();
  EXPECT_EQ(rerun.SerializeAsString(), once.SerializeAsString());
}

}  // namespace
}  // namespace valore::testing
