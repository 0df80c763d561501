// Five entities over 2023S1, 2023S2 and 2024S1 with a small catalog made
// here: flows and levels, sum / mean / count_meeting roll-ups, a ±3% band, a
// validated override, an entity scope against the Union scope.
#include <map>

#include "common/scopes.h"
#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

const char* const kEntities[] = {"unione", "campogalliano", "carpi",
                                 "novi-di-modena", "soliera"};

v1::Indicator MakeIndicator(const std::string& code, const std::string& line,
                            v1::IndicatorKind kind, v1::Rollup rollup,
                            std::map<int, std::string> targets) {
  v1::Indicator i;
  i.set_code(code);
  i.set_title("Indicatore " + code);
  i.set_line_code(line);
  i.set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  i.set_kind(kind);
  i.set_rollup(rollup);
  for (const auto& [year, text] : targets) {
    v1::YearlyTarget* t = i.add_targets();
    t->set_year(year);
    *t->mutable_target() = *ParseTarget(text);
  }
  return i;
}

v1::Catalog ScenarioCatalog() {
  v1::Catalog c;
  for (const char* id : kEntities) {
    v1::Entity* e = c.add_entities();
    e->set_id(id);
    e->set_kind(std::string(id) == "unione" ? v1::Entity::KIND_UNION
                                            : v1::Entity::KIND_MUNICIPALITY);
  }
  v1::StrategicDirection* d = c.add_directions();
  d->set_code("01");
  d->set_title("SCUOLA");
  v1::StrategicObjective* so = c.add_strategic_objectives();
  so->set_direction_code("01");
  so->set_code("01");
  so->set_title("Servizi");
  for (const char* code : {"01", "02"}) {
    v1::ProgrammeLine* l = c.add_lines();
    l->set_direction_code("01");
    l->set_strategic_objective_code("01");
    l->set_operational_objective_code(code);
    l->set_code(std::string("01.01.") + code);
    l->set_title(std::string("Linea ") + code);
    l->set_dimension(code == std::string("01")
                         ? v1::WELLBEING_DIMENSION_EDUCATIONAL
                         : v1::WELLBEING_DIMENSION_SOCIAL_SAFETY);
  }
  // A flow summed over the entities: at S1 against half the yearly target.
  *c.add_indicators() =
      MakeIndicator("FLOW", "01.01.01", v1::INDICATOR_KIND_FLOW, v1::ROLLUP_SUM,
                    {{2023, "≥ 100"}, {2024, "≥ 120"}});
  // A level averaged over the entities.
  *c.add_indicators() =
      MakeIndicator("MEAN", "01.01.01", v1::INDICATOR_KIND_LEVEL,
                    v1::ROLLUP_MEAN, {{2023, "≥ 80%"}, {2024, "≥ 80%"}});
  // How many comuni meet their own target.
  v1::Indicator meeting =
      MakeIndicator("COUNT", "01.01.02", v1::INDICATOR_KIND_LEVEL,
                    v1::ROLLUP_COUNT_MEETING, {{2023, "≥ 10"}, {2024, "≥ 10"}});
  *c.add_indicators() = meeting;
  // Stability within 3% of the previous year's actual, held by the Union.
  *c.add_indicators() =
      MakeIndicator("BAND", "01.01.02", v1::INDICATOR_KIND_LEVEL,
                    v1::ROLLUP_NONE, {{2023, "±3%"}, {2024, "±3%"}});
  v1::Sector* s = c.add_sectors();
  s->set_code("S1");
  v1::ExecutiveObjective* o = c.add_executive_objectives();
  o->set_code("S1.00001");
  o->set_title("Obiettivo");
  o->set_line_code("01.01.01");
  o->set_dimension(v1::WELLBEING_DIMENSION_INSTITUTIONAL);
  v1::SectorWeight* w = o->add_weights();
  w->set_sector("S1");
  w->set_percent(100);
  return c;
}

