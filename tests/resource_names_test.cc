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

  v1::ListStrategicDirectionsResponse directions;
  ASSERT_TRUE(
      catalog->ListStrategicDirections(Deadline().get(), {}, &directions).ok());
  ASSERT_GT(directions.directions_size(), 0);
  for (const v1::StrategicDirection& d : directions.directions()) {
    ExpectSegments(d.name(), 2);
    v1::GetStrategicDirectionRequest get;
    get.set_name(d.name());
    v1::StrategicDirection got;
    ASSERT_TRUE(
        catalog->GetStrategicDirection(Deadline().get(), get, &got).ok());
    EXPECT_EQ(got.code(), d.code());
  }
  v1::ListStrategicObjectivesRequest objectives_request;
  objectives_request.set_page_size(1000);
  v1::ListStrategicObjectivesResponse strategic;
  ASSERT_TRUE(catalog
                  ->ListStrategicObjectives(Deadline().get(),
                                            objectives_request, &strategic)
                  .ok());
  ASSERT_GT(strategic.strategic_objectives_size(), 0);
  for (const v1::StrategicObjective& o : strategic.strategic_objectives()) {
    ExpectSegments(o.name(), 4);
    v1::GetStrategicObjectiveRequest get;
    get.set_name(o.name());
    v1::StrategicObjective got;
    ASSERT_TRUE(
        catalog->GetStrategicObjective(Deadline().get(), get, &got).ok())
        << o.name();
    EXPECT_EQ(got.title(), o.title());
  }
  v1::ListSectorsResponse sectors;
  ASSERT_TRUE(catalog->ListSectors(Deadline().get(), {}, &sectors).ok());
  ASSERT_GT(sectors.sectors_size(), 0);
  for (const v1::Sector& s : sectors.sectors()) {
    ExpectSegments(s.name(), 2);
    v1::GetSectorRequest get;
    get.set_name(s.name());
    v1::Sector got;
    ASSERT_TRUE(catalog->GetSector(Deadline().get(), get, &got).ok());
    EXPECT_EQ(got.code(), s.code());
  }
  v1::GetSectorRequest unknown;
  unknown.set_name("sectors/S99");
  v1::Sector none;
  EXPECT_EQ(catalog->GetSector(Deadline().get(), unknown, &none).error_code(),
            grpc::StatusCode::NOT_FOUND);
  for (const char* malformed : {"S1", "sectors/S1/x", "sectors/"}) {
    unknown.set_name(malformed);
    EXPECT_EQ(catalog->GetSector(Deadline().get(), unknown, &none).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << malformed;
  }
  v1::GetStrategicObjectiveRequest direction_only;
  direction_only.set_name("directions/01");
  v1::StrategicObjective no_objective;
  EXPECT_EQ(catalog
                ->GetStrategicObjective(Deadline().get(), direction_only,
                                        &no_objective)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

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

  // The name the write returned reads the cell back, its revisions and,
  // without the period, its series.
  auto capture = suite_.capture().Stub();
  v1::GetMeasurementRequest get;
  get.set_name(out.name());
  v1::Measurement got;
  ASSERT_TRUE(capture->GetMeasurement(Deadline().get(), get, &got).ok());
  EXPECT_EQ(got.revision(), out.revision());
  EXPECT_EQ(got.value().number().value(), 80);

  v1::ListMeasurementRevisionsRequest revisions;
  revisions.set_name(out.name());
  v1::ListMeasurementRevisionsResponse listed;
  ASSERT_TRUE(
      capture->ListMeasurementRevisions(Deadline().get(), revisions, &listed)
          .ok());
  ASSERT_EQ(listed.revisions_size(), 1);
  EXPECT_EQ(listed.revisions(0).name(), out.name());

  v1::ReadSeriesRequest series;
  series.set_parent("entities/unione/items/DG.00005~S4.00004");
  v1::ReadSeriesResponse read;
  ASSERT_TRUE(capture->ReadSeries(Deadline().get(), series, &read).ok());
  // The shipped semesters, then the one written: newest period last.
  ASSERT_GE(read.measurements_size(), 1);
  EXPECT_EQ(read.measurements(read.measurements_size() - 1).name(), out.name());

  // A cell never written is NOT_FOUND naming it; a name of another shape
  // is INVALID_ARGUMENT naming the pattern.
  get.set_name("entities/unione/items/DG.00005~S4.00004/periods/2024S2");
  grpc::Status s = capture->GetMeasurement(Deadline().get(), get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "2024S2"))
      << s.error_message();
  get.set_name("unione/DG.00005~S4.00004/2024S1");
  s = capture->GetMeasurement(Deadline().get(), get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(),
                                "entities/{entity}/items/{item}/periods/"))
      << s.error_message();
}

