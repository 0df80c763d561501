#include "services/gateway/problem.h"

#include "common/error_details.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace valore::gateway {
namespace {

google::protobuf::Struct Parse(const std::string& json) {
  google::protobuf::Struct document;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &document).ok())
      << json;
  return document;
}

TEST(ProblemTest, StatusFollowsCodeProtoMapping) {
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kFailedPrecondition), 400);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kCancelled), 499);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnimplemented), 501);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kDeadlineExceeded), 504);
}

TEST(ProblemTest, DocumentCarriesReasonDetailAndViolations) {
  const absl::Status status = InvalidFieldError(
      "measurement.period", "\"2023X\" is not a period", v1::INVALID_PERIOD);
  const google::protobuf::Struct document =
      Parse(ProblemJson(status, "/rest/valore/v1/measurements"));
  const auto& fields = document.fields();
  EXPECT_EQ(fields.at("type").string_value(),
            "urn:valore:problem:INVALID_PERIOD");
  EXPECT_EQ(fields.at("title").string_value(), "Bad Request");
  EXPECT_EQ(fields.at("status").number_value(), 400);
  EXPECT_EQ(fields.at("detail").string_value(), status.message());
  EXPECT_EQ(fields.at("instance").string_value(),
            "/rest/valore/v1/measurements");
  const auto& violations = fields.at("violations").list_value();
  ASSERT_EQ(violations.values_size(), 1);
  EXPECT_EQ(
      violations.values(0).struct_value().fields().at("field").string_value(),
      "measurement.period");
}

TEST(ProblemTest, BytesThatAreNotUtf8StillMakeAJsonDocument) {
  const std::string path = "/rest/valore/v1/entities/\xff\xfe";
  const google::protobuf::Struct document =
      Parse(ProblemJson(absl::NotFoundError("no resource at " + path), path));
  EXPECT_EQ(document.fields().at("status").number_value(), 404);
  EXPECT_NE(document.fields().at("instance").string_value().find("entities/"),
            std::string::npos);
}

TEST(ProblemTest, ExplicitStatusWinsAndViolationsAreAnEmptyList) {
  const google::protobuf::Struct document =
      Parse(ProblemJson(absl::InvalidArgumentError("x"), "/p", 415));
  EXPECT_EQ(document.fields().at("status").number_value(), 415);
  EXPECT_EQ(document.fields().at("title").string_value(),
            "Unsupported Media Type");
  EXPECT_EQ(document.fields().at("violations").list_value().values_size(), 0);
  EXPECT_TRUE(document.fields().at("violations").has_list_value());
}

}  // namespace
}  // namespace valore::gateway
