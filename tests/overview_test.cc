// Overviews of many entities: CaptureService.StreamPeriodValues gives the
// same values as BatchGetMeasurements, and
// AggregationService.StreamEntitySummaries gives, for every entity, the
// outcome table its own GetReport gives — validated outcomes included —
// with bad requests refused by name.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class OverviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = ReadShippedData();
    ImportAll(data_, suite_);
  }

  std::vector<v1::EntitySummary> Summaries(
      const std::string& period, const std::vector<std::string>& scopes,
      grpc::Status* status,
      const google::protobuf::Timestamp* as_of = nullptr) {
    v1::StreamEntitySummariesRequest request;
    request.set_period(period);
    for (const std::string& s : scopes) request.add_scopes(s);
    if (as_of != nullptr) *request.mutable_as_of() = *as_of;
    auto context = Deadline(30);
    auto stub = suite_.aggregation().Stub();
    auto reader = stub->StreamEntitySummaries(context.get(), request);
    std::vector<v1::EntitySummary> out;
    for (const auto& chunk : ReadStream(*reader, status)) {
      EXPECT_EQ(chunk.period(), period);
      for (const v1::EntitySummary& s : chunk.summaries()) out.push_back(s);
    }
    return out;
  }

  std::vector<v1::EntityPeriodValues> PeriodValues(
      const std::vector<std::string>& periods,
      const std::vector<std::string>& entities, grpc::Status* status) {
    v1::StreamPeriodValuesRequest request;
    for (const std::string& p : periods) request.add_periods(p);
    for (const std::string& e : entities) request.add_entities(e);
    auto context = Deadline(30);
    auto stub = suite_.capture().Stub();
    auto reader = stub->StreamPeriodValues(context.get(), request);
    std::vector<v1::EntityPeriodValues> out;
    for (const auto& chunk : ReadStream(*reader, status)) {
      for (const v1::EntityPeriodValues& v : chunk.values()) out.push_back(v);
    }
    return out;
  }

  // What the report of the summary's scope says, in the summary's terms: an
  // entity's own report, or the Union-wide one.
  void ExpectSummaryOfReport(const v1::EntitySummary& summary) {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope(summary.scope());
    EXPECT_EQ(summary.scope(), summary.entity().empty()
                                   ? "scopes/union"
                                   : "entities/" + summary.entity());
    v1::Report report;
    grpc::Status status = suite_.aggregation().Stub()->GetReport(
        Deadline().get(), request, &report);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      // No data at all: nothing measured, every line non valutabile.
      EXPECT_EQ(summary.indicators_measured(), 0) << summary.entity();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(report.scope(), summary.scope());
    ASSERT_EQ(summary.outcome_table_size(), report.outcome_table_size());
    for (int r = 0; r < report.outcome_table_size(); ++r) {
      EXPECT_EQ(summary.outcome_table(r).DebugString(),
                report.outcome_table(r).DebugString())
          << summary.entity() << " row " << r;
    }
    std::map<v1::Outcome, int> finals;
    int measured = 0;
    for (const v1::IndicatorResult& i : report.indicators()) {
      ++finals[i.final()];
      if (i.value().kind_case() != v1::Value::KIND_NOT_SET) ++measured;
    }
    EXPECT_EQ(summary.indicators(), report.indicators_size());
    EXPECT_EQ(summary.indicators_measured(), measured) << summary.entity();
    for (const v1::OutcomeCount& c : summary.indicator_outcomes()) {
      EXPECT_EQ(c.count(), finals[c.outcome()])
          << summary.entity() << " " << v1::Outcome_Name(c.outcome());
    }
  }

  import::DataFolder data_;
  Suite suite_;
};

