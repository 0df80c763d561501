// Bad input gets a clear status naming what is wrong, and stores nothing.
#include <grpcpp/generic/generic_stub.h>

#include <cmath>
#include <future>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_->address());
    capture_->Start();
    data_ = ReadShippedData();
    ImportThroughServices(data_, *catalog_->Stub(), *capture_->Stub());
  }

  static v1::Measurement Number(const std::string& entity,
                                const std::string& item,
                                const std::string& period, double value) {
    v1::Measurement m;
    m.set_entity(entity);
    m.set_item(item);
    m.set_period(period);
    m.mutable_value()->mutable_number()->set_value(value);
    return m;
  }

  grpc::Status Write(const v1::Measurement& m) {
    v1::WriteMeasurementRequest request;
    *request.mutable_measurement() = m;
    v1::Measurement out;
    return capture_->Stub()->WriteMeasurement(Deadline().get(), request, &out);
  }

  // Everything the capture service holds for 2024S1.
  int StoredIn(const std::string& period) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period(period);
    v1::BatchGetMeasurementsResponse response;
    EXPECT_TRUE(capture_->Stub()
                    ->BatchGetMeasurements(Deadline().get(), request, &response)
                    .ok());
    return response.measurements_size();
  }

  int64_t CatalogVersion() {
    v1::ExportCatalogResponse response;
    EXPECT_TRUE(
        catalog_->Stub()->ExportCatalog(Deadline().get(), {}, &response).ok());
    return response.catalog().version();
  }

  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  import::DataFolder data_;
};

// Values shaped for another indicator are refused when written, naming the
// field, the value and what was expected, and nothing of the request is
// stored (2023 targets: 00009 has three conditions, 00002 is "> 85%").
TEST_F(BadInputTest, AValueThatDoesNotFitItsIndicatorIsRefused) {
  const int stored = StoredIn("2023S2");
  auto composite = [](std::vector<std::pair<double, v1::Unit>> parts) {
    v1::Value v;
    for (const auto& [value, unit] : parts) {
      v1::Quantity* q = v.mutable_composite()->add_parts();
      q->set_value(value);
      q->set_unit(unit);
    }
    return v;
  };
  auto with = [](v1::Measurement m, v1::Value v) {
    *m.mutable_value() = std::move(v);
    return m;
  };
  const v1::Measurement carpi00009 = Number("carpi", "00009", "2023S2", 1);
  const v1::Measurement carpi00002 = Number("carpi", "00002", "2023S2", 90);
  struct Case {
    v1::Measurement m;
    std::string says;
  };
  std::vector<Case> cases = {
      {with(carpi00009, composite({{3800, v1::UNIT_UNSPECIFIED},
                                   {280, v1::UNIT_UNSPECIFIED},
                                   {480, v1::UNIT_UNSPECIFIED},
                                   {1, v1::UNIT_UNSPECIFIED}})),
       "measurement.value.composite.parts: 4 parts"},
      {with(carpi00009, composite({{3800, v1::UNIT_UNSPECIFIED},
                                   {280, v1::UNIT_UNSPECIFIED}})),
       "2 parts"},
      {carpi00009, "3 conditions"},
      {with(carpi00002,
            composite({{90, v1::UNIT_PERCENT}, {1, v1::UNIT_UNSPECIFIED}})),
       "2 parts"},
      {with(carpi00002, composite({{90, v1::UNIT_EURO}})), "a percentage"},
      {with(carpi00002, composite({{90, static_cast<v1::Unit>(99)}})),
       "unit: 99"},
      {Number("carpi", "00002", "2023S2", 1e308), "1e+308"},
  };
  for (const Case& c : cases) {
    grpc::Status s = Write(c.m);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.m.DebugString();
    EXPECT_THAT(s.error_message(), HasSubstr(c.says));
  }
  // In a batch the record is named by its index, and no record is stored.
  v1::BatchWriteMeasurementsRequest batch;
  *batch.add_measurements() = carpi00002;
  *batch.add_measurements() = cases[0].m;
  v1::BatchWriteMeasurementsResponse out;
  grpc::Status s =
      capture_->Stub()->BatchWriteMeasurements(Deadline().get(), batch, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("measurements[1].value.composite"));
  EXPECT_EQ(StoredIn("2023S2"), stored);
  // What fits is stored.
  EXPECT_TRUE(Write(carpi00002).ok());
  EXPECT_TRUE(Write(with(carpi00009, composite({{3800, v1::UNIT_UNSPECIFIED},
                                                {280, v1::UNIT_UNSPECIFIED},
                                                {480, v1::UNIT_UNSPECIFIED}})))
                  .ok());
}

