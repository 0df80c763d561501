// The year-end forecast through the real services: a 2024S1 report of the
// shipped data forecasts the year and lists the lines at risk, keeps them in
// its snapshot and in the basic view; and the back-test over a generated
// multi-year national data set.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bench/dataset.h"
#include "cli/forecast_backtest.h"
#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

const v1::IndicatorForecast* ForecastOf(const v1::Report& report,
                                        const std::string& code) {
  for (const v1::IndicatorForecast& f : report.forecasts()) {
    if (f.code() == code) return &f;
  }
  return nullptr;
}

const v1::LineForecast* LineOf(const v1::Report& report,
                               const std::string& code) {
  for (const v1::LineForecast& f : report.line_forecasts()) {
    if (f.code() == code) return &f;
  }
  return nullptr;
}

class ForecastE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    import::DataFolder data = ReadShippedData();
    // The shipped catalog has 2023's targets; 2024 gets two of them.
    for (v1::Indicator& ind : *data.catalog.mutable_indicators()) {
      const char* text = ind.code() == "00040"   ? "2.250"
                         : ind.code() == "00002" ? "> 85%"
                                                 : nullptr;
      if (text == nullptr) continue;
      absl::StatusOr<v1::Target> target = ParseTarget(text);
      ASSERT_TRUE(target.ok()) << target.status();
      v1::YearlyTarget* y = ind.add_targets();
      y->set_year(2024);
      *y->mutable_target() = *target;
    }
    ImportAll(data, suite_);
  }

  void Write(const std::string& item, const std::string& period, double value,
             v1::Unit unit = v1::UNIT_COUNT) {
    v1::WriteMeasurementRequest request;
    v1::Measurement* m = request.mutable_measurement();
    m->set_entity("unione");
    m->set_item(item);
    m->set_period(period);
    m->mutable_value()->mutable_number()->set_value(value);
    m->mutable_value()->mutable_number()->set_unit(unit);
    request.set_author("m.rossi");
    v1::Measurement out;
    grpc::Status s = suite_.capture().Stub()->WriteMeasurement(Deadline().get(),
                                                               request, &out);
    ASSERT_TRUE(s.ok()) << item << " " << period << ": " << s.error_message();
  }

  v1::Report Report(const std::string& period,
                    v1::ReportView view = v1::REPORT_VIEW_FULL) {
    v1::GetReportRequest request;
    request.set_period(period);
    request.set_scope("scopes/union");
    request.set_view(view);
    v1::Report report;
    grpc::Status s = suite_.aggregation().Stub()->GetReport(Deadline(30).get(),
                                                            request, &report);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return report;
  }

  Suite suite_;
};

TEST_F(ForecastE2eTest, AFirstHalfForecastsTheYearAndListsTheLinesAtRisk) {
  Write("00040", "2024S1", 700);
  Write("00002", "2024S1", 80.5, v1::UNIT_PERCENT);
  const v1::Report report = Report("2024S1");
  ASSERT_EQ(report.forecasts_size(), report.indicators_size());
  const v1::IndicatorForecast* f = ForecastOf(report, "00040");
  ASSERT_NE(f, nullptr);
  // No past year has both semesters: doubled, 1.400 of 2.250.
  EXPECT_EQ(f->method(), v1::FORECAST_METHOD_FLOW_DOUBLE);
  EXPECT_DOUBLE_EQ(f->projected_value().number().value(), 1400);
  EXPECT_EQ(f->projected_outcome(), v1::OUTCOME_NOT_ACHIEVED);
  const v1::IndicatorForecast* level = ForecastOf(report, "00002");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->method(), v1::FORECAST_METHOD_LEVEL_CARRY);
  EXPECT_EQ(level->projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
  // Without a 2024 value or target, nothing to project.
  const v1::IndicatorForecast* none = ForecastOf(report, "00039");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->method(), v1::FORECAST_METHOD_NOT_PROJECTED);
  EXPECT_FALSE(none->reason().empty());

  ASSERT_EQ(report.line_forecasts_size(), report.lines_size());
  const v1::LineForecast* line = LineOf(report, "02.02.03");
  ASSERT_NE(line, nullptr);
  EXPECT_TRUE(line->at_risk());
  EXPECT_EQ(line->projected_outcome(), v1::OUTCOME_NOT_ACHIEVED);

  // The basic view keeps the lines at risk, not the indicators.
  const v1::Report basic = Report("2024S1", v1::REPORT_VIEW_BASIC);
  EXPECT_EQ(basic.forecasts_size(), 0);
  EXPECT_EQ(basic.line_forecasts_size(), report.line_forecasts_size());

  // The year's close has no forecast.
  EXPECT_EQ(Report("2023S2").forecasts_size(), 0);
}

