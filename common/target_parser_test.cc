#include "common/target_parser.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;
using v1::Target;

Target MustParse(absl::string_view text) {
  absl::StatusOr<Target> target = ParseTarget(text);
  EXPECT_TRUE(target.ok()) << text << ": " << target.status();
  EXPECT_EQ(target.value_or(Target()).text(), text);
  return target.value_or(Target());
}

// Checks one component: comparator, value, unit and label.
void ExpectComponent(const Target& target, int index, v1::Comparator comparator,
                     double value, v1::Unit unit,
                     absl::string_view label = "") {
  SCOPED_TRACE(target.text());
  ASSERT_LT(index, target.threshold().components_size());
  const v1::TargetComponent& c = target.threshold().components(index);
  EXPECT_EQ(c.comparator(), comparator);
  EXPECT_DOUBLE_EQ(c.threshold().value(), value);
  EXPECT_EQ(c.threshold().unit(), unit);
  EXPECT_EQ(c.threshold().label(), label);
}

TEST(ParseTargetTest, NoTarget) {
  for (absl::string_view text : {"==", "", "  ", " == "}) {
    const Target target = MustParse(text);
    EXPECT_EQ(target.form_case(), Target::kNone) << text;
    EXPECT_EQ(target.threshold().components_size(), 0);
  }
}

TEST(ParseTargetTest, Comparators) {
  ExpectComponent(MustParse("> 85%"), 0, v1::COMPARATOR_GREATER, 85,
                  v1::UNIT_PERCENT);
  ExpectComponent(MustParse("≥ 99%"), 0, v1::COMPARATOR_AT_LEAST, 99,
                  v1::UNIT_PERCENT);
  ExpectComponent(MustParse("≤ 433"), 0, v1::COMPARATOR_AT_MOST, 433,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("<0,10"), 0, v1::COMPARATOR_LESS, 0.1,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse(">=220"), 0, v1::COMPARATOR_AT_LEAST, 220,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse(">= 0,3"), 0, v1::COMPARATOR_AT_LEAST, 0.3,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("<= 7"), 0, v1::COMPARATOR_AT_MOST, 7,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("= 12"), 0, v1::COMPARATOR_EQUAL, 12,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("≥1.418"), 0, v1::COMPARATOR_AT_LEAST, 1418,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("≤ 37,5 %"), 0, v1::COMPARATOR_AT_MOST, 37.5,
                  v1::UNIT_PERCENT);
}

TEST(ParseTargetTest, ComparatorWords) {
  ExpectComponent(MustParse("più di 70 giorni"), 0, v1::COMPARATOR_GREATER, 70,
                  v1::UNIT_DAYS);
  ExpectComponent(MustParse("Al massimo 3 reclami"), 0, v1::COMPARATOR_AT_MOST,
                  3, v1::UNIT_NUMBER, "reclami");
  ExpectComponent(MustParse("almeno il 50%"), 0, v1::COMPARATOR_AT_LEAST, 50,
                  v1::UNIT_PERCENT);
}

TEST(ParseTargetTest, BareNumbersAreAtLeast) {
  const Target target = MustParse("16");
  EXPECT_EQ(target.form_case(), Target::kThreshold);
  ASSERT_EQ(target.threshold().components_size(), 1);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 16, v1::UNIT_NUMBER);
  ExpectComponent(MustParse("2.250"), 0, v1::COMPARATOR_AT_LEAST, 2250,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("4.900.000,00"), 0, v1::COMPARATOR_AT_LEAST,
                  4900000, v1::UNIT_NUMBER);
  ExpectComponent(MustParse("86%"), 0, v1::COMPARATOR_AT_LEAST, 86,
                  v1::UNIT_PERCENT);
}

TEST(ParseTargetTest, LoneOneIsRatio) {
  ExpectComponent(MustParse("1"), 0, v1::COMPARATOR_AT_LEAST, 1,
                  v1::UNIT_RATIO);
  ExpectComponent(MustParse(" 1 "), 0, v1::COMPARATOR_AT_LEAST, 1,
                  v1::UNIT_RATIO);
  // With a comparator it is a count.
  ExpectComponent(MustParse("≥1"), 0, v1::COMPARATOR_AT_LEAST, 1,
                  v1::UNIT_NUMBER);
  ExpectComponent(MustParse("1 evento"), 0, v1::COMPARATOR_AT_LEAST, 1,
                  v1::UNIT_NUMBER, "evento");
}

