#include "importer/record_problems.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::import {
namespace {

using ::testing::HasSubstr;

DataFolder Shipped() {
  absl::StatusOr<DataFolder> data = ReadDataFolder(
      std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023");
  EXPECT_TRUE(data.ok()) << data.status();
  return *std::move(data);
}

TEST(FindRecordProblemsTest, ShippedFolderHasNone) {
  const DataFolder data = Shipped();
  ASSERT_EQ(data.measurement_sources.size(), data.measurements.size());
  ASSERT_EQ(data.validated_sources.size(), data.validated_outcomes.size());
  for (const v1::ImportProblem& p : FindRecordProblems(data)) {
    ADD_FAILURE() << p.source().file() << " row " << p.source().row() << ": "
                  << p.message();
  }
}

TEST(FindRecordProblemsTest, EveryProblemWithItsFileAndRow) {
  DataFolder data = Shipped();
  ASSERT_GE(data.measurements.size(), 3u);
  data.measurements[0].set_item("99999");
  data.measurements[1].set_entity("modena");
  data.measurements[2].set_period("2023S3");
  ASSERT_FALSE(data.validated_outcomes.empty());
  data.validated_outcomes[0].set_item("99999");
  ASSERT_FALSE(data.published.empty());
  data.published.begin()->second[0].set_percent(140);

  const std::vector<v1::ImportProblem> problems = FindRecordProblems(data);
  ASSERT_EQ(problems.size(), 5u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(problems[i].source().file(), data.measurement_sources[i].file());
    EXPECT_EQ(problems[i].source().row(), data.measurement_sources[i].row());
    EXPECT_GT(problems[i].source().row(), 0);
  }
  EXPECT_THAT(problems[0].message(),
              HasSubstr("\"99999\" is not in the catalog"));
  EXPECT_THAT(problems[1].message(), HasSubstr("\"modena\""));
  EXPECT_THAT(problems[2].message(), HasSubstr("2023S3"));
  EXPECT_EQ(problems[3].source().file(), data.validated_sources[0].file());
  EXPECT_THAT(problems[3].message(), HasSubstr("validated outcome of 99999"));
  EXPECT_EQ(problems[4].source().file(), "summary_expected.csv");
  EXPECT_EQ(problems[4].field(), "percent");
}

TEST(FindRecordProblemsTest, AValueThatDoesNotFitItsTarget) {
  DataFolder data = Shipped();
  // An executive objective's value is a % achieved.
  for (size_t i = 0; i < data.measurements.size(); ++i) {
    v1::Measurement& m = data.measurements[i];
    if (m.item().find('.') == std::string::npos) continue;  // not "S1.00001"
    m.set_value_text("tutto bene");
    const std::vector<v1::ImportProblem> problems = FindRecordProblems(data);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].field(), "value_text");
    EXPECT_EQ(problems[0].source().row(), data.measurement_sources[i].row());
    return;
  }
  FAIL() << "the shipped folder has no executive objective's value";
}

}  // namespace
}  // namespace valore::import
