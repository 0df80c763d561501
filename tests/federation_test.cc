// Per-municipality deployment on one machine: five capture services, each
// serving one entity, federated by the aggregation service's routes. The
// Union report equals the all-in-one report; a missing capture gives
// UNAVAILABLE naming the entity, or a partial report when asked.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/scopes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

const char* const kEntities[] = {"unione", "campogalliano", "carpi",
                                 "novi-di-modena", "soliera"};

class FederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = ReadShippedData();
    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->Start();
    std::map<std::string, std::string> routes;
    for (const char* e : kEntities) {
      auto capture = std::make_unique<CaptureServer>(
          dir_.Sub(std::string("capture-") + e), catalog_->address());
      capture->set_entities({e});
      capture->Start();
      routes[e] = capture->address();
      captures_[e] = std::move(capture);
    }
    aggregation_ = std::make_unique<AggregationServer>(dir_.Sub("aggregation"),
                                                       catalog_->address(), "");
    aggregation_->set_routes(routes);
    aggregation_->Start();

    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = data_.catalog;
    v1::ImportCatalogResponse imported;
    ASSERT_TRUE(catalog_->Stub()
                    ->ImportCatalog(Deadline().get(), import, &imported)
                    .ok());
    v1::BatchSetValidatedOutcomesRequest outcomes;
    for (const auto& v : data_.validated_outcomes)
      *outcomes.add_validated_outcomes() = v;
    outcomes.set_from_published_document(true);
    v1::BatchSetValidatedOutcomesResponse stored;
    ASSERT_TRUE(
        aggregation_->Stub()
            ->BatchSetValidatedOutcomes(Deadline().get(), outcomes, &stored)
            .ok());
    // Each entity's values go to its own capture service.
    std::map<std::string, v1::BatchWriteMeasurementsRequest> batches;
    for (const v1::Measurement& m : data_.measurements) {
      *batches[m.entity()].add_measurements() = m;
    }
    for (auto& [entity, batch] : batches) {
      v1::BatchWriteMeasurementsResponse out;
      grpc::Status s = captures_[entity]->Stub()->BatchWriteMeasurements(
          Deadline().get(), batch, &out);
      ASSERT_TRUE(s.ok()) << entity << ": " << s.error_message();
    }
  }

  grpc::Status Report(v1::AggregationService::Stub& stub,
                      const std::string& entity, bool partial, v1::Report* out,
                      int deadline_seconds = 10) {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope(ScopeOf(entity));
    request.set_allow_partial(partial);
    return stub.GetReport(Deadline(deadline_seconds).get(), request, out);
  }

  // Indicator values of a report, by code, as displayed.
  static std::map<std::string, std::string> Values(const v1::Report& r) {
    std::map<std::string, std::string> out;
    for (const auto& i : r.indicators()) {
      out[i.code()] = i.value().SerializeAsString();
    }
    return out;
  }

  TempDir dir_;
  import::DataFolder data_;
  std::unique_ptr<CatalogServer> catalog_;
  std::map<std::string, std::unique_ptr<CaptureServer>> captures_;
  std::unique_ptr<AggregationServer> aggregation_;
};

TEST_F(FederationTest, TheUnionReportEqualsTheAllInOneReport) {
  Suite all_in_one;
  ImportAll(data_, all_in_one);
  v1::Report federated, single;
  ASSERT_TRUE(Report(*aggregation_->Stub(), "", false, &federated).ok());
  ASSERT_TRUE(
      Report(*all_in_one.aggregation().Stub(), "", false, &single).ok());
  EXPECT_EQ(Values(federated), Values(single));
  ASSERT_EQ(federated.outcome_table_size(), single.outcome_table_size());
  for (int i = 0; i < federated.outcome_table_size(); ++i) {
    EXPECT_EQ(federated.outcome_table(i).SerializeAsString(),
              single.outcome_table(i).SerializeAsString());
  }
  EXPECT_EQ(federated.missing_entities_size(), 0);
}

TEST_F(FederationTest, AMissingCaptureIsNamedOrLeftOutWhenAsked) {
  const std::string carpi_address = captures_["carpi"]->address();
  captures_["carpi"]->Stop();
  v1::Report report;
  grpc::Status down = Report(*aggregation_->Stub(), "", false, &report, 5);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(down.error_message(), HasSubstr("\"carpi\""));

  ASSERT_TRUE(Report(*aggregation_->Stub(), "", true, &report, 5).ok());
  EXPECT_THAT(std::vector<std::string>(report.missing_entities().begin(),
                                       report.missing_entities().end()),
              ::testing::ElementsAre("carpi"));
  // Another comune's own report does not need carpi.
  ASSERT_TRUE(Report(*aggregation_->Stub(), "soliera", false, &report).ok());

  // Back on its address, the full report again, without restarting anything.
  captures_["carpi"]->Start(carpi_address);
  grpc::Status back;
  for (int attempt = 0; attempt < 50; ++attempt) {
    back = Report(*aggregation_->Stub(), "", false, &report, 5);
    if (back.ok()) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_TRUE(back.ok()) << back.error_message();
  EXPECT_EQ(report.missing_entities_size(), 0);
}

// Every scope's outcome summary as streamed: (scope, summary bytes), in the
// order the stream gives them.
std::vector<std::pair<std::string, std::string>> Summaries(
    v1::AggregationService::Stub& stub, grpc::Status* status,
    const std::vector<std::string>& scopes = {}) {
  v1::StreamEntitySummariesRequest request;
  request.set_period("2023S2");
  for (const std::string& scope : scopes) request.add_scopes(scope);
  auto context = Deadline(10);
  auto reader = stub.StreamEntitySummaries(context.get(), request);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& chunk : ReadStream(*reader, status)) {
    for (const v1::EntitySummary& s : chunk.summaries()) {
      out.emplace_back(s.scope(), s.SerializeAsString());
    }
  }
  return out;
}