TEST_F(OverviewTest, EverySummaryIsItsEntitysReport) {
  grpc::Status status;
  std::vector<v1::EntitySummary> summaries = Summaries("2023S2", {}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The Union-wide scope, then every entity of the catalog once, in catalog
  // order.
  ASSERT_EQ(summaries.size(), data_.catalog.entities_size() + 1);
  EXPECT_EQ(summaries[0].scope(), "scopes/union");
  int measured = 0;
  for (int e = 0; e < data_.catalog.entities_size(); ++e) {
    const v1::EntitySummary& summary = summaries[e + 1];
    EXPECT_EQ(summary.entity(), data_.catalog.entities(e).id());
    EXPECT_EQ(summary.display_name(), data_.catalog.entities(e).display_name());
    measured += summary.indicators_measured();
    ExpectSummaryOfReport(summary);
  }
  EXPECT_GT(measured, 0);
}

TEST_F(OverviewTest, ValidatedOutcomesOfAnEntityCountInItsSummary) {
  grpc::Status status;
  const std::vector<v1::EntitySummary> before =
      Summaries("2023S2", {"entities/unione"}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(before.size(), 1u);
  // Every line of the Union entity's own report validated as raggiunto.
  v1::BatchSetValidatedOutcomesRequest validate;
  for (const v1::ProgrammeLine& line : data_.catalog.lines()) {
    v1::ValidatedOutcome* v = validate.add_validated_outcomes();
    v->set_item_type(v1::ITEM_TYPE_PROGRAMME_LINE);
    v->set_item(line.code());
    v->set_period("2023S2");
    v->set_scope("entities/unione");
    v->set_outcome(v1::OUTCOME_ACHIEVED);
    v->set_justification("Verificato con il settore sul consuntivo");
  }
  validate.set_author("controller");
  v1::BatchSetValidatedOutcomesResponse stored;
  ASSERT_TRUE(
      suite_.aggregation()
          .Stub()
          ->BatchSetValidatedOutcomes(Deadline().get(), validate, &stored)
          .ok());
  const std::vector<v1::EntitySummary> after =
      Summaries("2023S2", {"entities/unione"}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(after.size(), 1u);
  const v1::OutcomeRow& lines = after[0].outcome_table(0);
  EXPECT_EQ(lines.counts(4).outcome(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(lines.counts(4).count(), data_.catalog.lines_size());
  EXPECT_NE(before[0].outcome_table(0).DebugString(), lines.DebugString());
  ExpectSummaryOfReport(after[0]);
}

TEST_F(OverviewTest, SummariesComeInTheOrderAskedAndAsOf) {
  grpc::Status status;
  std::vector<v1::EntitySummary> summaries = Summaries(
      "2023S2", {"entities/soliera", "entities/carpi", "entities/soliera"},
      &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> order;
  for (const v1::EntitySummary& s : summaries) order.push_back(s.entity());
  EXPECT_THAT(order, ElementsAre("soliera", "carpi"));

  // Before anything was written, nothing was measured.
  google::protobuf::Timestamp long_ago;
  long_ago.set_seconds(946684800);  // 2000-01-01
  summaries = Summaries("2023S2", {}, &status, &long_ago);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(summaries.empty());
  for (const v1::EntitySummary& s : summaries) {
    EXPECT_EQ(s.indicators_measured(), 0) << s.entity();
  }
}

TEST_F(OverviewTest, BadSummaryRequestsAreNamed) {
  grpc::Status status;
  Summaries("2023S3", {}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("period"));
  EXPECT_THAT(status.error_message(), HasSubstr("2023S3"));

  Summaries("2023S2", {"entities/carpi", "entities/atlantide"}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("scopes[1]"));
  EXPECT_THAT(status.error_message(), HasSubstr("atlantide"));

  Summaries("2023S2", {"carpi"}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("scopes[0]"));

  google::protobuf::Timestamp far;
  far.set_seconds(int64_t{1} << 60);
  Summaries("2023S2", {}, &status, &far);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("as_of"));
}

TEST_F(OverviewTest, StreamedValuesAreTheBatchGetValues) {
  grpc::Status status;
  const std::vector<std::string> periods = {"2023S2", "2023S1"};
  std::vector<v1::EntityPeriodValues> streamed =
      PeriodValues(periods, {}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Every entity with a value, in name order, each period once in order.
  ASSERT_FALSE(streamed.empty());
  ASSERT_EQ(streamed.size() % periods.size(), 0u);
  std::string last_entity;
  int values = 0;
  for (size_t k = 0; k < streamed.size(); ++k) {
    const v1::EntityPeriodValues& ev = streamed[k];
    EXPECT_EQ(ev.period(), periods[k % periods.size()]);
    if (k % periods.size() == 0) {
      EXPECT_LT(last_entity, ev.entity());
      last_entity = ev.entity();
    } else {
      EXPECT_EQ(ev.entity(), last_entity);
    }
    v1::BatchGetMeasurementsRequest get;
    get.set_period(ev.period());
    get.add_entities(ev.entity());
    v1::BatchGetMeasurementsResponse got;
    ASSERT_TRUE(suite_.capture()
                    .Stub()
                    ->BatchGetMeasurements(Deadline().get(), get, &got)
                    .ok());
    std::map<std::string, std::string> want, have;
    for (const v1::Measurement& m : got.measurements()) {
      want[m.item()] =
          m.value().SerializeAsString() + "@" + std::to_string(m.revision());
    }
    for (const v1::EntityPeriodValues::ItemValue& iv : ev.values()) {
      have[iv.item()] =
          iv.value().SerializeAsString() + "@" + std::to_string(iv.revision());
    }
    EXPECT_EQ(have, want) << ev.entity() << " " << ev.period();
    values += ev.values_size();
  }
  const auto in_periods = [&](const v1::Measurement& m) {
    return m.period() == periods[0] || m.period() == periods[1];
  };
  EXPECT_EQ(values, std::count_if(data_.measurements.begin(),
                                  data_.measurements.end(), in_periods));

  // Entities named: in that order, an entity without values comes empty.
  streamed = PeriodValues({"2019S1"}, {"soliera", "carpi"}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(streamed.size(), 2u);
  EXPECT_EQ(streamed[0].entity(), "soliera");
  EXPECT_EQ(streamed[1].entity(), "carpi");
  EXPECT_EQ(streamed[0].values_size(), 0);
}

TEST_F(OverviewTest, BadValueStreamRequestsAreNamed) {
  grpc::Status status;
  PeriodValues({}, {}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("periods"));

  // One past the bound, named with the count asked.
  const int too_many = capture::kMaxStreamPeriods + 1;
  PeriodValues(std::vector<std::string>(too_many, "2023S2"), {}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr(absl::StrCat("got ", too_many)));

  PeriodValues({"2023S2", "23S2"}, {}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("periods[1]"));
  EXPECT_THAT(status.error_message(), HasSubstr("23S2"));

  PeriodValues({"2023S2"}, {"carpi", "atlantide"}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("atlantide"));
  EXPECT_THAT(status.error_message(), HasSubstr("entities[1]"));
}

// The overview's first row, when asked, is the Union-wide scope: the report
// of the appendix, not the Union entity's own values, and named apart.
TEST_F(OverviewTest, TheUnionWideRowIsTheUnionWideReport) {
  grpc::Status status;
  std::vector<v1::EntitySummary> summaries = Summaries("2023S2", {}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(summaries.size(), data_.catalog.entities_size() + 1);
  const v1::EntitySummary& union_wide = summaries[0];
  EXPECT_EQ(union_wide.scope(), "scopes/union");
  EXPECT_TRUE(union_wide.entity().empty());
  EXPECT_EQ(union_wide.display_name(),
            "Unione delle Terre d'Argine e Comuni (complessivo)");
  ExpectSummaryOfReport(union_wide);
  // The appendix's DUP row: 38 lines, 19 Raggiunto (the shipped table).
  ASSERT_GT(union_wide.outcome_table_size(), 0);
  EXPECT_EQ(union_wide.outcome_table(0).total(), 38);
  EXPECT_EQ(union_wide.outcome_table(0).row(),
            v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  ASSERT_EQ(union_wide.outcome_table_size(), 3);
  EXPECT_EQ(union_wide.outcome_table(2).row(),
            v1::OUTCOME_TABLE_ROW_ALL_ACTIONS);

  const auto own = std::find_if(
      summaries.begin(), summaries.end(),
      [](const v1::EntitySummary& s) { return s.entity() == "unione"; });
  ASSERT_NE(own, summaries.end());
  EXPECT_EQ(own->scope(), "entities/unione");
  EXPECT_EQ(own->entity_kind(), v1::Entity::KIND_UNION);
  EXPECT_NE(own->outcome_table(0).DebugString(),
            union_wide.outcome_table(0).DebugString());
  for (size_t i = 1; i < summaries.size(); ++i) {
    ExpectSummaryOfReport(summaries[i]);
  }
}

}  // namespace
}  // namespace valore::testing
