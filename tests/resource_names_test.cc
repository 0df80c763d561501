// A client written from the protos alone names every resource it reads back:
// each Get takes the name its List returned, and no id holds a '/'.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

// "collection/id" with a single '/' (or "a/b/c/d" pairs): every id is one
// segment.
void ExpectSegments(const std::string& name, size_t segments) {
  const std::vector<std::string> parts = absl::StrSplit(name, '/');
  EXPECT_EQ(parts.size(), segments) << name;
  for (const std::string& p : parts) EXPECT_FALSE(p.empty()) << name;
}

class ResourceNamesTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }
  Suite suite_;
};

TEST_F(ResourceNamesTest, EveryGetTakesTheNameItsListReturned) {
  auto catalog = suite_.catalog().Stub();
  v1::ListEntitiesRequest entities_request;
  v1::ListEntitiesResponse entities;
  ASSERT_TRUE(
      catalog->ListEntities(Deadline().get(), entities_request, &entities)
          .ok());
  for (const v1::Entity& e : entities.entities()) {
    ExpectSegments(e.name(), 2);
    v1::GetEntityRequest get;
    get.set_name(e.name());
    v1::Entity got;
    ASSERT_TRUE(catalog->GetEntity(Deadline().get(), get, &got).ok());
    EXPECT_EQ(got.id(), e.id());
  }

  v1::ListExecutiveObjectivesRequest list;
  list.set_page_size(1000);
  v1::ListExecutiveObjectivesResponse objectives;
  ASSERT_TRUE(
      catalog->ListExecutiveObjectives(Deadline().get(), list, &objectives)
          .ok());
  bool shared = false;
  for (const v1::ExecutiveObjective& o : objectives.executive_objectives()) {
    ExpectSegments(o.name(), 2);
    if (o.code() == "DG.00005/S4.00004") {
      shared = true;
      EXPECT_EQ(o.name(), "executiveObjectives/DG.00005~S4.00004");
    }
    v1::GetExecutiveObjectiveRequest get;
    get.set_name(o.name());
    v1::ExecutiveObjective got;
    ASSERT_TRUE(
        catalog->GetExecutiveObjective(Deadline().get(), get, &got).ok())
        << o.name();
    EXPECT_EQ(got.code(), o.code());
  }
  EXPECT_TRUE(shared);

  v1::ListIndicatorsRequest indicators_request;
  indicators_request.set_page_size(1000);
  v1::ListIndicatorsResponse indicators;
  ASSERT_TRUE(
      catalog->ListIndicators(Deadline().get(), indicators_request, &indicators)
          .ok());
  for (const v1::Indicator& i : indicators.indicators()) {
    ExpectSegments(i.name(), 2);
    v1::GetIndicatorRequest get;
    get.set_name(i.name());
    v1::Indicator got;
    ASSERT_TRUE(catalog->GetIndicator(Deadline().get(), get, &got).ok());
    EXPECT_EQ(got.code(), i.code());
  }

  v1::ListProgrammeLinesRequest lines_request;
  lines_request.set_page_size(1000);
  v1::ListProgrammeLinesResponse lines;
  ASSERT_TRUE(
      catalog->ListProgrammeLines(Deadline().get(), lines_request, &lines)
          .ok());
  for (const v1::ProgrammeLine& l : lines.lines()) {
    ExpectSegments(l.name(), 2);
    v1::GetProgrammeLineRequest get;
    get.set_name(l.name());
    v1::ProgrammeLine got;
    ASSERT_TRUE(catalog->GetProgrammeLine(Deadline().get(), get, &got).ok());
    EXPECT_EQ(got.code(), l.code());
  }
}

TEST_F(ResourceNamesTest, AMeasurementOfASharedObjectiveIsNamedInSegments) {
  v1::WriteMeasurementRequest request;
  v1::Measurement* m = request.mutable_measurement();
  m->set_entity("unione");
  m->set_item("DG.00005/S4.00004");
  m->set_period("2024S1");
  m->set_value_text("80%");
  v1::Measurement out;
  ASSERT_TRUE(suite_.capture()
                  .Stub()
                  ->WriteMeasurement(Deadline().get(), request, &out)
                  .ok());
  EXPECT_EQ(out.name(),
            "entities/unione/items/DG.00005~S4.00004/periods/2024S1");
  ExpectSegments(out.name(), 6);
  EXPECT_EQ(out.item(), "DG.00005/S4.00004");
}

TEST_F(ResourceNamesTest, VersionsAndValidatedOutcomesHaveNames) {
  v1::ListCatalogVersionsResponse versions;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &versions)
                  .ok());
  ASSERT_EQ(versions.versions_size(), 1);
  EXPECT_EQ(versions.versions(0).name(), "catalogVersions/1");

  v1::ListValidatedOutcomesRequest list;
  list.set_period("2023S2");
  list.set_page_size(1000);
  v1::ListValidatedOutcomesResponse outcomes;
  ASSERT_TRUE(suite_.aggregation()
                  .Stub()
                  ->ListValidatedOutcomes(Deadline().get(), list, &outcomes)
                  .ok());
  ASSERT_GT(outcomes.validated_outcomes_size(), 0);
  for (const v1::ValidatedOutcome& v : outcomes.validated_outcomes()) {
    EXPECT_TRUE(absl::StartsWith(v.name(), v.scope() + "/periods/2023S2/"))
        << v.name();
    ExpectSegments(v.name(), 6);
  }
}

}  // namespace
}  // namespace valore::testing