TEST_F(ForecastE2eTest, TheOverviewListsEachScopesLinesAtRisk) {
  Write("00040", "2024S1", 700);
  Write("00002", "2024S1", 80.5, v1::UNIT_PERCENT);
  auto summaries = [&](const std::string& period) {
    v1::StreamEntitySummariesRequest request;
    request.set_period(period);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    auto reader =
        suite_.aggregation().Stub()->StreamEntitySummaries(&context, request);
    std::map<std::string, v1::EntitySummary> by_scope;
    v1::StreamEntitySummariesResponse chunk;
    while (reader->Read(&chunk)) {
      for (const v1::EntitySummary& s : chunk.summaries()) {
        by_scope[s.scope()] = s;
      }
    }
    const grpc::Status status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return by_scope;
  };
  // Each scope's lines at risk are those its own report lists.
  const auto first_half = summaries("2024S1");
  ASSERT_FALSE(first_half.empty());
  for (const auto& [scope, summary] : first_half) {
    v1::GetReportRequest request;
    request.set_period("2024S1");
    request.set_scope(scope);
    v1::Report report;
    const grpc::Status s = suite_.aggregation().Stub()->GetReport(
        Deadline(30).get(), request, &report);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) {
      // A comune with no 2024S1 value has no report: nothing at risk.
      EXPECT_EQ(summary.lines_at_risk_size(), 0) << scope;
      continue;
    }
    ASSERT_TRUE(s.ok()) << scope << ": " << s.error_message();
    std::vector<std::string> at_risk;
    for (const v1::LineForecast& line : report.line_forecasts()) {
      if (line.at_risk()) at_risk.push_back(line.code());
    }
    EXPECT_EQ(std::vector<std::string>(summary.lines_at_risk().begin(),
                                       summary.lines_at_risk().end()),
              at_risk)
        << scope;
  }
  EXPECT_THAT(first_half.at("scopes/union").lines_at_risk(),
              ::testing::Contains("02.02.03"));
  EXPECT_THAT(first_half.at("entities/unione").lines_at_risk(),
              ::testing::Contains("02.02.03"));
  // The year's close has no forecast.
  for (const auto& [scope, summary] : summaries("2023S2")) {
    EXPECT_EQ(summary.lines_at_risk_size(), 0) << scope;
  }
}