// A re-imported target applies to the next write, single or bulk (which
// checks its records against one table of rules per period), not after a
// restart.
TEST_F(BadInputTest, ANewTargetAppliesToTheNextWrite) {
  const v1::Measurement one_number = Number("carpi", "00002", "2023S2", 90);
  ASSERT_TRUE(Write(one_number).ok());
  v1::BatchWriteMeasurementsRequest bulk;
  *bulk.add_measurements() = one_number;
  *bulk.add_measurements() = Number("soliera", "00002", "2023S2", 91);
  v1::BatchWriteMeasurementsResponse written;
  ASSERT_TRUE(capture_->Stub()
                  ->BatchWriteMeasurements(Deadline().get(), bulk, &written)
                  .ok());
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = data_.catalog;
  for (v1::Indicator& i : *import.mutable_catalog()->mutable_indicators()) {
    if (i.code() != "00002") continue;
    for (v1::YearlyTarget& y : *i.mutable_targets()) {
      if (y.year() != 2023) continue;
      absl::StatusOr<v1::Target> two = ParseTarget("≥ 80%; ≥ 10 domande");
      ASSERT_TRUE(two.ok()) << two.status();
      ASSERT_EQ(two->threshold().components_size(), 2);
      *y.mutable_target() = *two;
    }
  }
  v1::ImportCatalogResponse imported;
  ASSERT_TRUE(catalog_->Stub()
                  ->ImportCatalog(Deadline().get(), import, &imported)
                  .ok());
  grpc::Status s = Write(one_number);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("2 conditions"));
  s = capture_->Stub()->BatchWriteMeasurements(Deadline().get(), bulk,
                                               &written);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("measurements[0].value.number"));
  EXPECT_THAT(s.error_message(), HasSubstr("2 conditions"));
}

// An item added to the catalog is accepted by the next bulk write, beside
// items of the table of rules that write began with.
TEST_F(BadInputTest, AnItemAddedToTheCatalogIsAcceptedInTheNextBulkWrite) {
  v1::BatchWriteMeasurementsRequest bulk;
  *bulk.add_measurements() = Number("carpi", "00002", "2023S2", 90);
  *bulk.add_measurements() = Number("carpi", "09999", "2023S2", 90);
  v1::BatchWriteMeasurementsResponse written;
  grpc::Status s = capture_->Stub()->BatchWriteMeasurements(Deadline().get(),
                                                            bulk, &written);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("measurements[1].item"));
  EXPECT_THAT(s.error_message(), HasSubstr("\"09999\""));

  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = data_.catalog;
  for (const v1::Indicator& i : data_.catalog.indicators()) {
    if (i.code() != "00002") continue;
    v1::Indicator* added = import.mutable_catalog()->add_indicators();
    *added = i;
    added->set_code("09999");
  }
  v1::ImportCatalogResponse imported;
  ASSERT_TRUE(catalog_->Stub()
                  ->ImportCatalog(Deadline().get(), import, &imported)
                  .ok());
  s = capture_->Stub()->BatchWriteMeasurements(Deadline().get(), bulk,
                                               &written);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(written.record_count(), 2);
}

TEST_F(BadInputTest, UnknownEntityOrItemIsNotFoundNamingIt) {
  grpc::Status s = Write(Number("milano", "00002", "2024S1", 1));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("\"milano\""));
  s = Write(Number("carpi", "99999", "2024S1", 1));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("\"99999\""));

  v1::ReadSeriesRequest read;
  read.set_parent("entities/carpi/items/nessuno");
  v1::ReadSeriesResponse out;
  s = capture_->Stub()->ReadSeries(Deadline().get(), read, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("\"nessuno\""));

  v1::GetIndicatorRequest get;
  get.set_name("indicators/77777");
  v1::Indicator indicator;
  s = catalog_->Stub()->GetIndicator(Deadline().get(), get, &indicator);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("77777"));
  EXPECT_EQ(StoredIn("2024S1"), 0);
}

