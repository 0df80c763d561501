#include "common/error_details.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(ErrorDetailsTest, AReasonTravelsWithTheStatus) {
  const absl::Status status =
      WithReason(absl::NotFoundError("entity \"milano\" is not known"),
                 v1::ENTITY_NOT_FOUND, {{"entity", "milano"}});
  EXPECT_EQ(status.message(), "entity \"milano\" is not known");
  const google::rpc::ErrorInfo info = ErrorInfoOf(status);
  EXPECT_EQ(info.reason(), "ENTITY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "valore.v1");
  EXPECT_EQ(info.metadata().at("entity"), "milano");
  EXPECT_EQ(ReasonOf(status), v1::ENTITY_NOT_FOUND);
  // Copies keep it: a status returned through layers still says why.
  const absl::Status copy = status;
  EXPECT_EQ(ReasonOf(copy), v1::ENTITY_NOT_FOUND);
}

TEST(ErrorDetailsTest, EveryCodeHasAReasonWithoutOneAttached) {
  EXPECT_EQ(ReasonOf(absl::InvalidArgumentError("x")), v1::INVALID_FIELD);
  EXPECT_EQ(ReasonOf(absl::NotFoundError("x")), v1::RESOURCE_NOT_FOUND);
  EXPECT_EQ(ReasonOf(absl::FailedPreconditionError("x")),
            v1::PRECONDITION_NOT_MET);
  EXPECT_EQ(ReasonOf(absl::UnavailableError("x")), v1::SERVICE_UNAVAILABLE);
  EXPECT_EQ(ReasonOf(absl::DataLossError("x")), v1::STORED_DATA_UNREADABLE);
  EXPECT_EQ(ReasonOf(absl::UnknownError("x")), v1::INTERNAL_FAILURE);
  EXPECT_EQ(ErrorInfoOf(absl::AbortedError("x")).domain(), "valore.v1");
  EXPECT_EQ(ReasonOf(absl::OkStatus()), v1::ERROR_REASON_UNSPECIFIED);
  EXPECT_EQ(ErrorInfoOf(absl::OkStatus()).reason(), "");
}

TEST(ErrorDetailsTest, AnOkStatusTakesNoDetails) {
  const absl::Status status = WithFieldViolation(
      WithReason(absl::OkStatus(), v1::PERIOD_LOCKED), "period", "locked");
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(BadRequestOf(status).field_violations_size(), 0);
}

TEST(ErrorDetailsTest, InvalidFieldNamesTheFieldInMessageAndViolation) {
  absl::Status status =
      InvalidFieldError("measurements[1].value", "expected 2 parts, got 3",
                        v1::VALUE_DOES_NOT_FIT_TARGET);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "measurements[1].value: expected 2 parts, got 3");
  EXPECT_EQ(ReasonOf(status), v1::VALUE_DOES_NOT_FIT_TARGET);
  status = WithFieldViolation(std::move(status), "measurements[4].period",
                              "not a period");
  const google::rpc::BadRequest bad = BadRequestOf(status);
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "measurements[1].value");
  EXPECT_EQ(bad.field_violations(0).description(), "expected 2 parts, got 3");
  EXPECT_EQ(bad.field_violations(1).field(), "measurements[4].period");
  EXPECT_EQ(InvalidFieldError("x", "y").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(InvalidFieldError("x", "y")), v1::INVALID_FIELD);
}

TEST(ErrorDetailsTest, DetailsMoveOntoAStatusMadeFromAnother) {
  const absl::Status from = InvalidFieldError(
      "period", "\"2023S3\" is not a period", v1::INVALID_PERIOD);
  const absl::Status to = WithDetailsOf(
      absl::InvalidArgumentError(absl::StrCat("import: ", from.message())),
      from);
  EXPECT_EQ(ReasonOf(to), v1::INVALID_PERIOD);
  EXPECT_EQ(BadRequestOf(to).field_violations(0).field(), "period");
}

}  // namespace
}  // namespace valore
