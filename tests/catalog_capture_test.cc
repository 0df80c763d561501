// The catalog and capture services end to end: the shipped data imported and
// read back, restarts, idempotent retries, period locks.
#include <set>
#include <thread>

#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

class CatalogCaptureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_->address());
    capture_->Start();
  }

  void Restart() {
    capture_->Stop();
    catalog_->Stop();
    const std::string catalog_address = catalog_->address();
    catalog_->Start(
        catalog_address);  // same port: capture's address stays valid
    capture_->Start();
  }

  v1::Measurement ValueOf(const std::string& entity, const std::string& item,
                          const std::string& period) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period(period);
    request.add_entities(entity);
    request.add_items(item);
    v1::BatchGetMeasurementsResponse response;
    grpc::Status status = capture_->Stub()->BatchGetMeasurements(
        Deadline().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.measurements_size(), 1);
    return response.measurements_size() > 0 ? response.measurements(0)
                                            : v1::Measurement();
  }

  grpc::Status Write(const std::string& entity, const std::string& item,
                     const std::string& period, double number,
                     const std::string& request_id, v1::Measurement* out) {
    v1::WriteMeasurementRequest request;
    request.mutable_measurement()->set_entity(entity);
    request.mutable_measurement()->set_item(item);
    request.mutable_measurement()->set_period(period);
    request.mutable_measurement()->mutable_value()->mutable_number()->set_value(
        number);
    request.set_request_id(request_id);
    request.set_author("ufficio-controllo");
    return capture_->Stub()->WriteMeasurement(Deadline().get(), request, out);
  }

  int RevisionCount(const std::string& entity, const std::string& item,
                    const std::string& period) {
    return static_cast<int>(
        AllRevisions(*capture_->Stub(), entity, item, period).size());
  }

  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
};

// Counts computed here from the data folder, independently of the services.
struct Expected {
  size_t lines = 0, dup_indicators = 0, objectives = 0, measurements = 0;
};

Expected Count(const import::DataFolder& data) {
  Expected e;
  e.lines = data.catalog.lines_size();
  for (const v1::Indicator& i : data.catalog.indicators()) {
    if (!i.line_code().empty()) ++e.dup_indicators;
  }
  e.objectives = data.catalog.executive_objectives_size();
  e.measurements = data.measurements.size();
  return e;
}

TEST_F(CatalogCaptureTest, ImportsTheShippedDataAndReadsItBack) {
  const import::DataFolder data = ReadShippedData();
  const Expected expected = Count(data);
  // The seed's detail tables: 38 lines, 118 DUP indicators, 66 objectives.
  EXPECT_EQ(expected.lines, 38u);
  EXPECT_EQ(expected.dup_indicators, 118u);
  EXPECT_EQ(expected.objectives, 66u);
  ImportThroughServices(data, *catalog_->Stub(), *capture_->Stub());

  v1::ExportCatalogResponse exported;
  ASSERT_TRUE(catalog_->Stub()
                  ->ExportCatalog(Deadline().get(), v1::ExportCatalogRequest(),
                                  &exported)
                  .ok());
  EXPECT_EQ(exported.catalog().entities_size(), 5);
  EXPECT_EQ(static_cast<size_t>(exported.catalog().lines_size()),
            expected.lines);
  EXPECT_EQ(static_cast<size_t>(exported.catalog().executive_objectives_size()),
            expected.objectives);
  EXPECT_EQ(exported.catalog().version(), 1);

  // 00040: "2.250" target, "1.614" actual, held by the Union entity.
  v1::GetIndicatorRequest get;
  get.set_name("indicators/00040");
  v1::Indicator indicator;
  ASSERT_TRUE(
      catalog_->Stub()->GetIndicator(Deadline().get(), get, &indicator).ok());
  EXPECT_EQ(indicator.line_code(), "02.02.03");
  ASSERT_EQ(indicator.targets_size(), 1);
  EXPECT_EQ(indicator.targets(0).year(), 2023);
  EXPECT_EQ(indicator.targets(0).target().text(), "2.250");
  const v1::Measurement m = ValueOf("unione", "00040", "2023S2");
  EXPECT_DOUBLE_EQ(m.value().number().value(), 1614);
  EXPECT_EQ(m.value().display(), "1.614");
  EXPECT_EQ(m.author(), "test");

  // Per-entity figures: Carpi's SPID identities.
  EXPECT_DOUBLE_EQ(
      ValueOf("carpi", "identita_spid_rilasciate_sportelli", "2023S2")
          .value()
          .number()
          .value(),
      3922);

  // Every measurement of the folder is stored once.
  std::set<std::string> periods;
  for (const v1::Measurement& x : data.measurements) periods.insert(x.period());
  size_t stored = 0;
  for (const std::string& period : periods) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period(period);
    v1::BatchGetMeasurementsResponse response;
    ASSERT_TRUE(capture_->Stub()
                    ->BatchGetMeasurements(Deadline().get(), request, &response)
                    .ok());
    stored += response.measurements_size();
  }
  EXPECT_EQ(stored, expected.measurements);
}