TEST(ParseTargetTest, Units) {
  ExpectComponent(MustParse("Almeno 32,00 euro"), 0, v1::COMPARATOR_AT_LEAST,
                  32, v1::UNIT_EURO);
  ExpectComponent(MustParse("≥ € 1.000"), 0, v1::COMPARATOR_AT_LEAST, 1000,
                  v1::UNIT_EURO);
  ExpectComponent(MustParse("≤ 500€"), 0, v1::COMPARATOR_AT_MOST, 500,
                  v1::UNIT_EURO);
  ExpectComponent(MustParse("≤1,03 Kmq"), 0, v1::COMPARATOR_AT_MOST, 1.03,
                  v1::UNIT_AREA_KM2);
  ExpectComponent(MustParse("≤ 2 km²"), 0, v1::COMPARATOR_AT_MOST, 2,
                  v1::UNIT_AREA_KM2);
  ExpectComponent(MustParse("≤ 30 giorni"), 0, v1::COMPARATOR_AT_MOST, 30,
                  v1::UNIT_DAYS);
  ExpectComponent(MustParse("≤ 30 gg."), 0, v1::COMPARATOR_AT_MOST, 30,
                  v1::UNIT_DAYS);
}

TEST(ParseTargetTest, CompositeWithSemicolonsAndComparators) {
  const Target target =
      MustParse("≥ 750 iscritti; ≥ 650 scrutinati ≥ 320 promossi agli esami");
  EXPECT_EQ(target.form_case(), Target::kThreshold);
  ASSERT_EQ(target.threshold().components_size(), 3);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 750, v1::UNIT_NUMBER,
                  "iscritti");
  ExpectComponent(target, 1, v1::COMPARATOR_AT_LEAST, 650, v1::UNIT_NUMBER,
                  "scrutinati");
  ExpectComponent(target, 2, v1::COMPARATOR_AT_LEAST, 320, v1::UNIT_NUMBER,
                  "promossi agli esami");
}

TEST(ParseTargetTest, CompositeOfBareNumbers) {
  const Target target = MustParse("4 iniziative 1.000 studenti 80 docenti");
  ASSERT_EQ(target.threshold().components_size(), 3);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 4, v1::UNIT_NUMBER,
                  "iniziative");
  ExpectComponent(target, 1, v1::COMPARATOR_AT_LEAST, 1000, v1::UNIT_NUMBER,
                  "studenti");
  ExpectComponent(target, 2, v1::COMPARATOR_AT_LEAST, 80, v1::UNIT_NUMBER,
                  "docenti");
}

TEST(ParseTargetTest, CompositeWithSlash) {
  const Target target = MustParse("> 95% consigli di nido / 22 nuovi progetti");
  ASSERT_EQ(target.threshold().components_size(), 2);
  ExpectComponent(target, 0, v1::COMPARATOR_GREATER, 95, v1::UNIT_PERCENT,
                  "consigli di nido");
  ExpectComponent(target, 1, v1::COMPARATOR_AT_LEAST, 22, v1::UNIT_NUMBER,
                  "nuovi progetti");
}

TEST(ParseTargetTest, SlashBetweenWordsStaysInTheLabel) {
  const Target target = MustParse("250 educatori / insegnanti");
  ASSERT_EQ(target.threshold().components_size(), 1);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 250, v1::UNIT_NUMBER,
                  "educatori / insegnanti");
}

TEST(ParseTargetTest, AlmenoAppliesToEveryComponentWithoutItsOwn) {
  const Target target =
      MustParse("Almeno 3.700 alunni; 270 docenti; < 470 genitori");
  ASSERT_EQ(target.threshold().components_size(), 3);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 3700, v1::UNIT_NUMBER,
                  "alunni");
  ExpectComponent(target, 1, v1::COMPARATOR_AT_LEAST, 270, v1::UNIT_NUMBER,
                  "docenti");
  ExpectComponent(target, 2, v1::COMPARATOR_LESS, 470, v1::UNIT_NUMBER,
                  "genitori");
}

TEST(ParseTargetTest, ScaleAndLabelBeforeTheComparator) {
  const Target target = MustParse(
      "60 studenti 70% Istituti Comprensivi Valutazione dei ragazzi ≥ 8 su "
      "10");
  ASSERT_EQ(target.threshold().components_size(), 3);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 60, v1::UNIT_NUMBER,
                  "studenti");
  ExpectComponent(target, 1, v1::COMPARATOR_AT_LEAST, 70, v1::UNIT_PERCENT,
                  "Istituti Comprensivi");
  ExpectComponent(target, 2, v1::COMPARATOR_AT_LEAST, 8, v1::UNIT_NUMBER,
                  "Valutazione dei ragazzi");
  EXPECT_EQ(target.threshold().components(2).scale(), 10);
  EXPECT_EQ(target.threshold().components(0).scale(), 0);
}

