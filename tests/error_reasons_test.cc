// Every error carries a google.rpc.ErrorInfo with a reason of
// valore.v1.ErrorReason, and bad fields a google.rpc.BadRequest: what a
// client written from the protos alone finds in the status details.
#include <string>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/harness.h"
#include "valore/v1/errors.pb.h"

namespace valore::testing {
namespace {

using ::testing::Contains;
using ::testing::EndsWith;
using ::testing::HasSubstr;

// The details as a client reads them from the grpc-status-details-bin
// trailer.
struct Details {
  google::rpc::ErrorInfo info;
  std::vector<std::string> bad_fields;
};

Details DetailsOf(const grpc::Status& status) {
  Details out;
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()))
      << status.error_message();
  EXPECT_EQ(details.code(), static_cast<int>(status.error_code()));
  EXPECT_EQ(details.message(), status.error_message());
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&out.info)) continue;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        out.bad_fields.push_back(v.field());
      }
    }
  }
  EXPECT_EQ(out.info.domain(), "valore.v1") << status.error_message();
  v1::ErrorReason listed;
  EXPECT_TRUE(v1::ErrorReason_Parse(out.info.reason(), &listed))
      << "reason not listed in errors.proto: " << out.info.reason();
  return out;
}

class ErrorReasonsTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }

  grpc::Status Write(const std::string& entity, const std::string& item,
                     const std::string& period, const v1::Value& value) {
    v1::WriteMeasurementRequest request;
    v1::Measurement* m = request.mutable_measurement();
    m->set_entity(entity);
    m->set_item(item);
    m->set_period(period);
    *m->mutable_value() = value;
    v1::Measurement out;
    return suite_.capture().Stub()->WriteMeasurement(Deadline().get(), request,
                                                     &out);
  }

  static v1::Value Number(double n) {
    v1::Value v;
    v.mutable_number()->set_value(n);
    return v;
  }

  Suite suite_;
};

TEST_F(ErrorReasonsTest, WhatIsMissingIsNamedInTheMetadata) {
  grpc::Status s = Write("milano", "00002", "2024S1", Number(1));
  ASSERT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "ENTITY_NOT_FOUND");
  EXPECT_EQ(d.info.metadata().at("entity"), "milano");

  s = Write("carpi", "99999", "2024S1", Number(1));
  d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "ITEM_NOT_FOUND");
  EXPECT_EQ(d.info.metadata().at("item"), "99999");

  v1::GetSnapshotRequest get;
  get.set_name("snapshots/2031S1/versions/latest");
  v1::Snapshot snapshot;
  s = suite_.aggregation().Stub()->GetSnapshot(Deadline().get(), get,
                                               &snapshot);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(s).info.reason(), "SNAPSHOT_NOT_FOUND");
}

TEST_F(ErrorReasonsTest, BadFieldsAreViolationsWithTheirPath) {
  grpc::Status s = Write("carpi", "00002", "2024S3", Number(1));
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "INVALID_PERIOD");
  ASSERT_EQ(d.bad_fields.size(), 1u);
  EXPECT_THAT(d.bad_fields[0], EndsWith("period"));

  // 00009's 2023 target has three conditions: one number does not fit.
  s = Write("carpi", "00009", "2023S2", Number(700));
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "VALUE_DOES_NOT_FIT_TARGET");
  ASSERT_FALSE(d.bad_fields.empty());
  EXPECT_THAT(d.bad_fields[0], HasSubstr("value"));

  // A batch names every bad record.
  v1::BatchWriteMeasurementsRequest batch;
  for (const char* period : {"2024S1", "2024S9", "2024S1", "20X4S1"}) {
    v1::Measurement* m = batch.add_measurements();
    m->set_entity("carpi");
    m->set_item("00002");
    m->set_period(period);
    *m->mutable_value() = Number(90);
  }
  v1::BatchWriteMeasurementsResponse out;
  s = suite_.capture().Stub()->BatchWriteMeasurements(Deadline().get(), batch,
                                                      &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "INVALID_PERIOD");
  EXPECT_THAT(d.bad_fields, Contains(HasSubstr("measurements[1]")));
  EXPECT_THAT(d.bad_fields, Contains(HasSubstr("measurements[3]")));
}

TEST_F(ErrorReasonsTest, ALockedPeriodSaysSo) {
  v1::LockPeriodRequest lock;
  lock.set_period("2024S1");
  lock.set_reason("chiusura semestre");
  v1::PeriodLock locked;
  ASSERT_TRUE(suite_.capture()
                  .Stub()
                  ->LockPeriod(Deadline().get(), lock, &locked)
                  .ok());
  const grpc::Status s = Write("carpi", "00002", "2024S1", Number(90));
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "PERIOD_LOCKED");
  EXPECT_EQ(d.info.metadata().at("period"), "2024S1");
}

