#include "services/common/request_ids.h"

#include <string>

#include "gtest/gtest.h"
#include "valore/v1/capture.pb.h"

namespace valore {
namespace {

TEST(RequestIdsTest, IdsArePrintableAsciiWithinTheLimit) {
  EXPECT_TRUE(ValidateRequestId("").ok());
  EXPECT_TRUE(ValidateRequestId("import-2023S2-7").ok());
  EXPECT_FALSE(ValidateRequestId("con spazio").ok());
  EXPECT_FALSE(ValidateRequestId("accentò").ok());
  EXPECT_FALSE(
      ValidateRequestId(std::string(kMaxRequestIdBytes + 1, 'x')).ok());
  EXPECT_TRUE(ValidateRequestId(std::string(kMaxRequestIdBytes, 'x')).ok());
}

TEST(RequestIdsTest, AnIdBelongsToItsCallerAndMethod) {
  const std::string key = ReplayKey("WriteMeasurement", "m.rossi", "r-1");
  EXPECT_NE(key, ReplayKey("WriteMeasurement", "g.bianchi", "r-1"));
  EXPECT_NE(key, ReplayKey("BatchWriteMeasurements", "m.rossi", "r-1"));
  EXPECT_EQ(key, ReplayKey("WriteMeasurement", "m.rossi", "r-1"));
}

TEST(RequestIdsTest, ARetryGetsTheFirstAnswerAndAnotherRequestIsRefused) {
  v1::WriteMeasurementRequest first;
  first.set_request_id("r-1");
  first.mutable_measurement()->set_entity("carpi");
  first.mutable_measurement()->set_value_text("81,5%");
  v1::WriteMeasurementRequest retry = first;
  retry.set_request_id("r-1");
  // The id itself is not part of what must match.
  v1::WriteMeasurementRequest same_without_id = first;
  same_without_id.clear_request_id();
  EXPECT_EQ(RequestFingerprint(first), RequestFingerprint(same_without_id));

  const std::string stored =
      EncodeReplay(RequestFingerprint(first), "the answer");
  absl::StatusOr<std::string> answer =
      MatchReplay(stored, RequestFingerprint(retry), "r-1");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(*answer, "the answer");

  v1::WriteMeasurementRequest other = first;
  other.mutable_measurement()->set_value_text("82%");
  absl::StatusOr<std::string> refused =
      MatchReplay(stored, RequestFingerprint(other), "r-1");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("r-1"), std::string::npos)
      << refused.status();

  EXPECT_EQ(MatchReplay("x", RequestFingerprint(first), "r-1").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(RequestIdsTest, DeterministicBytesAreStable) {
  v1::WriteMeasurementRequest r;
  r.mutable_measurement()->set_entity("carpi");
  r.set_author("m.rossi");
  EXPECT_EQ(DeterministicBytes(r), DeterministicBytes(r));
  v1::WriteMeasurementRequest back;
  ASSERT_TRUE(back.ParseFromString(DeterministicBytes(r)));
  EXPECT_EQ(back.author(), "m.rossi");
}

}  // namespace
}  // namespace valore