TEST(ParseTargetTest, SlashScale) {
  const Target target = MustParse("≥ 8/10");
  ASSERT_EQ(target.threshold().components_size(), 1);
  EXPECT_EQ(target.threshold().components(0).scale(), 10);
}

TEST(ParseTargetTest, LeadingWordsLabelTheFirstComponent) {
  const Target target = MustParse("Soddisfazione ≥ 7,5");
  ASSERT_EQ(target.threshold().components_size(), 1);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 7.5, v1::UNIT_NUMBER,
                  "Soddisfazione");
}

TEST(ParseTargetTest, ParenthesesGoToNote) {
  Target target = MustParse(
      "≥ 4.400.000 (senza servizi infanzia, mensa, trasporto, manutenzioni)");
  ASSERT_EQ(target.threshold().components_size(), 1);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 4400000, v1::UNIT_NUMBER);
  EXPECT_EQ(target.note(),
            "senza servizi infanzia, mensa, trasporto, manutenzioni");

  target = MustParse(
      "480 bambini in base ad accessi; >150 bambini frequentanti (più di 70 "
      "gg.)");
  ASSERT_EQ(target.threshold().components_size(), 2);
  ExpectComponent(target, 0, v1::COMPARATOR_AT_LEAST, 480, v1::UNIT_NUMBER,
                  "bambini in base ad accessi");
  ExpectComponent(target, 1, v1::COMPARATOR_GREATER, 150, v1::UNIT_NUMBER,
                  "bambini frequentanti");
  EXPECT_EQ(target.note(), "più di 70 gg.");
}

TEST(ParseTargetTest, NestedAndUnclosedParentheses) {
  Target target = MustParse("≥ 5 (a (b) c) (d)");
  EXPECT_EQ(target.threshold().components_size(), 1);
  EXPECT_EQ(target.note(), "a (b) c; d");
  target = MustParse("≥ 5 (senza 7");
  EXPECT_EQ(target.threshold().components_size(), 1);
  EXPECT_EQ(target.note(), "senza 7");
  target = MustParse("≥ 5) 7");
  EXPECT_EQ(target.form_case(), Target::kThreshold);
}

TEST(ParseTargetTest, Qualitative) {
  for (absl::string_view text :
       {"Report semestrale", "Adozione e Approvazione PUG",
        "Rispetto cronoprogramma e attività finalizzate alla adozione ed "
        "approvazione del PUG (50%)",
        "Entro il 30/06/2024", "Attivazione servizio 0-6", "Avvio 2023S1", "±",
        "≥", "su"}) {
    const Target target = MustParse(text);
    EXPECT_EQ(target.form_case(), Target::kQualitative) << text;
    EXPECT_EQ(target.threshold().components_size(), 0) << text;
  }
  EXPECT_EQ(MustParse("Rispetto del PUG (50%)").note(), "50%");
}

TEST(ParseTargetTest, Band) {
  Target target = MustParse("±3%");
  EXPECT_EQ(target.form_case(), Target::kBand);
  EXPECT_EQ(target.band().width(), 3);
  EXPECT_TRUE(target.band().relative());
  EXPECT_EQ(target.threshold().components_size(), 0);

  target = MustParse("±3");
  EXPECT_EQ(target.form_case(), Target::kBand);
  EXPECT_EQ(target.band().width(), 3);
  EXPECT_FALSE(target.band().relative());

  target = MustParse("+/- 2,5 %");
  EXPECT_EQ(target.form_case(), Target::kBand);
  EXPECT_EQ(target.band().width(), 2.5);
  EXPECT_TRUE(target.band().relative());
}

TEST(ParseTargetTest, EntityCount) {
  Target target = MustParse("5 enti su 5");
  EXPECT_EQ(target.form_case(), Target::kEntityCount);
  EXPECT_EQ(target.entity_count().required(), 5);
  EXPECT_EQ(target.entity_count().total(), 5);
  target = MustParse("4 Comuni su 4");
  EXPECT_EQ(target.form_case(), Target::kEntityCount);
  EXPECT_EQ(target.entity_count().required(), 4);
  // Not a count of entities: a threshold.
  EXPECT_EQ(MustParse("5,5 enti su 5").form_case(), Target::kThreshold);
  EXPECT_EQ(MustParse("1e9 enti su 5").form_case(), Target::kThreshold);
}

