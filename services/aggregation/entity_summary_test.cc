#include "services/aggregation/entity_summary.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/aggregation/report_builder.h"
#include "services/aggregation/report_test_catalog.h"

namespace valore::aggregation {
namespace {

using namespace test_catalog;  // NOLINT: the catalog every test here uses

// An entity's summary says what its report's outcome table says, with and
// without validated outcomes.
TEST(SummaryBuilderTest, AgreesWithTheEntitysReport) {
  const v1::Catalog catalog = SmallCatalog();
  const SummaryBuilder builder(catalog, Period(2023, 2));
  ASSERT_EQ(builder.periods().size(), 1u);  // no band target
  v1::ValidatedOutcome line;
  line.set_item_type(v1::ITEM_TYPE_PROGRAMME_LINE);
  line.set_item("01.01.01");
  line.set_outcome(v1::OUTCOME_NOT_ACHIEVED);
  for (bool validated : {false, true}) {
    for (const std::string entity : {"carpi", "soliera", "unione"}) {
      ReportInputs in = SmallInputs(&catalog, entity);
      if (validated) in.validated.push_back(line);
      v1::Report report;
      BuildReportInto(in, &report);

      ItemValues values;
      for (const auto& [item, value] : in.current[entity]) {
        values.emplace(item, &value);
      }
      std::vector<const v1::ValidatedOutcome*> chosen;
      for (const v1::ValidatedOutcome& v : in.validated) chosen.push_back(&v);
      v1::EntitySummary summary;
      builder.Build(entity, {values}, chosen, &summary);
      EXPECT_EQ(summary.scope(), report.scope());
      ASSERT_EQ(summary.outcome_table_size(), report.outcome_table_size());
      for (int i = 0; i < report.outcome_table_size(); ++i) {
        EXPECT_EQ(summary.outcome_table(i).SerializeAsString(),
                  report.outcome_table(i).SerializeAsString())
            << entity << " row " << i << (validated ? " validated" : "");
      }
    }
  }
}

TEST(SummaryBuilderTest, CountsMeasuredIndicators) {
  const v1::Catalog catalog = SmallCatalog();
  const SummaryBuilder builder(catalog, Period(2023, 2));
  const v1::Value flow = Number(50);
  v1::EntitySummary summary;
  builder.Build("carpi", {ItemValues{{"FLOW", &flow}}}, {}, &summary);
  EXPECT_EQ(summary.indicators(), 2);
  EXPECT_EQ(summary.indicators_measured(), 1);
  EXPECT_EQ(summary.display_name(), "carpi");
  EXPECT_EQ(summary.entity_kind(), v1::Entity::KIND_MUNICIPALITY);
}

}  // namespace
}  // namespace valore::aggregation
