#include "services/gateway/route_table.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "valore/v1/catalog.pb.h"

namespace valore::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

const std::vector<std::string> kServices = {"valore.v1.CatalogService",
                                            "valore.v1.CaptureService",
                                            "valore.v1.AggregationService"};

RouteTable Table() {
  absl::StatusOr<RouteTable> table = RouteTable::FromServices(kServices);
  EXPECT_TRUE(table.ok()) << table.status();
  return *std::move(table);
}

TEST(RouteTableTest, EveryPublicMethodHasARoute) {
  const RouteTable table = Table();
  for (const std::string& name : kServices) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name);
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
      bool found = false;
      for (const Route& route : table.routes()) {
        found = found || route.method == service->method(i);
      }
      EXPECT_TRUE(found) << service->method(i)->full_name();
    }
  }
}

TEST(RouteTableTest, MatchesByMethodAndPath) {
  const RouteTable table = Table();
  absl::StatusOr<RouteMatch> match =
      table.Match("GET", {"v1", "executive-objectives", "S5.00016"});
  ASSERT_TRUE(match.ok()) << match.status();
  EXPECT_EQ(match->route->method->name(), "GetExecutiveObjective");
  EXPECT_THAT(match->bindings,
              ElementsAre(Pair("name", "executiveObjectives/S5.00016")));

  match = table.Match(
      "GET", {"v1", "entities", "carpi", "periods", "2023S2", "report"});
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route->method->name(), "GetReport");
  EXPECT_EQ(match->route->url_template,
            "/v1/entities/{entity}/periods/{period}/report");

  // The literal route wins over a template with a wildcard there.
  match = table.Match("GET", {"v1", "catalog", "audit-events"});
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route->method->full_name(),
            "valore.v1.CatalogService.ListAuditEvents");
}

TEST(RouteTableTest, OtherMethodsAndUnknownPathsAreTold) {
  const RouteTable table = Table();
  absl::StatusOr<RouteMatch> match =
      table.Match("DELETE", {"v1", "entities", "carpi"});
  EXPECT_TRUE(absl::IsFailedPrecondition(match.status()));
  EXPECT_EQ(match.status().message(), "GET");
  EXPECT_TRUE(
      absl::IsNotFound(table.Match("GET", {"v1", "nothing-here"}).status()));
  EXPECT_TRUE(absl::IsNotFound(
      table.Match("GET", {"v1", "executiveObjectives", "S5"}).status()));
}

}  // namespace
}  // namespace valore::gateway