v1::Measurement Value(const std::string& entity, const std::string& item,
                      const std::string& period, double value,
                      v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Measurement m;
  m.set_entity(entity);
  m.set_item(item);
  m.set_period(period);
  m.mutable_value()->mutable_number()->set_value(value);
  m.mutable_value()->mutable_number()->set_unit(unit);
  return m;
}

class ScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    import::DataFolder data;
    data.catalog = ScenarioCatalog();
    // FLOW: each comune 12 and the Union 10 at S1 (58 ≥ 50 = half of 100);
    // at S2 the year to date is 90 (quasi: 90/100).
    for (const char* e : kEntities) {
      const bool is_union = std::string(e) == "unione";
      data.measurements.push_back(
          Value(e, "FLOW", "2023S1", is_union ? 10 : 12));
      data.measurements.push_back(
          Value(e, "FLOW", "2023S2", is_union ? 10 : 20));
      data.measurements.push_back(Value(e, "FLOW", "2024S1", is_union ? 5 : 8));
    }
    // MEAN: 70, 80, 90, 100 over the comuni at 2023S2 (mean 85 ≥ 80).
    const double percents[] = {70, 80, 90, 100};
    for (int i = 1; i < 5; ++i) {
      data.measurements.push_back(Value(kEntities[i], "MEAN", "2023S2",
                                        percents[i - 1], v1::UNIT_PERCENT));
      data.measurements.push_back(Value(kEntities[i], "MEAN", "2024S1",
                                        percents[i - 1] - 20,
                                        v1::UNIT_PERCENT));
    }
    // COUNT: three comuni at 10 or more, one at 5.
    const double counts[] = {10, 15, 5, 12};
    for (int i = 1; i < 5; ++i) {
      data.measurements.push_back(
          Value(kEntities[i], "COUNT", "2023S2", counts[i - 1]));
    }
    // BAND: 1000 in 2023S1, 1020 in 2024S1 (+2%: within 3%); 2023S2 has no
    // previous year.
    data.measurements.push_back(Value("unione", "BAND", "2023S1", 1000));
    data.measurements.push_back(Value("unione", "BAND", "2023S2", 1000));
    data.measurements.push_back(Value("unione", "BAND", "2024S1", 1020));
    data.measurements.push_back(
        Value("unione", "S1.00001", "2023S2", 90, v1::UNIT_PERCENT));
    ImportAll(data, suite_);
  }

  v1::Report Report(const std::string& period, const std::string& entity = "") {
    v1::GetReportRequest request;
    request.set_period(period);
    request.set_scope(ScopeOf(entity));
    v1::Report report;
    grpc::Status status = suite_.aggregation().Stub()->GetReport(
        Deadline().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  // A copy: callers pass temporaries.
  static v1::IndicatorResult Indicator(const v1::Report& r,
                                       const std::string& code) {
    for (const auto& i : r.indicators()) {
      if (i.code() == code) return i;
    }
    ADD_FAILURE() << code << " not in report";
    return v1::IndicatorResult();
  }

  grpc::Status Validate(const std::string& item, v1::ItemType type,
                        v1::Outcome outcome, const std::string& justification,
                        const std::string& entity = "") {
    v1::SetValidatedOutcomeRequest request;
    v1::ValidatedOutcome* v = request.mutable_validated_outcome();
    v->set_item_type(type);
    v->set_item(item);
    v->set_period("2023S2");
    v->set_scope(ScopeOf(entity));
    v->set_outcome(outcome);
    v->set_justification(justification);
    request.set_author("controllo");
    v1::ValidatedOutcome out;
    return suite_.aggregation().Stub()->SetValidatedOutcome(Deadline().get(),
                                                            request, &out);
  }

  Suite suite_;
};

TEST_F(ScenarioTest, FlowsAreProRatedAtTheFirstSemester) {
  const auto s1 = Indicator(Report("2023S1"), "FLOW");
  EXPECT_DOUBLE_EQ(s1.value().number().value(), 10 + 4 * 12);
  EXPECT_EQ(s1.computed(), v1::OUTCOME_ACHIEVED);  // 58 ≥ 100 / 2
  const auto s2 = Indicator(Report("2023S2"), "FLOW");
  EXPECT_DOUBLE_EQ(s2.value().number().value(), 10 + 4 * 20);
  EXPECT_EQ(s2.computed(), v1::OUTCOME_PARTLY_ACHIEVED);  // 90 / 100
  EXPECT_EQ(s2.previous_semester(), "2023S1");
  EXPECT_DOUBLE_EQ(s2.previous_semester_value().number().value(), 58);
  const auto next = Indicator(Report("2024S1"), "FLOW");
  EXPECT_DOUBLE_EQ(next.value().number().value(), 37);
  EXPECT_EQ(next.computed(), v1::OUTCOME_NOT_ACHIEVED);  // 37 / (120 / 2) < 2/3
}

TEST_F(ScenarioTest, MeanAndCountMeetingRollUps) {
  const v1::Report r = Report("2023S2");
  const auto mean = Indicator(r, "MEAN");
  EXPECT_DOUBLE_EQ(mean.value().number().value(), 85);
  EXPECT_EQ(mean.computed(), v1::OUTCOME_ACHIEVED);
  const auto count = Indicator(r, "COUNT");
  EXPECT_DOUBLE_EQ(count.value().number().value(), 3);
  EXPECT_EQ(count.entity_values_size(), 4);
  const auto mean_2024 = Indicator(Report("2024S1"), "MEAN");
  EXPECT_DOUBLE_EQ(mean_2024.value().number().value(), 65);
  EXPECT_EQ(mean_2024.computed(), v1::OUTCOME_PARTLY_ACHIEVED);  // 65/80 ≥ 2/3
}

TEST_F(ScenarioTest, BandComparesWithThePreviousYear) {
  const auto band = Indicator(Report("2024S1"), "BAND");
  EXPECT_EQ(band.previous_year(), "2023S1");
  EXPECT_DOUBLE_EQ(band.previous_year_value().number().value(), 1000);
  EXPECT_EQ(band.computed(), v1::OUTCOME_ACHIEVED);
  // No 2022S2: not assessable.
  EXPECT_EQ(Indicator(Report("2023S2"), "BAND").computed(),
            v1::OUTCOME_NOT_ASSESSABLE);
}

TEST_F(ScenarioTest, AValidatedOverrideNeedsAJustificationWhenItDiffers) {
  // FLOW in 2023S2 is computed quasi raggiunto.
  grpc::Status refused =
      Validate("FLOW", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_ACHIEVED, "");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("justification"));
  EXPECT_EQ(Indicator(Report("2023S2"), "FLOW").validated(),
            v1::OUTCOME_UNSPECIFIED);
  // Agreeing with the computed outcome needs none.
  EXPECT_TRUE(
      Validate("MEAN", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_ACHIEVED, "").ok());
  ASSERT_TRUE(Validate("FLOW", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_ACHIEVED,
                       "iscrizioni chiuse a dicembre, dato completo a gennaio")
                  .ok());
  const v1::Report r = Report("2023S2");
  const auto flow = Indicator(r, "FLOW");
  EXPECT_EQ(flow.computed(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(flow.final(), v1::OUTCOME_ACHIEVED);
  ASSERT_EQ(r.disagreements_size(), 1);
  EXPECT_EQ(r.disagreements(0).item(), "FLOW");
  EXPECT_THAT(r.disagreements(0).justification(), HasSubstr("gennaio"));
  // The line now counts FLOW as achieved: both its indicators are.
  for (const auto& l : r.lines()) {
    if (l.code() == "01.01.01") {
      EXPECT_EQ(l.computed(), v1::OUTCOME_ACHIEVED);
    }
  }
  // The override survives a restart.
  suite_.Restart();
  EXPECT_EQ(Indicator(Report("2023S2"), "FLOW").final(), v1::OUTCOME_ACHIEVED);
}

TEST_F(ScenarioTest, EntityScopeUsesItsOwnValues) {
  const v1::Report carpi = Report("2023S2", "carpi");
  EXPECT_DOUBLE_EQ(Indicator(carpi, "FLOW").value().number().value(), 20);
  EXPECT_EQ(Indicator(carpi, "FLOW").computed(),
            v1::OUTCOME_NOT_ACHIEVED);  // 20/100
  EXPECT_DOUBLE_EQ(Indicator(carpi, "MEAN").value().number().value(), 80);
  // The Union's validated outcome does not apply to an entity's report.
  ASSERT_TRUE(Validate("FLOW", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_ACHIEVED,
                       "motivazione")
                  .ok());
  EXPECT_EQ(Indicator(Report("2023S2", "carpi"), "FLOW").final(),
            v1::OUTCOME_NOT_ACHIEVED);
}

TEST_F(ScenarioTest, SummaryTablesAndSectorScores) {
  const v1::Report r = Report("2023S2");
  ASSERT_EQ(r.outcome_table_size(), 3);
  EXPECT_EQ(r.outcome_table(0).total(), 2);  // two lines
  EXPECT_EQ(r.outcome_table(1).total(), 1);  // one objective
  EXPECT_EQ(r.outcome_table(2).total(), 3);
  ASSERT_EQ(r.sector_scores_size(), 1);
  EXPECT_DOUBLE_EQ(r.sector_scores(0).score(), 90);
  EXPECT_TRUE(r.sector_scores(0).weights_complete());
}

TEST_F(ScenarioTest, TheBasicViewHasTheTablesWithoutTheItems) {
  const v1::Report full = Report("2023S2");
  v1::GetReportRequest request;
  request.set_period("2023S2");
  request.set_scope(std::string(kUnionScope));
  request.set_view(v1::REPORT_VIEW_BASIC);
  // Twice: the second is the cache's, kept apart from the full report's.
  for (int i = 0; i < 2; ++i) {
    v1::Report basic;
    ASSERT_TRUE(suite_.aggregation()
                    .Stub()
                    ->GetReport(Deadline().get(), request, &basic)
                    .ok());
    EXPECT_EQ(basic.indicators_size(), 0);
    EXPECT_EQ(basic.lines_size(), 0);
    EXPECT_EQ(basic.objectives_size(), 0);
    v1::Report tables = full;
    tables.clear_indicators();
    tables.clear_lines();
    tables.clear_objectives();
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(basic, tables))
        << basic.DebugString();
    EXPECT_GT(basic.outcome_table_size(), 0);
  }
  // And the full report is still the full one.
  EXPECT_EQ(Report("2023S2").indicators_size(), full.indicators_size());
  request.set_view(static_cast<v1::ReportView>(7));
  v1::Report report;
  const grpc::Status s = suite_.aggregation().Stub()->GetReport(
      Deadline().get(), request, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("view: 7"));
}

TEST_F(ScenarioTest, BadReportAndOutcomeRequests) {
  v1::GetReportRequest request;
  request.set_period("2031S1");
  request.set_scope("scopes/union");
  v1::Report report;
  grpc::Status s = suite_.aggregation().Stub()->GetReport(Deadline().get(),
                                                          request, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("2031S1"));
  request.set_period("2023S2");
  request.set_scope("entities/modena");
  s = suite_.aggregation().Stub()->GetReport(Deadline().get(), request,
                                             &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("\"modena\""));
  request.set_period("2023S9");
  s = suite_.aggregation().Stub()->GetReport(Deadline().get(), request,
                                             &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  s = Validate("MEAN", v1::ITEM_TYPE_INDICATOR, static_cast<v1::Outcome>(9),
               "x");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("outcome"));
  s = Validate("MEAN", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_UNSPECIFIED, "x");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Validate("NOPE", v1::ITEM_TYPE_INDICATOR, v1::OUTCOME_ACHIEVED, "x");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("\"NOPE\""));
  v1::ListValidatedOutcomesRequest list;
  list.set_parent("scopes/union/periods/2023S2");
  v1::ListValidatedOutcomesResponse listed;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->ListValidatedOutcomes(Deadline().get(), list, &listed)
                  .ok());
  EXPECT_EQ(listed.validated_outcomes_size(), 0);
}

}  // namespace
}  // namespace valore::testing