TEST_F(CatalogCaptureTest, ListsFilterAndPaginate) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  auto stub = catalog_->Stub();

  v1::ListIndicatorsRequest by_line;
  by_line.set_line_code("01.01.01");
  v1::ListIndicatorsResponse line_page;
  ASSERT_TRUE(stub->ListIndicators(Deadline().get(), by_line, &line_page).ok());
  std::set<std::string> codes;
  for (const auto& i : line_page.indicators()) codes.insert(i.code());
  EXPECT_EQ(codes, (std::set<std::string>{"00002", "00003", "00004", "00093"}));

  v1::ListExecutiveObjectivesRequest by_sector;
  by_sector.set_sector("S1");
  v1::ListExecutiveObjectivesResponse sector_page;
  ASSERT_TRUE(
      stub->ListExecutiveObjectives(Deadline().get(), by_sector, &sector_page)
          .ok());
  double s1_weight = 0;
  for (const auto& o : sector_page.executive_objectives()) {
    for (const auto& w : o.weights()) {
      if (w.sector() == "S1") s1_weight += w.percent();
    }
  }
  // S1 is the Settore Affari generali: its objectives plus SG.00001's 15%.
  EXPECT_DOUBLE_EQ(s1_weight, 100);

  v1::ListProgrammeLinesRequest by_dimension;
  by_dimension.set_dimension(v1::WELLBEING_DIMENSION_SOCIAL_SAFETY);
  v1::ListProgrammeLinesResponse dimension_page;
  ASSERT_TRUE(
      stub->ListProgrammeLines(Deadline().get(), by_dimension, &dimension_page)
          .ok());
  EXPECT_EQ(dimension_page.lines_size(),
            5);  // sociale (sicurezza), per NOTES.md

  // Paging through all indicators, 10 at a time, sees each exactly once.
  v1::ListIndicatorsRequest paged;
  paged.set_page_size(10);
  std::set<std::string> seen;
  int pages = 0;
  do {
    v1::ListIndicatorsResponse page;
    ASSERT_TRUE(stub->ListIndicators(Deadline().get(), paged, &page).ok());
    for (const auto& i : page.indicators())
      EXPECT_TRUE(seen.insert(i.code()).second);
    paged.set_page_token(page.next_page_token());
    ++pages;
  } while (!paged.page_token().empty());
  v1::ExportCatalogResponse all;
  ASSERT_TRUE(stub->ExportCatalog(Deadline().get(), {}, &all).ok());
  EXPECT_EQ(seen.size(), static_cast<size_t>(all.catalog().indicators_size()));
  EXPECT_EQ(pages, (all.catalog().indicators_size() + 9) / 10);
}

TEST_F(CatalogCaptureTest, EverythingSurvivesARestart) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  v1::Measurement first;
  ASSERT_TRUE(Write("carpi", "00002", "2024S1", 81.5, "", &first).ok());
  Restart();
  EXPECT_DOUBLE_EQ(
      ValueOf("unione", "00040", "2023S2").value().number().value(), 1614);
  EXPECT_DOUBLE_EQ(ValueOf("carpi", "00002", "2024S1").value().number().value(),
                   81.5);
  v1::GetProgrammeLineRequest get;
  get.set_name("lines/02.02.04");
  v1::ProgrammeLine line;
  ASSERT_TRUE(
      catalog_->Stub()->GetProgrammeLine(Deadline().get(), get, &line).ok());
  EXPECT_EQ(line.title(), "Innovare le forme di sostegno");
  // Revisions keep increasing across the restart.
  v1::Measurement second;
  ASSERT_TRUE(Write("carpi", "00002", "2024S1", 82, "", &second).ok());
  EXPECT_GT(second.revision(), first.revision());
  EXPECT_EQ(RevisionCount("carpi", "00002", "2024S1"), 2);
}

TEST_F(CatalogCaptureTest, RetryWithTheSameRequestIdStoresOnce) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  v1::Measurement a, b;
  ASSERT_TRUE(Write("soliera", "00002", "2024S1", 90, "req-1", &a).ok());
  ASSERT_TRUE(Write("soliera", "00002", "2024S1", 90, "req-1", &b).ok());
  EXPECT_EQ(a.revision(), b.revision());
  EXPECT_EQ(RevisionCount("soliera", "00002", "2024S1"), 1);
  // Even across a restart.
  Restart();
  v1::Measurement c;
  ASSERT_TRUE(Write("soliera", "00002", "2024S1", 90, "req-1", &c).ok());
  EXPECT_EQ(c.revision(), a.revision());
  EXPECT_EQ(RevisionCount("soliera", "00002", "2024S1"), 1);
  // The same id for a different request is refused, and stores nothing.
  v1::Measurement d;
  grpc::Status reused = Write("soliera", "00002", "2024S1", 91, "req-1", &d);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(reused.error_message().find("req-1"), std::string::npos);
  EXPECT_EQ(RevisionCount("soliera", "00002", "2024S1"), 1);
}

