#include "services/common/grpc_status.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
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

// The ErrorInfo and BadRequest a client finds in the status details.
struct SentDetails {
  google::rpc::ErrorInfo info;
  google::rpc::BadRequest bad_request;
  int code = -1;
};
SentDetails DetailsSent(const grpc::Status& status) {
  SentDetails sent;
  const google::rpc::Status details = StatusDetailsOf(status);
  sent.code = details.code();
  for (const auto& any : details.details()) {
    if (!any.UnpackTo(&sent.info)) any.UnpackTo(&sent.bad_request);
  }
  return sent;
}

TEST(ToGrpcStatusTest, EveryErrorCarriesAReasonInItsDetails) {
  const SentDetails plain =
      DetailsSent(ToGrpcStatus(absl::FailedPreconditionError("x")));
  EXPECT_EQ(plain.code,
            static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_EQ(plain.info.reason(), "PRECONDITION_NOT_MET");
  EXPECT_EQ(plain.info.domain(), "valore.v1");
  EXPECT_EQ(plain.bad_request.field_violations_size(), 0);

  const SentDetails locked = DetailsSent(ToGrpcStatus(
      WithReason(absl::FailedPreconditionError("period 2023S2 is locked"),
                 v1::PERIOD_LOCKED, {{"period", "2023S2"}})));
  EXPECT_EQ(locked.info.reason(), "PERIOD_LOCKED");
  EXPECT_EQ(locked.info.metadata().at("period"), "2023S2");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).error_details().empty());
}

TEST(ToGrpcStatusTest, BadFieldsTravelAsViolationsWithinBounds) {
  absl::Status status = InvalidFieldError("measurements[0].value", "bad");
  for (int i = 1; i < 500; ++i) {
    status = WithFieldViolation(std::move(status),
                                absl::StrCat("measurements[", i, "].value"),
                                std::string(1000, 'x'));
  }
  const grpc::Status sent = ToGrpcStatus(status);
  EXPECT_LT(sent.error_details().size(), kMaxStatusDetailsBytes);
  const SentDetails details = DetailsSent(sent);
  ASSERT_GE(details.bad_request.field_violations_size(), 2);
  EXPECT_EQ(details.bad_request.field_violations(0).field(),
            "measurements[0].value");
  EXPECT_LE(details.bad_request.field_violations(1).description().size(), 200u);
}

TEST(FromDependencyTest, KeepsTheDependencysReasonAndFields) {
  const grpc::Status sent = ToGrpcStatus(
      WithReason(InvalidFieldError("period", "\"2023S3\" is not a period"),
                 v1::INVALID_PERIOD));
  const absl::Status got = FromDependency(sent, "capture service at x:1");
  EXPECT_EQ(got.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(got.message()),
              StartsWith("capture service at x:1: period"));
  EXPECT_EQ(ReasonOf(got), v1::INVALID_PERIOD);
  EXPECT_EQ(BadRequestOf(got).field_violations(0).field(), "period");
}

TEST(FromDependencyTest, AnUnavailableDependencyIsNamed) {
  const absl::Status got =
      FromDependency(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "late"),
                     "catalog service at x:1");
  EXPECT_EQ(got.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(got), v1::DEPENDENCY_UNAVAILABLE);
  EXPECT_EQ(ErrorInfoOf(got).metadata().at("dependency"),
            "catalog service at x:1");
}

}  // namespace
}  // namespace valore