TEST_F(ResourceNamesTest, VersionsAndValidatedOutcomesHaveNames) {
  v1::ListCatalogVersionsResponse versions;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->ListCatalogVersions(Deadline().get(), {}, &versions)
                  .ok());
  ASSERT_EQ(versions.versions_size(), 1);
  EXPECT_EQ(versions.versions(0).name(), "catalogVersions/1");
  v1::GetCatalogVersionRequest get_version;
  get_version.set_name(versions.versions(0).name());
  v1::CatalogVersion version;
  ASSERT_TRUE(suite_.catalog()
                  .Stub()
                  ->GetCatalogVersion(Deadline().get(), get_version, &version)
                  .ok());
  EXPECT_EQ(version.etag(), versions.versions(0).etag());
  get_version.set_name("catalogVersions/7");
  EXPECT_EQ(suite_.catalog()
                .Stub()
                ->GetCatalogVersion(Deadline().get(), get_version, &version)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListValidatedOutcomesRequest list;
  list.set_parent("scopes/union/periods/2023S2");
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
    v1::GetValidatedOutcomeRequest get;
    get.set_name(v.name());
    v1::ValidatedOutcome got;
    ASSERT_TRUE(suite_.aggregation()
                    .Stub()
                    ->GetValidatedOutcome(Deadline().get(), get, &got)
                    .ok())
        << v.name();
    EXPECT_EQ(got.revision(), v.revision());
  }
}

// Reports, overview rows and snapshots name their scope and themselves; the
// requests take those names.
TEST_F(ResourceNamesTest, ScopesAndSnapshotsAreAskedByName) {
  auto aggregation = suite_.aggregation().Stub();
  v1::StreamEntitySummariesRequest overview;
  overview.set_period("2023S2");
  auto context = Deadline();
  auto reader = aggregation->StreamEntitySummaries(context.get(), overview);
  grpc::Status status;
  std::vector<std::string> scopes;
  for (const auto& chunk : ReadStream(*reader, &status)) {
    for (const v1::EntitySummary& s : chunk.summaries()) {
      scopes.push_back(s.scope());
    }
  }
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(scopes.empty());
  EXPECT_EQ(scopes.front(), "scopes/union");
  for (const std::string& scope : scopes) {
    v1::GetReportRequest get;
    get.set_period("2023S2");
    get.set_scope(scope);
    v1::Report report;
    ASSERT_TRUE(aggregation->GetReport(Deadline().get(), get, &report).ok())
        << scope;
    EXPECT_EQ(report.scope(), scope);
  }
  v1::GetReportRequest unnamed;
  unnamed.set_period("2023S2");
  v1::Report report;
  const grpc::Status no_scope =
      aggregation->GetReport(Deadline().get(), unnamed, &report);
  EXPECT_EQ(no_scope.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(no_scope.error_message(), "scope"));

  v1::TakeSnapshotRequest take;
  take.set_period("2023S2");
  take.set_author("controllo");
  v1::Snapshot taken;
  ASSERT_TRUE(aggregation->TakeSnapshot(Deadline(60).get(), take, &taken).ok());
  ExpectSegments(taken.name(), 4);
  v1::GetSnapshotRequest get;
  get.set_name(taken.name());
  v1::Snapshot got;
  ASSERT_TRUE(aggregation->GetSnapshot(Deadline().get(), get, &got).ok());
  EXPECT_EQ(got.content_hash(), taken.content_hash());
  get.set_name("snapshots/2023S2/versions/latest");
  ASSERT_TRUE(aggregation->GetSnapshot(Deadline().get(), get, &got).ok());
  EXPECT_EQ(got.name(), taken.name());
  v1::DiffSnapshotRequest diff;
  diff.set_name(taken.name());
  v1::DiffSnapshotResponse changes;
  ASSERT_TRUE(aggregation->DiffSnapshot(Deadline().get(), diff, &changes).ok());
  EXPECT_EQ(changes.changes_size(), 0);
}

}  // namespace
}  // namespace valore::testing
