// Errors stay short whatever was sent: an echoed input is cut to a prefix
// with its length, a status message stays under 2 KiB, and a catalog over
// the documented limits is refused before it is validated or copied.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/catalog/catalog_limits.h"
#include "services/common/grpc_status.h"
#include "tests/harness.h"
#include "valore/v1/admin.grpc.pb.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kLong(10240, 'x');

class BoundedErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }

  // The status of one call: refused for what it is, not for its size.
  static void ExpectShort(const grpc::Status& s, const std::string& what) {
    EXPECT_FALSE(s.ok()) << what;
    EXPECT_NE(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << what << ": " << s.error_message();
    EXPECT_LT(s.error_message().size(), kMaxStatusMessageBytes) << what;
    EXPECT_THAT(s.error_message(), Not(HasSubstr(std::string(100, 'x'))))
        << what;
    EXPECT_THAT(s.error_message(), HasSubstr(" bytes)")) << what;
  }

  Suite suite_;
};

TEST_F(BoundedErrorsTest, ALongNameIsEchoedAsAPrefixWithItsLength) {
  auto catalog = suite_.catalog().Stub();
  v1::GetEntityRequest entity;
  entity.set_name("entities/" + kLong);
  v1::Entity e;
  grpc::Status s = catalog->GetEntity(Deadline().get(), entity, &e);
  ExpectShort(s, "GetEntity");
  EXPECT_THAT(s.error_message(), HasSubstr("(10240 bytes)"));
  v1::GetIndicatorRequest indicator;
  indicator.set_name("indicators/" + kLong);
  v1::Indicator i;
  ExpectShort(catalog->GetIndicator(Deadline().get(), indicator, &i),
              "GetIndicator");
  v1::GetProgrammeLineRequest line;
  line.set_name(kLong);
  v1::ProgrammeLine l;
  ExpectShort(catalog->GetProgrammeLine(Deadline().get(), line, &l),
              "GetProgrammeLine");
  v1::GetExecutiveObjectiveRequest objective;
  objective.set_name("executiveObjectives/" + kLong);
  v1::ExecutiveObjective o;
  ExpectShort(catalog->GetExecutiveObjective(Deadline().get(), objective, &o),
              "GetExecutiveObjective");

  auto aggregation = suite_.aggregation().Stub();
  v1::GetReportRequest report;
  report.set_period("2023S2");
  report.set_scope(absl::StrCat("entities/", kLong));
  v1::Report r;
  s = aggregation->GetReport(Deadline().get(), report, &r);
  ExpectShort(s, "GetReport");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  v1::StreamEntitySummariesRequest summaries;
  summaries.set_period("2023S2");
  summaries.add_scopes(absl::StrCat("entities/", kLong));
  std::unique_ptr<grpc::ClientContext> context = Deadline();
  auto reader = aggregation->StreamEntitySummaries(context.get(), summaries);
  ReadStream(*reader, &s);
  ExpectShort(s, "StreamEntitySummaries");

  v1::SetValidatedOutcomeRequest validate;
  validate.mutable_validated_outcome()->set_item_type(v1::ITEM_TYPE_INDICATOR);
  validate.mutable_validated_outcome()->set_item(kLong);
  validate.mutable_validated_outcome()->set_period("2023S2");
  validate.mutable_validated_outcome()->set_scope("scopes/union");
  validate.mutable_validated_outcome()->set_outcome(v1::OUTCOME_ACHIEVED);
  validate.mutable_validated_outcome()->set_justification("verificato");
  v1::ValidatedOutcome validated;
  ExpectShort(
      aggregation->SetValidatedOutcome(Deadline().get(), validate, &validated),
      "SetValidatedOutcome");

  auto admin = v1::AdminService::NewStub(grpc::CreateChannel(
      suite_.capture().address(), grpc::InsecureChannelCredentials()));
  v1::CreateBackupRequest backup;
  backup.set_backup_dir("/" + kLong);
  v1::BackupInfo info;
  ExpectShort(admin->CreateBackup(Deadline().get(), backup, &info),
              "CreateBackup");

  v1::WriteMeasurementRequest write;
  write.mutable_measurement()->set_entity("carpi");
  write.mutable_measurement()->set_item("00002");
  write.mutable_measurement()->set_period(kLong);
  write.mutable_measurement()->mutable_value()->mutable_number()->set_value(1);
  v1::Measurement m;
  ExpectShort(
      suite_.capture().Stub()->WriteMeasurement(Deadline().get(), write, &m),
      "WriteMeasurement");
}

TEST_F(BoundedErrorsTest, ALongListOfProblemsSaysHowToGetThemAll) {
  auto catalog = suite_.catalog().Stub();
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = ReadShippedData().catalog;
  const v1::Indicator first = import.catalog().indicators(0);
  for (int i = 0; i < 5000; ++i) {
    *import.mutable_catalog()->add_indicators() = first;
  }
  v1::ImportCatalogResponse response;
  grpc::Status s = catalog->ImportCatalog(Deadline().get(), import, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(s.error_message().size(), kMaxStatusMessageBytes);
  EXPECT_THAT(s.error_message(), HasSubstr("5000 problem(s)"));
  EXPECT_THAT(s.error_message(), HasSubstr("validate_only"));
  // The dry run gives every problem in its answer.
  import.set_validate_only(true);
  s = catalog->ImportCatalog(Deadline().get(), import, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.problems_size(), 5000);
}

TEST_F(BoundedErrorsTest, ACatalogOverTheLimitsIsRefusedByName) {
  auto catalog = suite_.catalog().Stub();
  v1::ExportCatalogResponse before;
  ASSERT_TRUE(catalog->ExportCatalog(Deadline().get(), {}, &before).ok());
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = before.catalog();
  for (int i = import.catalog().indicators_size(); i <= catalog::kMaxIndicators;
       ++i) {
    v1::Indicator* indicator = import.mutable_catalog()->add_indicators();
    indicator->set_code(absl::StrCat(90000 + i));
    indicator->set_title("Indicatore di prova");
  }
  v1::ImportCatalogResponse response;
  grpc::Status s = catalog->ImportCatalog(Deadline().get(), import, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(), HasSubstr("catalog.indicators"));
  EXPECT_THAT(s.error_message(),
              HasSubstr(absl::StrCat("limit of ", catalog::kMaxIndicators)));
  v1::ExportCatalogResponse after;
  ASSERT_TRUE(catalog->ExportCatalog(Deadline().get(), {}, &after).ok());
  EXPECT_EQ(after.catalog().version(), before.catalog().version());
}

}  // namespace
}  // namespace valore::testing