TEST(ParseTargetTest, DoesNotSplitCodesDatesOrRanges) {
  Target target = MustParse("≥ 8 bambini 0-3 anni");
  ASSERT_EQ(target.threshold().components_size(), 1);
  EXPECT_EQ(target.threshold().components(0).threshold().label(),
            "bambini 0-3 anni");
  target = MustParse("≥ 3 report entro il 31/12/2023");
  ASSERT_EQ(target.threshold().components_size(), 1);
  EXPECT_EQ(target.threshold().components(0).threshold().label(),
            "report entro il 31/12/2023");
}

TEST(ParseTargetTest, TooLongFails) {
  const std::string text(kMaxTargetTextBytes + 1, 'x');
  absl::StatusOr<Target> target = ParseTarget(text);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(target.status().message(), HasSubstr("target"));
  EXPECT_LT(target.status().message().size(), 300u);
  EXPECT_TRUE(ParseTarget(std::string(kMaxTargetTextBytes, '9')).ok());
}

TEST(ParseTargetTest, InvalidUtf8IsRepairedNotFatal) {
  absl::StatusOr<Target> target = ParseTarget("≥ 5 \xff\xfe alunni \xe2\x89");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->form_case(), Target::kThreshold);
  EXPECT_EQ(target->text(), "≥ 5 \uFFFD\uFFFD alunni \uFFFD\uFFFD");
}

TEST(ParseTargetTest, NeverFailsOnOddInput) {
  const std::string inputs[] = {
      std::string("\0\0\0", 3),
      "((((((((",
      "))))",
      "≥≥≥≥",
      "±±±",
      "-",
      "+",
      "--5",
      "5-",
      "/5",
      "5/",
      "5 su",
      "su 5",
      "€",
      "5 €€",
      "1.",
      ",1",
      "99999999999999999999999999999999999999999999999999999",
      "\xe2",
      "\xc2",
      "; ; ;",
      "≥ 5 ≤",
      "=",
      "===",
      "5 enti su",
      std::string(kMaxTargetTextBytes, '('),
      std::string(kMaxTargetTextBytes / 2, '5') +
          std::string(kMaxTargetTextBytes / 2, '.'),
  };
  for (const std::string& text : inputs) {
    absl::StatusOr<Target> target = ParseTarget(text);
    ASSERT_TRUE(target.ok()) << text;
    EXPECT_NE(target->form_case(), Target::FORM_NOT_SET);
  }
}

TEST(ComparedUnitsTest, OneUnitPerComparedNumber) {
  EXPECT_EQ(ComparedUnits(*ParseTarget("≥ 99%"), v1::UNIT_NUMBER),
            (std::vector<v1::Unit>{v1::UNIT_PERCENT}));
  EXPECT_EQ(ComparedUnits(*ParseTarget("≥ 750 iscritti; ≥ 650 scrutinati"),
                          v1::UNIT_NUMBER)
                .size(),
            2u);
  EXPECT_EQ(ComparedUnits(*ParseTarget("±3%"), v1::UNIT_EURO),
            (std::vector<v1::Unit>{v1::UNIT_EURO}));
  EXPECT_EQ(ComparedUnits(*ParseTarget("5 enti su 5"), v1::UNIT_NUMBER),
            (std::vector<v1::Unit>{v1::UNIT_COUNT}));
  EXPECT_TRUE(ComparedUnits(*ParseTarget("Report semestrale"), v1::UNIT_NUMBER)
                  .empty());
  EXPECT_TRUE(ComparedUnits(*ParseTarget("=="), v1::UNIT_NUMBER).empty());
  EXPECT_TRUE(ComparedUnits(v1::Target(), v1::UNIT_NUMBER).empty());
}

TEST(TargetProblemsTest, NamesTheFieldOverItsLimit) {
  for (const char* text : {"≥ 99%", "±3%", "5 enti su 5", "=="}) {
    EXPECT_TRUE(TargetProblems(*ParseTarget(text)).empty()) << text;
  }
  v1::Target empty_threshold;
  empty_threshold.mutable_threshold();
  ASSERT_EQ(TargetProblems(empty_threshold).size(), 1u);
  EXPECT_EQ(TargetProblems(empty_threshold)[0].first, "threshold.components");

  v1::Target band = *ParseTarget("±3%");
  band.mutable_band()->set_width(-1);
  ASSERT_EQ(TargetProblems(band).size(), 1u);
  EXPECT_EQ(TargetProblems(band)[0].first, "band.width");

  v1::Target count = *ParseTarget("5 enti su 5");
  count.mutable_entity_count()->set_total(kMaxCountedEntities + 1);
  ASSERT_EQ(TargetProblems(count).size(), 1u);
  EXPECT_EQ(TargetProblems(count)[0].first, "entity_count");
}
}  // namespace
}  // namespace valore
