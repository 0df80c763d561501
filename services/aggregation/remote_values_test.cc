// RemoteSources reading more values than one gRPC message may carry
// (kMaxMessageBytes), as the Union-wide report of a national catalog does:
// real catalog and capture services on loopback, RocksDB in temp folders.
#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/scopes.h"
#include "gtest/gtest.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/metrics.h"
#include "services/common/server_runner.h"
#include "tests/harness.h"

namespace valore::aggregation {
namespace {

using ::valore::testing::AggregationServer;
using ::valore::testing::CaptureServer;
using ::valore::testing::CatalogServer;
using ::valore::testing::Deadline;
using ::valore::testing::TempDir;

// As many indicators per entity as the bench's national data set.
constexpr int kIndicators = 150;
// Enough entities that one period's values, each with a note of the most,
// pass the message limit (checked below), read in several calls of
// kEntitiesPerValuesCall, the last one short.
constexpr int kEntities = 2 * internal::kEntitiesPerValuesCall + 7;
constexpr char kPeriod[] = "2023S2";
// A note of the most a value may have, so that few values fill a message.
const std::string& LongNote() {
  static const std::string* note = new std::string(4096, 'n');
  return *note;
}

std::string EntityId(int e) { return absl::StrFormat("comune-%04d", e + 1); }
std::string IndicatorCode(int i) { return absl::StrFormat("%05d", 10001 + i); }

// One programme line with kIndicators counts (each "≥ 10" in 2023) over
// kEntities municipalities.
v1::Catalog WideCatalog() {
  v1::Catalog c;
  for (int e = 0; e < kEntities; ++e) {
    v1::Entity* entity = c.add_entities();
    entity->set_id(EntityId(e));
    entity->set_display_name(absl::StrCat("Comune n. ", e + 1));
    entity->set_kind(v1::Entity::KIND_MUNICIPALITY);
  }
  v1::StrategicDirection* dir = c.add_directions();
  dir->set_code("01");
  dir->set_title("Indirizzo strategico 1");
  v1::StrategicObjective* so = c.add_strategic_objectives();
  so->set_direction_code("01");
  so->set_code("01");
  so->set_title("Obiettivo strategico 1.1");
  v1::ProgrammeLine* line = c.add_lines();
  line->set_direction_code("01");
  line->set_strategic_objective_code("01");
  line->set_operational_objective_code("01");
  line->set_code("01.01.01");
  line->set_title("Linea di programmazione 01.01.01");
  line->set_dimension(v1::WELLBEING_DIMENSION_SOCIAL);
  line->add_managers("Dirigente 1");
  for (int i = 0; i < kIndicators; ++i) {
    v1::Indicator* ind = c.add_indicators();
    ind->set_code(IndicatorCode(i));
    ind->set_line_code(line->code());
    ind->set_dimension(v1::WELLBEING_DIMENSION_SOCIAL);
    ind->set_manager("Dirigente 1");
    ind->set_title(absl::StrCat("N. di utenti serviti (", ind->code(), ")"));
    ind->set_unit(v1::UNIT_COUNT);
    ind->set_kind(v1::INDICATOR_KIND_FLOW);
    ind->set_rollup(v1::ROLLUP_SUM);
    v1::YearlyTarget* yt = ind->add_targets();
    yt->set_year(2023);
    v1::TargetComponent* comp =
        yt->mutable_target()->mutable_threshold()->add_components();
    comp->set_comparator(v1::COMPARATOR_AT_LEAST);
    comp->mutable_threshold()->set_value(10);
    comp->mutable_threshold()->set_unit(v1::UNIT_COUNT);
    yt->mutable_target()->set_text("≥ 10");
  }
  return c;
}

double ValueOf(int e, int i) { return 1 + (e * 7 + i * 13) % 40; }

void SetValue(int e, int i, double value, v1::Measurement* m) {
  m->set_entity(EntityId(e));
  m->set_item(IndicatorCode(i));
  m->set_period(kPeriod);
  m->mutable_value()->mutable_number()->set_value(value);
  m->mutable_value()->mutable_number()->set_unit(v1::UNIT_COUNT);
  m->mutable_value()->set_display(absl::StrCat(value));
  m->set_note(LongNote());
}

// valore_dependency_errors_total{dependency="capture"} in `metrics`.
double CaptureErrors(Metrics& metrics) {
  std::istringstream text(metrics.Scrape());
  const std::string prefix =
      "valore_dependency_errors_total{dependency=\"capture\"} ";
  for (std::string line; std::getline(text, line);) {
    if (line.rfind(prefix, 0) == 0)
      return std::stod(line.substr(prefix.size()));
  }
  return -1;
}

class RemoteValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_->address());
    capture_->Start();

    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = WideCatalog();
    v1::ImportCatalogResponse imported;
    grpc::Status s =
        catalog_->Stub()->ImportCatalog(Deadline(60).get(), import, &imported);
    ASSERT_TRUE(s.ok()) << s.error_message();
    // Batches of 10 entities: 1,500 values, about 6 MB.
    for (int first = 0; first < kEntities; first += 10) {
      v1::BatchWriteMeasurementsRequest batch;
      for (int e = first; e < std::min(kEntities, first + 10); ++e) {
        for (int i = 0; i < kIndicators; ++i) {
          SetValue(e, i, ValueOf(e, i), batch.add_measurements());
        }
      }
      v1::BatchWriteMeasurementsResponse written;
      s = capture_->Stub()->BatchWriteMeasurements(Deadline(60).get(), batch,
                                                   &written);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    for (int e = 0; e < kEntities; ++e) entities_.push_back(EntityId(e));
    sources_ = std::make_unique<RemoteSources>(
        catalog_->address(), capture_->address(), nullptr,
        std::map<std::string, std::string>{},
        DependencyErrors{metrics_.dependency_errors(Metrics::kCatalog),
                         metrics_.dependency_errors(Metrics::kCapture)});
  }

