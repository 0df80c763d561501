#include "services/gateway/capture_router.h"

#include "common/error_details.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/audit.pb.h"
#include "valore/v1/capture.pb.h"

namespace valore::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::shared_ptr<Backend> Named(const std::string& name) {
  // Never dialled: routing only picks the backend.
  return std::make_shared<Backend>(
      name,
      grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()));
}

TEST(CaptureRouterTest, EntitiesNamedByEachCaptureRequest) {
  v1::WriteMeasurementRequest write;
  write.mutable_measurement()->set_entity("carpi");
  EXPECT_THAT(EntitiesNamedBy(write), ElementsAre("carpi"));
  v1::BatchWriteMeasurementsRequest batch;
  batch.add_measurements()->set_entity("carpi");
  batch.add_measurements()->set_entity("soliera");
  EXPECT_THAT(EntitiesNamedBy(batch), ElementsAre("carpi", "soliera"));
  v1::GetMeasurementRequest get;
  get.set_name("entities/soliera/items/00002/periods/2023S2");
  EXPECT_THAT(EntitiesNamedBy(get), ElementsAre("soliera"));
  v1::ReadSeriesRequest series;
  series.set_parent("entities/carpi/items/00002");
  EXPECT_THAT(EntitiesNamedBy(series), ElementsAre("carpi"));
  v1::ListAuditEventsRequest audit;
  EXPECT_THAT(EntitiesNamedBy(audit), IsEmpty());
  audit.set_entity("carpi");
  EXPECT_THAT(EntitiesNamedBy(audit), ElementsAre("carpi"));
  get.set_name("not a name");
  EXPECT_THAT(EntitiesNamedBy(get), IsEmpty());
  EXPECT_THAT(EntitiesNamedBy(v1::LockPeriodRequest()), IsEmpty());
}

TEST(CaptureRouterTest, OneCaptureServicePerRequest) {
  const auto others = Named("capture");
  const auto carpi = Named("capture (carpi)");
  const CaptureRouter router(others, {{"carpi", carpi}});
  v1::BatchWriteMeasurementsRequest batch;
  batch.add_measurements()->set_entity("carpi");
  EXPECT_EQ(*router.For(batch), carpi);
  batch.mutable_measurements(0)->set_entity("soliera");
  EXPECT_EQ(*router.For(batch), others);
  batch.add_measurements()->set_entity("carpi");
  absl::StatusOr<std::shared_ptr<Backend>> split = router.For(batch);
  ASSERT_TRUE(absl::IsFailedPrecondition(split.status()));
  EXPECT_THAT(std::string(split.status().message()),
              HasSubstr("capture (carpi)"));
  // Naming no entity needs every capture service.
  EXPECT_TRUE(absl::IsFailedPrecondition(
      router.For(v1::ListPeriodLocksRequest()).status()));
  EXPECT_EQ(router.All().size(), 2u);
  // A single capture service takes what names no entity.
  const CaptureRouter single(others, {});
  EXPECT_EQ(*single.For(v1::ListPeriodLocksRequest()), others);
}

TEST(CaptureRouterTest, AnEntityNoServiceHoldsIsNamed) {
  const CaptureRouter router(nullptr, {{"carpi", Named("capture (carpi)")}});
  v1::WriteMeasurementRequest write;
  write.mutable_measurement()->set_entity("soliera");
  absl::StatusOr<std::shared_ptr<Backend>> none = router.For(write);
  ASSERT_TRUE(absl::IsFailedPrecondition(none.status()));
  EXPECT_THAT(std::string(none.status().message()), HasSubstr("soliera"));
}

TEST(CaptureRouterTest, RoutesMakeOneBackendPerAddress) {
  int made = 0;
  auto router =
      RouteCaptures({{"carpi", "10.0.0.1:7002"},
                     {"soliera", "10.0.0.1:7002"},
                     {"novi-di-modena", "10.0.0.2:7002"}},
                    nullptr, [&](const std::string& name, const std::string&) {
                      ++made;
                      return Named(name);
                    });
  EXPECT_EQ(made, 2);
  v1::WriteMeasurementRequest write;
  write.mutable_measurement()->set_entity("soliera");
  EXPECT_EQ((*router->For(write))->name(), "capture (carpi, soliera)");
}

}  // namespace
}  // namespace valore::gateway
