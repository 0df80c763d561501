#include "services/gateway/request_builder.h"

#include "common/error_details.h"
#include "gtest/gtest.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::gateway {
namespace {

class RequestBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RouteTable> table = RouteTable::FromServices(
        {"valore.v1.CatalogService", "valore.v1.CaptureService",
         "valore.v1.AggregationService"});
    ASSERT_TRUE(table.ok());
    table_ = *std::move(table);
  }
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Build(
      const std::string& method, const std::vector<std::string>& path,
      const QueryParameters& query, const std::string& body) {
    absl::StatusOr<RouteMatch> match = table_.Match(method, path);
    EXPECT_TRUE(match.ok()) << match.status();
    if (!match.ok()) return match.status();
    return BuildRequest(*match, query, body);
  }
  RouteTable table_;
};

TEST_F(RequestBuilderTest, PathAndQueryFillTheRequest) {
  auto request =
      Build("GET", {"v1", "scopes", "union", "periods", "2023S2", "report"},
            {{"as_of", "2024-01-31T00:00:00Z"}, {"allow_partial", "true"}}, "");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& report = static_cast<const v1::GetReportRequest&>(**request);
  EXPECT_EQ(report.scope(), "scopes/union");
  EXPECT_EQ(report.period(), "2023S2");
  EXPECT_TRUE(report.allow_partial());
  EXPECT_EQ(report.as_of().seconds(), 1706659200);
}

TEST_F(RequestBuilderTest, RepeatedParametersRepeat) {
  auto request = Build("GET", {"v1", "periods", "2023S2", "measurements"},
                       {{"entities", "carpi"}, {"entities", "soliera"}}, "");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& batch =
      static_cast<const v1::BatchGetMeasurementsRequest&>(**request);
  ASSERT_EQ(batch.entities_size(), 2);
  EXPECT_EQ(batch.entities(1), "soliera");
}

TEST_F(RequestBuilderTest, BodyStarIsTheWholeRequest) {
  auto request = Build("POST", {"v1", "measurements"}, {},
                       R"({"measurement": {"entity": "carpi", "item": "00002",
          "period": "2023S2", "value_text": "81,5%"}, "request_id": "r1"})");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& write =
      static_cast<const v1::WriteMeasurementRequest&>(**request);
  EXPECT_EQ(write.measurement().value_text(), "81,5%");
  EXPECT_EQ(write.request_id(), "r1");
}

TEST_F(RequestBuilderTest, BodyMustAgreeWithThePath) {
  auto agrees = Build("POST", {"v1", "periods", "2023S2", "lock"}, {},
                      R"({"period": "2023S2", "reason": "chiusura"})");
  ASSERT_TRUE(agrees.ok()) << agrees.status();
  auto contradicts = Build("POST", {"v1", "periods", "2023S2", "lock"}, {},
                           R"({"period": "2024S1", "reason": "chiusura"})");
  EXPECT_TRUE(absl::IsInvalidArgument(contradicts.status()));
  EXPECT_EQ(BadRequestOf(contradicts.status()).field_violations(0).field(),
            "period");
}

TEST_F(RequestBuilderTest, RefusesWhatIsNotTheRequest) {
  auto not_json = Build("POST", {"v1", "measurements"}, {}, "value=81");
  EXPECT_EQ(ReasonOf(not_json.status()), v1::MALFORMED_BODY);
  auto unknown_field =
      Build("POST", {"v1", "measurements"}, {}, R"({"valeur": 1})");
  EXPECT_EQ(ReasonOf(unknown_field.status()), v1::MALFORMED_BODY);
  auto body_on_get =
      Build("GET", {"v1", "entities", "carpi"}, {}, R"({"name": "x"})");
  EXPECT_EQ(ReasonOf(body_on_get.status()), v1::MALFORMED_BODY);

  auto unknown_parameter =
      Build("GET", {"v1", "entities"}, {{"colour", "red"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(unknown_parameter.status()));
  EXPECT_EQ(
      BadRequestOf(unknown_parameter.status()).field_violations(0).field(),
      "colour");
  auto wrong_type =
      Build("GET", {"v1", "entities"}, {{"page_size", "many"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(wrong_type.status()));
  EXPECT_NE(wrong_type.status().message().find("many"), std::string::npos);
  auto path_again = Build("GET", {"v1", "entities", "carpi"},
                          {{"name", "entities/soliera"}}, "");
  EXPECT_TRUE(absl::IsInvalidArgument(path_again.status()));
  auto query_with_body =
      Build("POST", {"v1", "measurements"}, {{"request_id", "r"}}, "{}");
  EXPECT_TRUE(absl::IsInvalidArgument(query_with_body.status()));
  auto not_bool =
      Build("GET", {"v1", "scopes", "union", "periods", "2023S2", "report"},
            {{"allow_partial", "yes"}}, "");
  EXPECT_TRUE(absl::IsInvalidArgument(not_bool.status()));
}

}  // namespace
}  // namespace valore::gateway
