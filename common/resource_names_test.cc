#include "common/resource_names.h"

#include "absl/strings/match.h"
#include "common/error_details.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(ResourceNamesTest, MeasurementNameRoundTripsASharedObjective) {
  const std::string name =
      MeasurementName("unione", "DG.00005/S4.00004", "2023S2");
  EXPECT_EQ(name, "entities/unione/items/DG.00005~S4.00004/periods/2023S2");
  absl::StatusOr<CellRef> cell = ParseMeasurementName(name, "name");
  ASSERT_TRUE(cell.ok()) << cell.status();
  EXPECT_EQ(cell->entity, "unione");
  EXPECT_EQ(cell->item, "DG.00005/S4.00004");
  EXPECT_EQ(cell->period, "2023S2");
}

TEST(ResourceNamesTest, MalformedNamesNameTheFieldAndThePattern) {
  for (const char* bad :
       {"", "entities/carpi", "entities//items/1/periods/2023S2",
        "entities/carpi/items/00002/periods/2023S2/x",
        "indicators/carpi/items/00002/periods/2023S2",
        "entities/carpi/items/00002/periods/2023"}) {
    absl::StatusOr<CellRef> cell = ParseMeasurementName(bad, "name");
    ASSERT_FALSE(cell.ok()) << bad;
    EXPECT_EQ(cell.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(cell.status().message(), "name")) << bad;
  }
  EXPECT_EQ(ReasonOf(ParseMeasurementName("", "name").status()),
            v1::FIELD_REQUIRED);
  EXPECT_EQ(ReasonOf(ParseScopeName("", "scope").status()), v1::FIELD_REQUIRED);
  absl::StatusOr<CellRef> bad = ParseMeasurementName("carpi", "name");
  EXPECT_EQ(ReasonOf(bad.status()), v1::INVALID_NAME);
  EXPECT_TRUE(
      absl::StrContains(bad.status().message(),
                        "entities/{entity}/items/{item}/periods/{period}"));
}

TEST(ResourceNamesTest, CatalogNames) {
  EXPECT_EQ(*ParseCollectionName("indicators/00002", "indicators", "name"),
            "00002");
  EXPECT_FALSE(
      ParseCollectionName("indicators/00002/x", "indicators", "name").ok());
  EXPECT_FALSE(ParseCollectionName("lines/01", "indicators", "name").ok());
  absl::StatusOr<StrategicObjectiveRef> objective =
      ParseStrategicObjectiveName("directions/01/objectives/02", "name");
  ASSERT_TRUE(objective.ok());
  EXPECT_EQ(objective->direction, "01");
  EXPECT_EQ(objective->objective, "02");
  EXPECT_FALSE(ParseStrategicObjectiveName("directions/01", "name").ok());
}

TEST(ResourceNamesTest, SeriesNames) {
  absl::StatusOr<CellRef> series =
      ParseSeriesName(SeriesName("carpi", "00002"), "parent");
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->entity, "carpi");
  EXPECT_EQ(series->item, "00002");
  EXPECT_FALSE(ParseSeriesName("entities/carpi", "parent").ok());
}

TEST(ResourceNamesTest, ScopesAreTheUnionOrAnEntity) {
  EXPECT_EQ(*ParseScopeName("scopes/union", "scope"), "");
  EXPECT_EQ(*ParseScopeName("entities/carpi", "scope"), "carpi");
  for (const char* bad : {"", "carpi", "scopes/carpi", "entities/",
                          "entities/carpi/x", "scopes/union/x"}) {
    EXPECT_FALSE(ParseScopeName(bad, "scope").ok()) << bad;
  }
  absl::StatusOr<ScopePeriodRef> parent =
      ParseScopePeriodName("entities/carpi/periods/2023S2", "parent");
  ASSERT_TRUE(parent.ok());
  EXPECT_EQ(parent->entity, "carpi");
  EXPECT_EQ(parent->period, "2023S2");
  EXPECT_FALSE(ParseScopePeriodName("scopes/union/periods/x", "parent").ok());
}

TEST(ResourceNamesTest, ValidatedOutcomeNames) {
  absl::StatusOr<ValidatedOutcomeRef> ref = ParseValidatedOutcomeName(
      "scopes/union/periods/2023S2/validatedOutcomes/DG.00005~S4.00004",
      "name");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->entity, "");
  EXPECT_EQ(ref->period, "2023S2");
  EXPECT_EQ(ref->item, "DG.00005/S4.00004");
  EXPECT_FALSE(
      ParseValidatedOutcomeName("scopes/union/periods/2023S2", "name").ok());
}

TEST(ResourceNamesTest, SnapshotAndCatalogVersionNames) {
  EXPECT_EQ(SnapshotName("2024S1", 2), "snapshots/2024S1/versions/2");
  EXPECT_EQ(SnapshotName("2024S1", 0), "snapshots/2024S1/versions/latest");
  absl::StatusOr<SnapshotRef> latest =
      ParseSnapshotName("snapshots/2024S1/versions/latest", "name");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version, 0);
  EXPECT_EQ(ParseSnapshotName("snapshots/2024S1/versions/2", "name")->version,
            2);
  EXPECT_FALSE(ParseSnapshotName("snapshots/2024S1/versions/0", "name").ok());
  EXPECT_FALSE(ParseSnapshotName("snapshots/2024S1/versions/-1", "name").ok());
  EXPECT_EQ(CatalogVersionName(3), "catalogVersions/3");
  EXPECT_EQ(*ParseCatalogVersionName("catalogVersions/3", "name"), 3);
  EXPECT_FALSE(ParseCatalogVersionName("catalogVersions/x", "name").ok());
}

}  // namespace
}  // namespace valore