TEST_F(CatalogCaptureTest, LockedPeriodRefusesWritesUntilUnlocked) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  auto stub = capture_->Stub();
  v1::LockPeriodRequest lock;
  lock.set_period("2023S2");
  lock.set_reason("chiusura del semestre");
  lock.set_author("job");
  v1::PeriodLock locked;
  ASSERT_TRUE(stub->LockPeriod(Deadline().get(), lock, &locked).ok());
  EXPECT_TRUE(locked.locked());

  v1::Measurement out;
  grpc::Status refused = Write("unione", "00040", "2023S2", 2300, "", &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("2023S2"), std::string::npos);
  EXPECT_EQ(RevisionCount("unione", "00040", "2023S2"), 1);
  // A batch touching the locked period is refused whole.
  v1::BatchWriteMeasurementsRequest batch;
  for (const char* period : {"2024S1", "2023S2"}) {
    v1::Measurement* m = batch.add_measurements();
    m->set_entity("carpi");
    m->set_item("00002");
    m->set_period(period);
    m->mutable_value()->mutable_number()->set_value(1);
  }
  v1::BatchWriteMeasurementsResponse batch_out;
  EXPECT_EQ(stub->BatchWriteMeasurements(Deadline().get(), batch, &batch_out)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(RevisionCount("carpi", "00002", "2024S1"), 0);

  // The lock survives a restart.
  Restart();
  stub = capture_->Stub();
  EXPECT_EQ(Write("unione", "00040", "2023S2", 2300, "", &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::UnlockPeriodRequest unlock;
  unlock.set_period("2023S2");
  v1::PeriodLock unlocked;
  EXPECT_EQ(
      stub->UnlockPeriod(Deadline().get(), unlock, &unlocked).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);  // a reason is required
  unlock.set_reason("rettifica del dato 00040");
  ASSERT_TRUE(stub->UnlockPeriod(Deadline().get(), unlock, &unlocked).ok());
  EXPECT_FALSE(unlocked.locked());
  ASSERT_TRUE(Write("unione", "00040", "2023S2", 2300, "", &out).ok());
  EXPECT_EQ(RevisionCount("unione", "00040", "2023S2"), 2);
}

TEST_F(CatalogCaptureTest, AsOfReadsSeeThePast) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  v1::Measurement first, second;
  ASSERT_TRUE(Write("carpi", "00002", "2024S1", 70, "", &first).ok());
  ASSERT_TRUE(Write("carpi", "00002", "2024S1", 75, "", &second).ok());
  v1::ReadSeriesRequest request;
  request.set_parent("entities/carpi/items/00002");
  *request.mutable_as_of() = first.create_time();
  v1::ReadSeriesResponse response;
  ASSERT_TRUE(
      capture_->Stub()->ReadSeries(Deadline().get(), request, &response).ok());
  ASSERT_EQ(response.measurements_size(), 1);
  // At the first write's time the first value is the newest one, unless both
  // landed in the same microsecond.
  if (first.create_time().nanos() != second.create_time().nanos() ||
      first.create_time().seconds() != second.create_time().seconds()) {
    EXPECT_DOUBLE_EQ(response.measurements(0).value().number().value(), 70);
  }
  request.clear_as_of();
  ASSERT_TRUE(
      capture_->Stub()->ReadSeries(Deadline().get(), request, &response).ok());
  EXPECT_DOUBLE_EQ(response.measurements(0).value().number().value(), 75);
}

TEST_F(CatalogCaptureTest, ConcurrentWritersOnOneCellLoseNoRevision) {
  ImportThroughServices(ReadShippedData(), *catalog_->Stub(),
                        *capture_->Stub());
  constexpr int kThreads = 8;
  constexpr int kWrites = 25;
  std::vector<std::thread> writers;
  std::vector<std::vector<int64_t>> revisions(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        v1::Measurement out;
        grpc::Status s =
            Write("novi-di-modena", "00002", "2024S1", t * 100 + i, "", &out);
        ASSERT_TRUE(s.ok()) << s.error_message();
        revisions[t].push_back(out.revision());
      }
    });
  }
  for (std::thread& w : writers) w.join();
  std::set<int64_t> unique;
  for (const auto& r : revisions) unique.insert(r.begin(), r.end());
  EXPECT_EQ(unique.size(), static_cast<size_t>(kThreads * kWrites));
  EXPECT_EQ(RevisionCount("novi-di-modena", "00002", "2024S1"),
            kThreads * kWrites);
  // Asked without a page size, the first page of 100 and where the rest
  // begins.
  v1::ListMeasurementRevisionsRequest first;
  first.set_name("entities/novi-di-modena/items/00002/periods/2024S1");
  v1::ListMeasurementRevisionsResponse page;
  ASSERT_TRUE(capture_->Stub()
                  ->ListMeasurementRevisions(Deadline().get(), first, &page)
                  .ok());
  EXPECT_EQ(page.revisions_size(), 100);
  EXPECT_FALSE(page.next_page_token().empty());
}

TEST_F(CatalogCaptureTest, CaptureNamesTheCatalogWhenItIsDown) {
  catalog_->Stop();
  v1::Measurement out;
  grpc::Status status = Write("carpi", "00002", "2024S1", 1, "", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("catalog service"), std::string::npos);
}

}  // namespace
}  // namespace valore::testing
