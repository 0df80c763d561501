// A value written as text is read by the capture service against the item's
// target: what was understood is stored and returned; a text that does not
// fit is refused naming the field and stores nothing. `valore write` sends
// the text as typed.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

class ValueTextTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportAll(ReadShippedData(), suite_); }

  static v1::Measurement Text(const std::string& entity,
                              const std::string& item,
                              const std::string& period,
                              const std::string& text) {
    v1::Measurement m;
    m.set_entity(entity);
    m.set_item(item);
    m.set_period(period);
    m.set_value_text(text);
    return m;
  }

  grpc::Status Write(const v1::Measurement& m, v1::Measurement* out,
                     const std::string& request_id = "") {
    v1::WriteMeasurementRequest request;
    *request.mutable_measurement() = m;
    request.set_request_id(request_id);
    return suite_.capture().Stub()->WriteMeasurement(Deadline().get(), request,
                                                     out);
  }

  std::vector<v1::Measurement> Revisions(const std::string& entity,
                                         const std::string& item,
                                         const std::string& period) {
    return AllRevisions(*suite_.capture().Stub(), entity, item, period);
  }

  // The fields a refusal names in its google.rpc.BadRequest.
  static std::vector<std::string> BadFields(const grpc::Status& s) {
    google::rpc::Status details;
    std::vector<std::string> fields;
    if (!details.ParseFromString(s.error_details())) return fields;
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad;
      if (!any.UnpackTo(&bad)) continue;
      for (const auto& v : bad.field_violations()) fields.push_back(v.field());
    }
    return fields;
  }

  Suite suite_;
};

TEST_F(ValueTextTest, TheServiceReadsTheTextAndSaysWhatItUnderstood) {
  v1::Measurement out;
  ASSERT_TRUE(Write(Text("carpi", "00002", "2024S1", "81,5%"), &out).ok());
  EXPECT_EQ(out.value().number().value(), 81.5);
  EXPECT_EQ(out.value().number().unit(), v1::UNIT_PERCENT);
  EXPECT_EQ(out.value().display(), "81,5%");
  EXPECT_TRUE(out.value_text().empty());
  const auto stored = Revisions("carpi", "00002", "2024S1");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value().number().value(), 81.5);
  EXPECT_EQ(stored[0].value().display(), "81,5%");

  // Composite: one number per condition of 00009's 2023 target, in order.
  ASSERT_TRUE(Write(Text("carpi", "00009", "2023S2",
                         "624 iscritti 294 scrutinati 130 promossi"),
                    &out)
                  .ok());
  ASSERT_EQ(out.value().composite().parts_size(), 3);
  EXPECT_EQ(out.value().composite().parts(1).value(), 294);

  ASSERT_TRUE(
      Write(Text("soliera", "00002", "2024S1", "Non rilevabile"), &out).ok());
  EXPECT_TRUE(out.value().has_not_measurable());

  // A retry of the same request stores once and answers the same.
  v1::Measurement first, again;
  ASSERT_TRUE(
      Write(Text("novi-di-modena", "00002", "2024S1", "3.593"), &first, "r-1")
          .ok());
  ASSERT_TRUE(
      Write(Text("novi-di-modena", "00002", "2024S1", "3.593"), &again, "r-1")
          .ok());
  EXPECT_EQ(first.revision(), again.revision());
  EXPECT_EQ(again.value().number().value(), 3593);
  EXPECT_EQ(Revisions("novi-di-modena", "00002", "2024S1").size(), 1u);
}

TEST_F(ValueTextTest, ATextThatDoesNotFitIsRefusedAndStoresNothing) {
  v1::Measurement out;
  for (const auto& [item, text] :
       std::vector<std::pair<std::string, std::string>>{
           {"00002", "buono"},
           {"00009", "624 iscritti 294 scrutinati"},
           {"00009", "624 iscritti 294 scrutinati 130 promossi 7 ritirati"}}) {
    const grpc::Status s = Write(Text("carpi", item, "2023S2", text), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << text;
    EXPECT_THAT(s.error_message(), HasSubstr("measurement.value_text"));
    EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("\"", text, "\"")));
    EXPECT_THAT(BadFields(s), ::testing::ElementsAre("measurement.value_text"));
    EXPECT_TRUE(Revisions("carpi", item, "2023S2").empty()) << text;
  }
  v1::Measurement both = Text("carpi", "00002", "2024S1", "81,5%");
  both.mutable_value()->mutable_number()->set_value(81.5);
  const grpc::Status s = Write(both, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("value_text"));

  // A batch names the bad record and stores none of the others.
  v1::BatchWriteMeasurementsRequest batch;
  *batch.add_measurements() = Text("carpi", "00002", "2024S2", "90%");
  *batch.add_measurements() = Text("carpi", "00002", "2024S1", "novanta");
  v1::BatchWriteMeasurementsResponse response;
  const grpc::Status b = suite_.capture().Stub()->BatchWriteMeasurements(
      Deadline().get(), batch, &response);
  EXPECT_EQ(b.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(b),
              ::testing::ElementsAre("measurements[1].value_text"));
  EXPECT_TRUE(Revisions("carpi", "00002", "2024S2").empty());
}

TEST_F(ValueTextTest, TheCliSendsTheTextAsTyped) {
  std::string printed;
  ASSERT_EQ(RunProgram({VALORE_CLI_BINARY, "write", "carpi", "00002", "2024S1",
                        "81,5%", "--note", "verificato",
                        absl::StrCat("--capture=", suite_.capture().address()),
                        absl::StrCat("--catalog=", suite_.catalog().address()),
                        "--author=ufficio"},
                       &printed),
            0);
  EXPECT_THAT(printed, HasSubstr("81,5%"));
  EXPECT_THAT(printed, HasSubstr("read as the number 81,5%"));
  const auto stored = Revisions("carpi", "00002", "2024S1");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value().number().value(), 81.5);
  EXPECT_EQ(stored[0].value().number().unit(), v1::UNIT_PERCENT);
  EXPECT_EQ(stored[0].note(), "verificato");

  // A word for a number: refused by the service, exit code 1.
  EXPECT_NE(
      RunProgram({VALORE_CLI_BINARY, "write", "carpi", "00002", "2024S2",
                  "buono",
                  absl::StrCat("--capture=", suite_.capture().address()),
                  absl::StrCat("--catalog=", suite_.catalog().address())}),
      0);
  EXPECT_TRUE(Revisions("carpi", "00002", "2024S2").empty());
}

}  // namespace
}  // namespace valore::testing
