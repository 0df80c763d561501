#include "common/labels.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr v1::Outcome kOutcomes[] = {
    v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
    v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES, v1::OUTCOME_PARTLY_ACHIEVED,
    v1::OUTCOME_ACHIEVED};

constexpr v1::WellbeingDimension kDimensions[] = {
    v1::WELLBEING_DIMENSION_ENVIRONMENTAL,
    v1::WELLBEING_DIMENSION_CARE,
    v1::WELLBEING_DIMENSION_ECONOMIC,
    v1::WELLBEING_DIMENSION_EDUCATIONAL,
    v1::WELLBEING_DIMENSION_SOCIAL,
    v1::WELLBEING_DIMENSION_SOCIAL_SAFETY,
    v1::WELLBEING_DIMENSION_SOCIAL_URBAN,
    v1::WELLBEING_DIMENSION_INSTITUTIONAL};

void ExpectRoundTrip(const std::string& label, v1::Outcome outcome) {
  absl::StatusOr<v1::Outcome> parsed = ParseOutcome(label);
  ASSERT_TRUE(parsed.ok()) << label << ": " << parsed.status();
  EXPECT_EQ(*parsed, outcome) << label;
}

TEST(OutcomeLabelsTest, LineAndColumnLabelsRoundTrip) {
  for (v1::Outcome outcome : kOutcomes) {
    ExpectRoundTrip(LineOutcomeLabel(outcome), outcome);
    ExpectRoundTrip(OutcomeColumnLabel(outcome), outcome);
    ExpectRoundTrip(IndicatorOutcomeLabel(outcome), outcome);
  }
}

TEST(OutcomeLabelsTest, ObjectiveLabelsRoundTrip) {
  for (v1::Outcome outcome :
       {v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
        v1::OUTCOME_PARTLY_ACHIEVED, v1::OUTCOME_ACHIEVED}) {
    ExpectRoundTrip(ObjectiveOutcomeLabel(outcome), outcome);
  }
}

TEST(OutcomeLabelsTest, PrintedForms) {
  EXPECT_EQ(OutcomeColumnLabel(v1::OUTCOME_NOT_ASSESSABLE),
            "Non valutabile/ Altro");
  EXPECT_EQ(LineOutcomeLabel(v1::OUTCOME_PARTLY_ACHIEVED),
            "Quasi raggiunto (no criticità)");
  EXPECT_EQ(IndicatorOutcomeLabel(v1::OUTCOME_PARTLY_ACHIEVED),
            "quasi raggiunto");
  EXPECT_EQ(ObjectiveOutcomeLabel(v1::OUTCOME_PARTLY_ACHIEVED),
            "Quasi raggiunto");
  EXPECT_EQ(LineOutcomeLabel(v1::OUTCOME_UNSPECIFIED), "Non valutabile");
}

TEST(ParseOutcomeTest, CaseAndSpacesDoNotMatter) {
  ExpectRoundTrip("  RAGGIUNTO ", v1::OUTCOME_ACHIEVED);
  ExpectRoundTrip("Quasi  raggiunto\t(con criticità)",
                  v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  ExpectRoundTrip("QUASI RAGGIUNTO (CON CRITICITÀ)",
                  v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES);
  ExpectRoundTrip("Non valutabile/Altro", v1::OUTCOME_NOT_ASSESSABLE);
  ExpectRoundTrip("non raggiunto", v1::OUTCOME_NOT_ACHIEVED);
}

TEST(ParseOutcomeTest, ErrorsNameFieldAndQuoteText) {
  for (absl::string_view text : {"", "raggiunt", "quasi", "ok", "\xff"}) {
    absl::StatusOr<v1::Outcome> parsed = ParseOutcome(text, "rows[3].esito");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr("rows[3].esito"));
  }
  absl::StatusOr<v1::Outcome> parsed = ParseOutcome("fatto");
  EXPECT_THAT(parsed.status().message(),
              AllOf(HasSubstr("outcome"), HasSubstr("\"fatto\"")));
}

TEST(ParseOutcomeTest, LongTextIsCutInTheMessage) {
  absl::StatusOr<v1::Outcome> parsed = ParseOutcome(std::string(100000, 'x'));
  ASSERT_FALSE(parsed.ok());
  EXPECT_LT(parsed.status().message().size(), 500u);
}

TEST(DimensionLabelsTest, RoundTrip) {
  for (v1::WellbeingDimension dimension : kDimensions) {
    absl::StatusOr<v1::WellbeingDimension> parsed =
        ParseDimension(DimensionLabel(dimension));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, dimension);
  }
  EXPECT_EQ(DimensionLabel(v1::WELLBEING_DIMENSION_UNSPECIFIED), "");
}

TEST(ParseDimensionTest, AcceptsSpellingsOfTheData) {
  EXPECT_EQ(ParseDimension("Sociale (sicurezza)").value(),
            v1::WELLBEING_DIMENSION_SOCIAL_SAFETY);
  EXPECT_EQ(ParseDimension(" ISTITUZIONALE ").value(),
            v1::WELLBEING_DIMENSION_INSTITUTIONAL);
  EXPECT_EQ(ParseDimension("sociale (sociale)").value(),
            v1::WELLBEING_DIMENSION_SOCIAL);
  EXPECT_EQ(ParseDimension("sociale  (urbana)").value(),
            v1::WELLBEING_DIMENSION_SOCIAL_URBAN);
}

TEST(ParseDimensionTest, ErrorsNameFieldAndQuoteText) {
  absl::StatusOr<v1::WellbeingDimension> parsed =
      ParseDimension("culturale", "line.dimension");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(),
              AllOf(HasSubstr("line.dimension"), HasSubstr("\"culturale\"")));
  EXPECT_FALSE(ParseDimension("").ok());
  EXPECT_FALSE(ParseDimension("sociale (altro)").ok());
}

TEST(IsSocialTest, OnlyTheThreeSocialDimensions) {
  for (v1::WellbeingDimension dimension : kDimensions) {
    const bool social = dimension == v1::WELLBEING_DIMENSION_SOCIAL ||
                        dimension == v1::WELLBEING_DIMENSION_SOCIAL_SAFETY ||
                        dimension == v1::WELLBEING_DIMENSION_SOCIAL_URBAN;
    EXPECT_EQ(IsSocial(dimension), social) << DimensionLabel(dimension);
  }
  EXPECT_FALSE(IsSocial(v1::WELLBEING_DIMENSION_UNSPECIFIED));
}

}  // namespace
}  // namespace valore