TEST_F(ForecastE2eTest, PastYearsGiveAFlowItsShareAndTheCacheFollowsThem) {
  Write("00040", "2024S1", 700);
  // Asked twice: the second answer comes from the cache.
  EXPECT_EQ(ForecastOf(Report("2024S1"), "00040")->method(),
            v1::FORECAST_METHOD_FLOW_DOUBLE);
  EXPECT_EQ(ForecastOf(Report("2024S1"), "00040")->method(),
            v1::FORECAST_METHOD_FLOW_DOUBLE);
  // Two earlier years, read only for the forecast, whose first half held
  // 40% of the year.
  Write("00040", "2021S1", 720);
  Write("00040", "2021S2", 1800);
  Write("00040", "2022S1", 800);
  Write("00040", "2022S2", 2000);
  const v1::Report report = Report("2024S1");
  const v1::IndicatorForecast* f = ForecastOf(report, "00040");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->method(), v1::FORECAST_METHOD_FLOW_SHARE);
  EXPECT_EQ(f->history_years(), 2);
  EXPECT_NEAR(f->projected_value().number().value(), 1750, 1e-6);
  EXPECT_EQ(f->projected_outcome(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_THAT(f->explanation(), HasSubstr("media di 2 anni"));
}

TEST_F(ForecastE2eTest, TheSnapshotKeepsTheForecast) {
  Write("00040", "2024S1", 700);
  v1::TakeSnapshotRequest request;
  request.set_period("2024S1");
  request.set_author("snapshot-job");
  v1::Snapshot snapshot;
  grpc::Status s = suite_.aggregation().Stub()->TakeSnapshot(
      Deadline(30).get(), request, &snapshot);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const v1::LineForecast* line = LineOf(snapshot.report(), "02.02.03");
  ASSERT_NE(line, nullptr);
  EXPECT_TRUE(line->at_risk());
  ASSERT_NE(ForecastOf(snapshot.report(), "00040"), nullptr);
}

// A few comuni of the national data set, ten semesters 2019S1..2023S2.
TEST(ForecastBacktestTest, ComparesEachYearsForecastWithItsClose) {
  Suite suite;
  bench::NationalShape shape;
  shape.entities = 3;
  shape.indicators = 24;
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = bench::NationalCatalog(shape);
  v1::ImportCatalogResponse imported;
  grpc::Status s = suite.catalog().Stub()->ImportCatalog(Deadline(30).get(),
                                                         import, &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::BatchWriteMeasurementsRequest batch;
  batch.set_author("bench");
  for (int64_t k = 0; k < shape.records(); ++k) {
    bench::NationalRecordAt(shape, k, batch.add_measurements());
  }
  v1::BatchWriteMeasurementsResponse written;
  s = suite.capture().Stub()->BatchWriteMeasurements(Deadline(30).get(), batch,
                                                     &written);
  ASSERT_TRUE(s.ok()) << s.error_message();

  auto stub = suite.aggregation().Stub();
  absl::StatusOr<cli::BacktestResult> result = cli::RunBacktest(
      *stub, [] { return Deadline(30); }, 2018, 2023, "scopes/union");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->years, (std::vector<int>{2019, 2020, 2021, 2022, 2023}));
  EXPECT_EQ(result->skipped_years, std::vector<int>{2018});
  // 2019 and 2020 have too few past years: their flows are doubled; later
  // years take the share where the history allows it. Levels are carried.
  EXPECT_GT(result->methods[v1::FORECAST_METHOD_FLOW_DOUBLE].compared, 0);
  EXPECT_GT(result->methods[v1::FORECAST_METHOD_LEVEL_CARRY].compared, 0);
  int compared = 0, matched = 0;
  for (const auto& [method, tally] : result->methods) {
    EXPECT_NE(method, v1::FORECAST_METHOD_NOT_PROJECTED);
    EXPECT_LE(tally.matched, tally.compared);
    compared += tally.compared;
    matched += tally.matched;
  }
  EXPECT_EQ(result->indicators.compared, compared);
  EXPECT_EQ(result->indicators.matched, matched);
  // Every indicator has a value and a target each semester.
  EXPECT_EQ(compared, 5 * shape.indicators);
  EXPECT_GT(result->lines.compared, 0);
  const std::string text = cli::RenderBacktest(*result);
  EXPECT_THAT(text,
              HasSubstr("Anni confrontati: 2019, 2020, 2021, 2022, 2023"));
  EXPECT_THAT(text, HasSubstr("primo semestre raddoppiato: "));
  EXPECT_THAT(text, HasSubstr("ultimo valore: "));
}

TEST(ForecastBacktestTest, YearsMustBeARangeForwards) {
  EXPECT_EQ(*cli::ParseYearRange("2019-2023"), std::make_pair(2019, 2023));
  EXPECT_EQ(*cli::ParseYearRange("2023"), std::make_pair(2023, 2023));
  for (const char* bad : {"2023-2019", "2019..2023", "", "abc", "1800-1900"}) {
    absl::StatusOr<std::pair<int, int>> r = cli::ParseYearRange(bad);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("--years")) << bad;
  }
  EXPECT_THAT(cli::ParseYearRange("2023-2019").status().message(),
              HasSubstr("\"2023-2019\""));
}

}  // namespace
}  // namespace valore::testing