TEST_F(BadInputTest, MalformedPeriodIsInvalidNamingFieldAndValue) {
  for (const char* period : {"2023S3", "23S1", "", "2023s1", "2023-S1"}) {
    grpc::Status s = Write(Number("carpi", "00002", period, 1));
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << period;
    EXPECT_THAT(s.error_message(), HasSubstr("period")) << period;
    EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("\"", period, "\"")));
  }
  v1::BatchGetMeasurementsRequest request;
  request.set_period("2023S3");
  v1::BatchGetMeasurementsResponse out;
  grpc::Status s =
      capture_->Stub()->BatchGetMeasurements(Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("\"2023S3\""));
}

TEST_F(BadInputTest, NanInfinityAndOverlongTextAreRefused) {
  for (double bad : {std::nan(""), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
    grpc::Status s = Write(Number("carpi", "00002", "2024S1", bad));
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("value.number.value"));
  }
  v1::Measurement text = Number("carpi", "00002", "2024S1", 0);
  text.mutable_value()->set_text(std::string(5000, 'x'));
  grpc::Status s = Write(text);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("value.text"));
  EXPECT_THAT(s.error_message(), HasSubstr("4096"));

  v1::Measurement note = Number("carpi", "00002", "2024S1", 1);
  note.set_note(std::string(4097, 'n'));
  EXPECT_EQ(Write(note).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::Measurement empty = Number("carpi", "00002", "2024S1", 1);
  empty.clear_value();
  s = Write(empty);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("value"));
  EXPECT_EQ(StoredIn("2024S1"), 0);
}

TEST_F(BadInputTest, OneBadRecordRejectsTheWholeBatchNamingIt) {
  v1::BatchWriteMeasurementsRequest batch;
  *batch.add_measurements() = Number("carpi", "00002", "2024S1", 80);
  *batch.add_measurements() = Number("carpi", "00002", "2024S3", 81);
  *batch.add_measurements() = Number("soliera", "00002", "2024S1", 82);
  v1::BatchWriteMeasurementsResponse out;
  grpc::Status s =
      capture_->Stub()->BatchWriteMeasurements(Deadline().get(), batch, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("measurements[1].period"));
  EXPECT_THAT(s.error_message(), HasSubstr("\"2024S3\""));
  EXPECT_EQ(StoredIn("2024S1"), 0);
}

// A bulk write is read from its bytes by the service itself: bytes that are
// not a BatchWriteMeasurementsRequest are refused, naming the request, and
// the service goes on serving.
TEST_F(BadInputTest, BytesThatAreNotABatchAreRefused) {
  grpc::GenericStub stub(MakeChannel(capture_->address()));
  // Field 1 (measurements) claims 100 bytes and brings 3.
  const std::string torn("\x0a\x64\x0a\x01\x41", 5);
  grpc::Slice slice(torn);
  const grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  auto context = Deadline();  // outlives the call
  stub.UnaryCall(context.get(),
                 "/valore.v1.CaptureService/BatchWriteMeasurements",
                 grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  const grpc::Status s = done.get_future().get();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("request"));
  EXPECT_THAT(s.error_message(), HasSubstr("BatchWriteMeasurementsRequest"));
  EXPECT_EQ(StoredIn("2024S1"), 0);

  v1::BatchWriteMeasurementsRequest batch;
  *batch.add_measurements() = Number("carpi", "00002", "2024S1", 80);
  v1::BatchWriteMeasurementsResponse out;
  const grpc::Status written =
      capture_->Stub()->BatchWriteMeasurements(Deadline().get(), batch, &out);
  ASSERT_TRUE(written.ok()) << written.error_message();
  EXPECT_EQ(StoredIn("2024S1"), 1);
}

