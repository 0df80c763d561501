#include "services/common/grpc_status.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ToGrpcStatusTest, KeepsCodeAndShortMessages) {
  const grpc::Status s =
      ToGrpcStatus(absl::NotFoundError("entity \"milano\" is not known"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "entity \"milano\" is not known");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(ToGrpcStatusTest, CutsALongListAtALineAndCountsTheRest) {
  std::string message = "catalog: 5000 problem(s), nothing stored:";
  for (int i = 0; i < 5000; ++i) {
    absl::StrAppend(&message, "\n  indicators[", i, "].code: duplicate");
  }
  const grpc::Status s = ToGrpcStatus(absl::InvalidArgumentError(message));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(s.error_message().size(), kMaxStatusMessageBytes);
  EXPECT_THAT(s.error_message(), StartsWith("catalog: 5000 problem(s)"));
  EXPECT_THAT(s.error_message(),
              HasSubstr(absl::StrCat(message.size(), " bytes in all")));
  EXPECT_THAT(s.error_message(), HasSubstr("more lines"));
}

TEST(ToGrpcStatusTest, CutsOneLongLineBetweenCharacters) {
  std::string message = "name: ";
  for (int i = 0; i < 3000; ++i) message += "≥";  // three bytes each
  const grpc::Status s = ToGrpcStatus(absl::InvalidArgumentError(message));
  EXPECT_LT(s.error_message().size(), kMaxStatusMessageBytes);
  EXPECT_THAT(s.error_message(), EndsWith(" bytes in all)"));
  // Still valid UTF-8: the cut fell before a whole "≥".
  const std::string kept =
      s.error_message().substr(0, s.error_message().find("..."));
  EXPECT_EQ((kept.size() - 6) % 3, 0u);
}

}  // namespace
}  // namespace valore