  // RevalidateAsync, waited for.
  bool Unchanged(const std::string& catalog_etag,
                 const std::vector<CaptureEtags>& versions) {
    absl::Notification told;
    bool unchanged = false;
    sources_->RevalidateAsync(catalog_etag, {*Period::Parse(kPeriod)}, 0,
                              entities_, versions,
                              absl::Now() + absl::Seconds(60), [&](bool same) {
                                unchanged = same;
                                told.Notify();
                              });
    told.WaitForNotification();
    return unchanged;
  }

  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  std::vector<std::string> entities_;
  Metrics metrics_{"valore-aggregation"};
  std::unique_ptr<RemoteSources> sources_;
};

TEST_F(RemoteValuesTest, ValuesPastOneMessageComeBackWholeAndVersioned) {
  // The premise: one answer with every entity would pass the limit.
  v1::BatchGetMeasurementsRequest one;
  one.set_period(kPeriod);
  one.add_entities(EntityId(0));
  v1::BatchGetMeasurementsResponse answer;
  grpc::Status s =
      capture_->Stub()->BatchGetMeasurements(Deadline().get(), one, &answer);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const size_t per_entity = answer.ByteSizeLong();
  ASSERT_GT(per_entity * kEntities, static_cast<size_t>(kMaxMessageBytes))
      << per_entity << " bytes per entity";
  EXPECT_LT(per_entity * internal::kEntitiesPerValuesCall,
            static_cast<size_t>(kMaxMessageBytes))
      << per_entity << " bytes per entity";

  absl::StatusOr<std::vector<FetchedValues>> fetched = sources_->PeriodsValues(
      {*Period::Parse(kPeriod)}, 0, entities_, absl::Now() + absl::Seconds(60));
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  ASSERT_EQ(fetched->size(), 1u);
  const FetchedValues& f = fetched->front();
  EXPECT_TRUE(f.unavailable.empty())
      << f.unavailable.begin()->first << ": " << f.unavailable.begin()->second;
  ASSERT_EQ(f.values.size(), static_cast<size_t>(kEntities));
  for (int e = 0; e < kEntities; ++e) {
    auto values = f.values.find(EntityId(e));
    ASSERT_NE(values, f.values.end()) << EntityId(e);
    ASSERT_EQ(values->second.size(), static_cast<size_t>(kIndicators))
        << EntityId(e);
    EXPECT_EQ(
        values->second.at(IndicatorCode(kIndicators - 1)).number().value(),
        ValueOf(e, kIndicators - 1))
        << EntityId(e);
  }
  // Versioned by the one etag every call answered: the report is kept.
  ASSERT_EQ(f.version.size(), 1u);
  EXPECT_EQ(f.version.begin()->first, capture_->address());
  EXPECT_EQ(f.version.begin()->second, answer.etag());
  EXPECT_EQ(CaptureErrors(metrics_), 0);
}

TEST_F(RemoteValuesTest, RevalidationNeverPullsTheWholeDataSet) {
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> catalog =
      sources_->Catalog(*Period::Parse(kPeriod), 0,
                        absl::Now() + absl::Seconds(60));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  absl::StatusOr<std::vector<FetchedValues>> fetched = sources_->PeriodsValues(
      {*Period::Parse(kPeriod)}, 0, entities_, absl::Now() + absl::Seconds(60));
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  const std::vector<CaptureEtags> versions = {fetched->front().version};
  ASSERT_FALSE(versions[0].empty());

  EXPECT_TRUE(Unchanged((*catalog)->etag(), versions));

  // A write to the last entity, which the revalidation does not name: the
  // etag is the whole service's, so it still tells the change.
  v1::BatchWriteMeasurementsRequest write;
  SetValue(kEntities - 1, 0, 39, write.add_measurements());
  v1::BatchWriteMeasurementsResponse written;
  grpc::Status s = capture_->Stub()->BatchWriteMeasurements(Deadline().get(),
                                                            write, &written);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(Unchanged((*catalog)->etag(), versions));
  // Told by an answer, not by a call that failed past the message limit.
  EXPECT_EQ(CaptureErrors(metrics_), 0);
}

TEST_F(RemoteValuesTest, UnionReportOfManyEntities) {
  AggregationServer aggregation(dir_.Sub("aggregation"), catalog_->address(),
                                capture_->address());
  aggregation.Start();
  v1::GetReportRequest request;
  request.set_period(kPeriod);
  request.set_scope(ScopeOf(""));
  v1::Report report;
  grpc::Status s =
      aggregation.Stub()->GetReport(Deadline(120).get(), request, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(report.missing_entities().empty());
  ASSERT_EQ(report.indicators_size(), kIndicators);
  // Every entity's value counted in the Union-wide sum.
  double sum = 0;
  for (int e = 0; e < kEntities; ++e) sum += ValueOf(e, 0);
  EXPECT_EQ(report.indicators(0).code(), IndicatorCode(0));
  EXPECT_EQ(report.indicators(0).value().number().value(), sum);
}

}  // namespace
}  // namespace valore::aggregation
