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
