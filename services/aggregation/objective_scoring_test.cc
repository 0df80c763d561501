#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/aggregation/evaluation.h"
#include "services/aggregation/evaluation_test_values.h"

namespace valore::aggregation {
namespace {

using namespace test_values;  // NOLINT: the values every test here uses

// ScoreSectors (objective_scoring.cc).

// --- Sector scores ----------------------------------------------------------

v1::ObjectiveResult Objective(
    const std::string& code,
    std::initializer_list<std::pair<std::string, double>> weights,
    const v1::Value* value) {
  v1::ObjectiveResult o;
  o.set_code(code);
  for (const auto& [sector, percent] : weights) {
    v1::SectorWeight* w = o.add_weights();
    w->set_sector(sector);
    w->set_percent(percent);
  }
  if (value != nullptr) *o.mutable_value() = *value;
  return o;
}

TEST(ScoreSectorsTest, SharedObjectiveAndIncompleteSector) {
  v1::Value v100 = Num(100, v1::UNIT_PERCENT);
  v1::Value v80 = Num(80, v1::UNIT_PERCENT);
  v1::Value v90 = Num(0.9);  // a fraction: 90%
  v1::Value v60 = Num(60, v1::UNIT_PERCENT);
  v1::Value v50 = Num(50, v1::UNIT_PERCENT);
  std::vector<v1::ObjectiveResult> objectives = {
      // One objective weighing 15% in S1 and 5% in S2.
      Objective("SG.00001", {{"S1", 15}, {"S2", 5}}, &v100),
      Objective("S1.00001", {{"S1", 85}}, &v80),
      Objective("S2.00001", {{"S2", 95}}, &v90),
      Objective("S3.00001", {{"S3", 50}}, &v60),
      Objective("S4.00001", {{"S4", 60}}, &v50),
      Objective("S4.00002", {{"S4", 40}}, nullptr),  // no value yet
  };
  v1::Sector s1;
  s1.set_code("S1");
  s1.set_display_name("Settore Affari generali");
  v1::Sector sg;
  sg.set_code("SG");
  sg.set_display_name("Segreteria generale");

  std::vector<v1::SectorScore> scores = ScoreSectors(objectives, {sg, s1});
  ASSERT_EQ(scores.size(), 4u);  // SG carries no weight of its own
  EXPECT_EQ(scores[0].sector(), "S1");
  EXPECT_EQ(scores[1].sector(), "S2");
  EXPECT_EQ(scores[2].sector(), "S3");
  EXPECT_EQ(scores[3].sector(), "S4");

  EXPECT_EQ(scores[0].display_name(), "Settore Affari generali");
  EXPECT_EQ(scores[0].objectives(), 2);
  EXPECT_DOUBLE_EQ(scores[0].weight_sum(), 100);
  EXPECT_DOUBLE_EQ(scores[0].score(), (15 * 100.0 + 85 * 80.0) / 100);
  EXPECT_TRUE(scores[0].weights_complete());

  EXPECT_EQ(scores[1].display_name(), "");
  EXPECT_DOUBLE_EQ(scores[1].score(), (5 * 100.0 + 95 * 90.0) / 100);
  EXPECT_TRUE(scores[1].weights_complete());

  EXPECT_DOUBLE_EQ(scores[2].weight_sum(), 50);
  EXPECT_DOUBLE_EQ(scores[2].score(), 60);
  EXPECT_FALSE(scores[2].weights_complete());

  // The objective without a value is out of the score, not in the weights.
  EXPECT_EQ(scores[3].objectives(), 2);
  EXPECT_DOUBLE_EQ(scores[3].weight_sum(), 100);
  EXPECT_TRUE(scores[3].weights_complete());
  EXPECT_DOUBLE_EQ(scores[3].score(), 50);
}

TEST(ScoreSectorsTest, WeightsWithinAHundredthAreComplete) {
  v1::Value v = Num(100, v1::UNIT_PERCENT);
  auto scores = ScoreSectors({Objective("S5.1", {{"S5", 33.333}}, &v),
                              Objective("S5.2", {{"S5", 66.667}}, &v),
                              Objective("S6.1", {{"S6", 99.98}}, &v)},
                             {});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_TRUE(scores[0].weights_complete());
  EXPECT_FALSE(scores[1].weights_complete());
  EXPECT_TRUE(ScoreSectors({}, {}).empty());
}

}  // namespace
}  // namespace valore::aggregation