TEST_F(BadInputTest, DuplicateCodesInAnImportListTheRowsAndStoreNothing) {
  const int64_t before = CatalogVersion();
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = data_.catalog;
  // A second 00002, as a spreadsheet row copied twice would give.
  v1::Indicator copy = data_.catalog.indicators(0);
  copy.mutable_source()->set_row(200);
  *request.mutable_catalog()->add_indicators() = copy;
  v1::ImportCatalogResponse out;
  grpc::Status s =
      catalog_->Stub()->ImportCatalog(Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("duplicate"));
  EXPECT_THAT(s.error_message(), HasSubstr("\"00002\""));
  EXPECT_THAT(s.error_message(), HasSubstr("row 200"));
  EXPECT_THAT(s.error_message(), HasSubstr("row 1"));
  EXPECT_EQ(CatalogVersion(), before);

  // A dry run returns the same problem, with its row, and stores nothing.
  request.set_validate_only(true);
  s = catalog_->Stub()->ImportCatalog(Deadline().get(), request, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.problems_size(), 1);
  EXPECT_EQ(out.problems(0).source().row(), 200);
  EXPECT_EQ(CatalogVersion(), before);
}

TEST_F(BadInputTest, ImportReferencesMustResolve) {
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = data_.catalog;
  request.mutable_catalog()->mutable_indicators(3)->set_line_code("09.09.09");
  request.mutable_catalog()
      ->mutable_executive_objectives(0)
      ->mutable_weights(0)
      ->set_sector("S99");
  request.set_validate_only(true);
  v1::ImportCatalogResponse out;
  ASSERT_TRUE(
      catalog_->Stub()->ImportCatalog(Deadline().get(), request, &out).ok());
  ASSERT_EQ(out.problems_size(), 2);
  EXPECT_THAT(out.problems(0).message(), HasSubstr("09.09.09"));
  EXPECT_THAT(out.problems(1).message(), HasSubstr("S99"));
}

TEST_F(BadInputTest, BadPageTokensAndSizes) {
  v1::ListIndicatorsRequest request;
  request.set_page_token("not-a-token");
  v1::ListIndicatorsResponse out;
  grpc::Status s =
      catalog_->Stub()->ListIndicators(Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
  request.clear_page_token();
  request.set_page_size(-1);
  EXPECT_EQ(catalog_->Stub()
                ->ListIndicators(Deadline().get(), request, &out)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(BadInputTest, LimitsAreNamedInTheMessage) {
  v1::BatchWriteMeasurementsRequest batch;
  for (int i = 0; i < 10001; ++i) {
    *batch.add_measurements() = Number("carpi", "00002", "2024S1", i);
  }
  v1::BatchWriteMeasurementsResponse out;
  grpc::Status s =
      capture_->Stub()->BatchWriteMeasurements(Deadline().get(), batch, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("10000"));
  EXPECT_EQ(StoredIn("2024S1"), 0);

  v1::ListIndicatorsRequest list;
  list.set_page_size(5000);
  v1::ListIndicatorsResponse page;
  s = catalog_->Stub()->ListIndicators(Deadline().get(), list, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("1000"));

  // A message over the 64 MiB limit is refused by the transport.
  v1::WriteMeasurementRequest huge;
  *huge.mutable_measurement() = Number("carpi", "00002", "2024S1", 1);
  huge.mutable_measurement()->set_note(std::string(65 << 20, 'x'));
  v1::Measurement written;
  s = capture_->Stub()->WriteMeasurement(Deadline(30).get(), huge, &written);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(), HasSubstr("67108864"));
  EXPECT_EQ(StoredIn("2024S1"), 0);
}

TEST_F(BadInputTest, BadRequestIdsAndLockReasons) {
  v1::WriteMeasurementRequest request;
  *request.mutable_measurement() = Number("carpi", "00002", "2024S1", 1);
  request.set_request_id("has spaces");
  v1::Measurement out;
  grpc::Status s =
      capture_->Stub()->WriteMeasurement(Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("request_id"));

  v1::LockPeriodRequest lock;
  lock.set_period("2024S1");
  v1::PeriodLock locked;
  s = capture_->Stub()->LockPeriod(Deadline().get(), lock, &locked);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("reason"));
  v1::ListPeriodLocksResponse locks;
  ASSERT_TRUE(
      capture_->Stub()->ListPeriodLocks(Deadline().get(), {}, &locks).ok());
  EXPECT_EQ(locks.locks_size(), 0);
  EXPECT_EQ(StoredIn("2024S1"), 0);
}

}  // namespace
}  // namespace valore::testing