TEST_F(ErrorReasonsTest, AnOverrideWithoutJustificationSaysSo) {
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  v1::Report report;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->GetReport(Deadline().get(), get, &report)
                  .ok());
  std::string achieved;
  for (const auto& i : report.indicators()) {
    if (i.computed() == v1::OUTCOME_ACHIEVED && i.validated() == 0) {
      achieved = i.code();
      break;
    }
  }
  ASSERT_FALSE(achieved.empty());
  v1::SetValidatedOutcomeRequest request;
  v1::ValidatedOutcome* v = request.mutable_validated_outcome();
  v->set_item_type(v1::ITEM_TYPE_INDICATOR);
  v->set_item(achieved);
  v->set_period("2023S2");
  v->set_scope("scopes/union");
  v->set_outcome(v1::OUTCOME_NOT_ACHIEVED);
  request.set_author("controllo");
  v1::ValidatedOutcome out;
  const grpc::Status s = suite_.aggregation().Stub()->SetValidatedOutcome(
      Deadline().get(), request, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "JUSTIFICATION_REQUIRED");
  EXPECT_THAT(d.bad_fields, Contains(HasSubstr("justification")));
}

TEST_F(ErrorReasonsTest, AnImportWithProblemsListsThemAsViolations) {
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = ReadShippedData().catalog;
  *request.mutable_catalog()->add_indicators() =
      request.catalog().indicators(0);
  v1::ImportCatalogResponse out;
  const grpc::Status s =
      suite_.catalog().Stub()->ImportCatalog(Deadline().get(), request, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "CATALOG_INVALID");
  ASSERT_FALSE(d.bad_fields.empty());
  EXPECT_THAT(d.bad_fields[0], ::testing::StartsWith("catalog.indicators["));
}

TEST_F(ErrorReasonsTest, ADependencyThatIsDownIsNamed) {
  suite_.capture().Stop();
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  v1::Report report;
  const grpc::Status s =
      suite_.aggregation().Stub()->GetReport(Deadline().get(), get, &report);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  const Details d = DetailsOf(s);
  EXPECT_EQ(d.info.reason(), "DEPENDENCY_UNAVAILABLE");
  EXPECT_THAT(d.info.metadata().at("dependency"), HasSubstr("capture"));
}

TEST_F(ErrorReasonsTest, APublishedPercentageIsANumberFrom0To100) {
  v1::ImportPublishedFiguresRequest request;
  request.set_period("2024S1");
  v1::PublishedFigure* f = request.add_figures();
  f->set_table(v1::FIGURE_TABLE_OUTCOMES);
  f->set_outcome_row(v1::OUTCOME_TABLE_ROW_ALL_ACTIONS);
  f->set_outcome_column(v1::OUTCOME_ACHIEVED);
  f->set_count(52);
  f->set_percent(4771);  // "47,71%" read as a whole number
  v1::ImportPublishedFiguresResponse out;
  grpc::Status s = suite_.aggregation().Stub()->ImportPublishedFigures(
      Deadline().get(), request, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(s).bad_fields,
              ::testing::ElementsAre("figures[0].percent"));
  f->set_percent(47.71);
  s = suite_.aggregation().Stub()->ImportPublishedFigures(Deadline().get(),
                                                          request, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.figures(), 1);
}

// A figure names its cell with the fields its table needs; one without them
// is refused, naming the field, and nothing of the batch is stored.
TEST_F(ErrorReasonsTest, APublishedFigureNamesItsCell) {
  v1::ImportPublishedFiguresRequest request;
  request.set_period("2023S2");
  v1::PublishedFigure* complete = request.add_figures();
  complete->set_table(v1::FIGURE_TABLE_ENTITY_FIGURES);
  complete->set_indicator("00002");
  complete->set_count(3);
  v1::PublishedFigure* partial = request.add_figures();
  partial->set_table(v1::FIGURE_TABLE_DIMENSIONS);
  partial->set_dimension(v1::WELLBEING_DIMENSION_SOCIAL);
  partial->set_count(31);
  v1::ImportPublishedFiguresResponse out;
  grpc::Status s = suite_.aggregation().Stub()->ImportPublishedFigures(
      Deadline().get(), request, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(s).info.reason(), "FIELD_REQUIRED");
  EXPECT_THAT(DetailsOf(s).bad_fields,
              ::testing::ElementsAre("figures[1].dimension_column"));
  partial->clear_table();
  s = suite_.aggregation().Stub()->ImportPublishedFigures(Deadline().get(),
                                                          request, &out);
  EXPECT_THAT(DetailsOf(s).bad_fields,
              ::testing::ElementsAre("figures[1].table"));

  // The shipped figures of the period are still those of the import.
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  v1::Report report;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->GetReport(Deadline().get(), get, &report)
                  .ok());
  EXPECT_GT(report.published_size(), 2);
}

}  // namespace
}  // namespace valore::testing