std::vector<std::string> ScopesOf(
    const std::vector<std::pair<std::string, std::string>>& summaries) {
  std::vector<std::string> out;
  for (const auto& [scope, summary] : summaries) out.push_back(scope);
  return out;
}

TEST_F(FederationTest, SummariesEqualTheAllInOneSummaries) {
  Suite all_in_one;
  ImportAll(data_, all_in_one);
  grpc::Status federated_status, single_status;
  const auto federated = Summaries(*aggregation_->Stub(), &federated_status);
  const auto single =
      Summaries(*all_in_one.aggregation().Stub(), &single_status);
  ASSERT_TRUE(federated_status.ok()) << federated_status.error_message();
  ASSERT_TRUE(single_status.ok()) << single_status.error_message();
  // The Union-wide scope, then every entity in catalog order, whichever
  // capture service holds it.
  EXPECT_EQ(federated.size(), std::size(kEntities) + 1);
  EXPECT_EQ(ScopesOf(federated), ScopesOf(single));
  EXPECT_EQ(federated, single);

  // Entities named come in the order asked, across capture services; the
  // Union-wide scope always first.
  std::vector<std::string> asked;
  for (auto e = std::rbegin(kEntities); e != std::rend(kEntities); ++e) {
    asked.push_back(ScopeOf(*e));
  }
  grpc::Status named_status;
  const auto named = Summaries(*aggregation_->Stub(), &named_status, asked);
  ASSERT_TRUE(named_status.ok()) << named_status.error_message();
  EXPECT_EQ(ScopesOf(named), asked);
  asked.push_back(ScopeOf(""));
  const auto with_union =
      Summaries(*aggregation_->Stub(), &named_status, asked);
  ASSERT_TRUE(named_status.ok()) << named_status.error_message();
  asked.insert(asked.begin(), asked.back());
  asked.pop_back();
  EXPECT_EQ(ScopesOf(with_union), asked);

  captures_["soliera"]->Stop();
  grpc::Status down;
  Summaries(*aggregation_->Stub(), &down);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(down.error_message(), HasSubstr("\"soliera\""));
}

TEST_F(FederationTest, ACaptureRefusesEntitiesItDoesNotServe) {
  v1::WriteMeasurementRequest request;
  request.mutable_measurement()->set_entity("soliera");
  request.mutable_measurement()->set_item("00002");
  request.mutable_measurement()->set_period("2024S1");
  request.mutable_measurement()->mutable_value()->mutable_number()->set_value(
      1);
  v1::Measurement out;
  grpc::Status s = captures_["carpi"]->Stub()->WriteMeasurement(
      Deadline().get(), request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("not served"));

  // Nor does it stream them.
  v1::StreamPeriodValuesRequest stream;
  stream.add_periods("2023S2");
  stream.add_entities("carpi");
  stream.add_entities("soliera");
  grpc::Status status;
  auto context = Deadline();
  auto stub = captures_["carpi"]->Stub();
  auto reader = stub->StreamPeriodValues(context.get(), stream);
  ReadStream(*reader, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("entities[1]"));
  EXPECT_THAT(status.error_message(), HasSubstr("not served"));
}

TEST_F(FederationTest, SnapshotsLockEveryCapture) {
  v1::TakeSnapshotRequest request;
  request.set_period("2023S2");
  v1::Snapshot snapshot;
  ASSERT_TRUE(aggregation_->Stub()
                  ->TakeSnapshot(Deadline(30).get(), request, &snapshot)
                  .ok());
  EXPECT_EQ(snapshot.locked_size(), 5);
  for (auto& [entity, capture] : captures_) {
    v1::ListPeriodLocksResponse locks;
    ASSERT_TRUE(
        capture->Stub()->ListPeriodLocks(Deadline().get(), {}, &locks).ok());
    ASSERT_EQ(locks.locks_size(), 1) << entity;
    EXPECT_TRUE(locks.locks(0).locked());
  }
}

}  // namespace
}  // namespace valore::testing
