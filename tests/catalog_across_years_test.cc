// The catalog across years: an import states the first period it applies
// to, and every reading of a period uses the version in force for it as of
// the moment asked. Next cycle's plan (here: the shipped folder without
// direction 01, 31 programme lines instead of 38) leaves past reports as
// they were.
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "common/message_digest.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

// The shipped catalog without strategic direction 01 and what hangs from it.
v1::Catalog WithoutDirection01(const v1::Catalog& in) {
  v1::Catalog out = in;
  auto from01 = [](const std::string& code) {
    return absl::StartsWith(code, "01.") || code == "01";
  };
  out.clear_directions();
  for (const auto& d : in.directions()) {
    if (d.code() != "01") *out.add_directions() = d;
  }
  out.clear_strategic_objectives();
  for (const auto& o : in.strategic_objectives()) {
    if (o.direction_code() != "01") *out.add_strategic_objectives() = o;
  }
  out.clear_lines();
  for (const auto& l : in.lines()) {
    if (!from01(l.code())) *out.add_lines() = l;
  }
  out.clear_indicators();
  for (const auto& i : in.indicators()) {
    if (!from01(i.line_code())) *out.add_indicators() = i;
  }
  out.clear_executive_objectives();
  for (const auto& o : in.executive_objectives()) {
    if (!from01(o.line_code())) *out.add_executive_objectives() = o;
  }
  return out;
}

class CatalogAcrossYearsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = ReadShippedData();
    ImportAll(data_, suite_);
  }

  grpc::Status ImportCatalog(const v1::Catalog& catalog,
                             const std::string& effective_from,
                             v1::ImportCatalogResponse* out) {
    v1::ImportCatalogRequest request;
    *request.mutable_catalog() = catalog;
    request.set_effective_from(effective_from);
    request.set_author("ufficio-controllo");
    return suite_.catalog().Stub()->ImportCatalog(Deadline().get(), request,
                                                  out);
  }

  grpc::Status Write(const std::string& item, const std::string& period,
                     const std::string& text) {
    v1::WriteMeasurementRequest request;
    v1::Measurement* m = request.mutable_measurement();
    m->set_entity("unione");
    m->set_item(item);
    m->set_period(period);
    m->set_value_text(text);
    v1::Measurement out;
    return suite_.capture().Stub()->WriteMeasurement(Deadline().get(), request,
                                                     &out);
  }

  // The report's bytes, without the moment it was computed for.
  v1::Report Report(const std::string& period,
                    const google::protobuf::Timestamp* as_of = nullptr) {
    v1::GetReportRequest request;
    request.set_period(period);
    request.set_scope("scopes/union");
    if (as_of != nullptr) *request.mutable_as_of() = *as_of;
    v1::Report report;
    const grpc::Status s = suite_.aggregation().Stub()->GetReport(
        Deadline().get(), request, &report);
    EXPECT_TRUE(s.ok()) << period << ": " << s.error_message();
    report.clear_as_of();
    return report;
  }

  static std::string Bytes(const v1::Report& report) {
    return DeterministicBytes(report);
  }

  import::DataFolder data_;
  Suite suite_;
};

TEST_F(CatalogAcrossYearsTest, NextCyclesPlanLeavesPastReportsAsTheyWere) {
  ASSERT_TRUE(Write("00002", "2024S1", "90%").ok());
  const v1::Report report_2023 = Report("2023S2");
  const v1::Report report_2024 = Report("2024S1");
  ASSERT_EQ(report_2023.lines_size(), 38);

  const v1::Catalog next = WithoutDirection01(data_.catalog);
  ASSERT_EQ(next.lines_size(), 31);
  v1::ImportCatalogResponse imported;
  ASSERT_TRUE(ImportCatalog(next, "2025S1", &imported).ok());

  EXPECT_EQ(Bytes(Report("2023S2")), Bytes(report_2023));
  EXPECT_EQ(Bytes(Report("2024S1")), Bytes(report_2024));
  // 00028 is of direction 02: in both catalogs.
  ASSERT_TRUE(Write("00028", "2025S1", "12").ok());
  const v1::Report report_2025 = Report("2025S1");
  EXPECT_EQ(report_2025.lines_size(), 31);
  EXPECT_EQ(report_2025.catalog_version(), imported.version());

  // Writes are checked against the catalog of their period: 00002
  // (direction 01) is still an item of 2023S2, and no longer of 2025S1.
  EXPECT_TRUE(Write("00002", "2024S2", "91%").ok());
  const grpc::Status gone = Write("00002", "2025S1", "91%");
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(gone.error_message(), HasSubstr("00002"));

  // The same folder as a correction of every period, past ones included.
  const int64_t micros = absl::ToUnixMicros(absl::Now());
  google::protobuf::Timestamp before;
  before.set_seconds(micros / 1000000);
  before.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  ASSERT_TRUE(ImportCatalog(next, "", &imported).ok());
  EXPECT_EQ(Report("2023S2").lines_size(), 31);
  const v1::Report as_it_stood = Report("2023S2", &before);
  EXPECT_EQ(as_it_stood.lines_size(), 38);
  EXPECT_EQ(as_it_stood.catalog_version(), report_2023.catalog_version());
}

TEST_F(CatalogAcrossYearsTest, VersionsAreListedWithWhenWhoAndFromWhen) {
  v1::ImportCatalogResponse imported;
  ASSERT_TRUE(
      ImportCatalog(WithoutDirection01(data_.catalog), "2025S1", &imported)
          .ok());
  v1::ListCatalogVersionsResponse listed;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &listed)
                  .ok());
  ASSERT_EQ(listed.versions_size(), 2);
  EXPECT_EQ(listed.versions(0).effective_from(), "");
  EXPECT_EQ(listed.versions(1).version(), imported.version());
  EXPECT_EQ(listed.versions(1).effective_from(), "2025S1");
  EXPECT_EQ(listed.versions(1).author(), "ufficio-controllo");
  EXPECT_EQ(listed.versions(1).etag(), imported.etag());
  EXPECT_GT(listed.versions(1).create_time().seconds(), 0);

  // The catalog of a period, as a client reads it.
  v1::ExportCatalogRequest request;
  request.set_period("2024S2");
  v1::ExportCatalogResponse exported;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ExportCatalog(Deadline().get(), request, &exported)
                  .ok());
  EXPECT_EQ(exported.catalog().version(), listed.versions(0).version());
  EXPECT_EQ(exported.catalog().lines_size(), 38);

  // The versions survive a restart.
  suite_.Restart();
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &listed)
                  .ok());
  EXPECT_EQ(listed.versions_size(), 2);
  EXPECT_EQ(Report("2023S2").lines_size(), 38);
}

TEST_F(CatalogAcrossYearsTest, ABadEffectiveFromIsRefusedAndStoresNothing) {
  v1::ImportCatalogResponse imported;
  const grpc::Status s = ImportCatalog(data_.catalog, "2025S3", &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("effective_from"));
  EXPECT_THAT(s.error_message(), HasSubstr("\"2025S3\""));
  v1::ListCatalogVersionsResponse listed;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &listed)
                  .ok());
  EXPECT_EQ(listed.versions_size(), 1);
}

}  // namespace
}  // namespace valore::testing
