#include "common/value_parser.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/target_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;
using v1::Value;

v1::Target Target(absl::string_view text) {
  absl::StatusOr<v1::Target> target = ParseTarget(text);
  EXPECT_TRUE(target.ok()) << target.status();
  return target.value_or(v1::Target());
}

Value MustParse(absl::string_view text, absl::string_view target) {
  absl::StatusOr<Value> value = ParseValue(text, Target(target));
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  EXPECT_EQ(value.value_or(Value()).display(), text);
  return value.value_or(Value());
}

void ExpectQuantity(const v1::Quantity& q, double value, v1::Unit unit,
                    absl::string_view label = "") {
  EXPECT_DOUBLE_EQ(q.value(), value);
  EXPECT_EQ(q.unit(), unit);
  EXPECT_EQ(q.label(), label);
}

TEST(ParseValueTest, PlainNumbers) {
  Value v = MustParse("80,5%", "> 85%");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  ExpectQuantity(v.number(), 80.5, v1::UNIT_PERCENT);

  v = MustParse("0,865", "86%");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  ExpectQuantity(v.number(), 0.865, v1::UNIT_NUMBER);

  v = MustParse("5.717.814,53", "4.900.000,00");
  ExpectQuantity(v.number(), 5717814.53, v1::UNIT_NUMBER);

  v = MustParse("2.24", "≥ 2,0");
  ExpectQuantity(v.number(), 2.24, v1::UNIT_NUMBER);

  v = MustParse("1,03 kmq", "≤1,03 Kmq");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  ExpectQuantity(v.number(), 1.03, v1::UNIT_AREA_KM2);

  v = MustParse("-3", "±3");
  ExpectQuantity(v.number(), -3, v1::UNIT_NUMBER);
}

TEST(ParseValueTest, FirstNumberOfASentence) {
  Value v = MustParse("8,3 bambini 0-3 anni", "≥ 8");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  ExpectQuantity(v.number(), 8.3, v1::UNIT_NUMBER, "bambini 0-3 anni");

  v = MustParse("7,7 su 10 genitori primarie, alunni non rilevata", "≥ 7,2");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  EXPECT_DOUBLE_EQ(v.number().value(), 7.7);

  v = MustParse("4.470.000 (senza servizi infanzia, mensa)", "≥ 4.400.000");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  EXPECT_DOUBLE_EQ(v.number().value(), 4470000);

  v = MustParse("5 enti su 5", "5 enti su 5");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  EXPECT_DOUBLE_EQ(v.number().value(), 5);
}

TEST(ParseValueTest, NotMeasurable) {
  for (absl::string_view text :
       {"Non rilevabile", "Non rilevato", "non disponibile", "NON RILEVABILE.",
        "  Non rilevabile  ", "", "n.d.", "dato disponibile a rendiconto"}) {
    const Value v = MustParse(text, "≥ 5");
    ASSERT_EQ(v.kind_case(), Value::kNotMeasurable) << text;
    EXPECT_EQ(v.not_measurable().reason(),
              std::string(absl::StripAsciiWhitespace(text)));
  }
  const Value v = MustParse("==", "==");
  ASSERT_EQ(v.kind_case(), Value::kNotMeasurable);
  EXPECT_EQ(v.not_measurable().reason(), "==");
}

TEST(ParseValueTest, QualitativeTargetTakesText) {
  const absl::string_view text =
      "Proposta di PUG adottata con DCU 12 del 20/07/2023. Svolte tre sedute "
      "di CUAV";
  Value v = MustParse(
      text,
      "Rispetto cronoprogramma e attività finalizzate alla adozione ed "
      "approvazione del PUG (50%)");
  ASSERT_EQ(v.kind_case(), Value::kText);
  EXPECT_EQ(v.text(), text);
  // One number alone is still a number.
  v = MustParse("100%", "Report semestrale");
  ASSERT_EQ(v.kind_case(), Value::kNumber);
  ExpectQuantity(v.number(), 100, v1::UNIT_PERCENT);
  v = MustParse("12 corsi", "==");
  ASSERT_EQ(v.kind_case(), Value::kText);
}

TEST(ParseValueTest, CompositeFollowsTheTarget) {
  Value v = MustParse("95,4% consigli di nido - 44 nuovi progetti",
                      "> 95% consigli di nido / 22 nuovi progetti");
  ASSERT_EQ(v.kind_case(), Value::kComposite);
  ASSERT_EQ(v.composite().parts_size(), 2);
  ExpectQuantity(v.composite().parts(0), 95.4, v1::UNIT_PERCENT,
                 "consigli di nido");
  ExpectQuantity(v.composite().parts(1), 44, v1::UNIT_NUMBER, "nuovi progetti");

  v = MustParse(
      "3.593 bambini in base ad accessi - 874 frequentanti i più di 70 giorni",
      "480 bambini in base ad accessi; >150 bambini frequentanti (più di 70 "
      "gg.)");
  ASSERT_EQ(v.kind_case(), Value::kComposite);
  ASSERT_EQ(v.composite().parts_size(), 2);
  EXPECT_EQ(v.composite().parts(0).value(), 3593);
  EXPECT_EQ(v.composite().parts(1).value(), 874);

  v = MustParse(
      "144 studenti; 100% Istituti comprensivi; Valutazione dei ragazzi "
      "8.4/10",
      "60 studenti 70% Istituti Comprensivi Valutazione dei ragazzi ≥ 8 su "
      "10");
  ASSERT_EQ(v.composite().parts_size(), 3);
  ExpectQuantity(v.composite().parts(0), 144, v1::UNIT_NUMBER, "studenti");
  ExpectQuantity(v.composite().parts(1), 100, v1::UNIT_PERCENT,
                 "Istituti comprensivi");
  ExpectQuantity(v.composite().parts(2), 8.4, v1::UNIT_NUMBER,
                 "Valutazione dei ragazzi");
}

TEST(ParseValueTest, CompositeWithTooFewNumbersIsText) {
  const Value v = MustParse("44 nuovi progetti", "> 95% consigli / 22 nuovi");
  ASSERT_EQ(v.kind_case(), Value::kText);
  EXPECT_EQ(v.text(), "44 nuovi progetti");
}

TEST(ParseValueTest, NoNumberIsText) {
  const Value v = MustParse("in corso", "≥ 5");
  ASSERT_EQ(v.kind_case(), Value::kText);
  EXPECT_EQ(v.text(), "in corso");
}

TEST(ParseValueTest, TooLongFails) {
  absl::StatusOr<Value> value =
      ParseValue(std::string(kMaxValueTextBytes + 1, '1'), Target("≥ 5"));
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(value.status().message(), HasSubstr("value"));
  EXPECT_LT(value.status().message().size(), 300u);
}

TEST(ParseValueTest, NeverFailsOnOddInput) {
  const v1::Target targets[] = {v1::Target(), Target("=="), Target("≥ 5"),
                                Target("±3%"), Target("1 a 2 b 3 c")};
  const std::string inputs[] = {std::string("\0\0", 2),
                                "\xff",
                                "\xe2\x89",
                                "((",
                                "))",
                                "--",
                                "5 su",
                                "≥",
                                "/",
                                "5/",
                                "8.4/",
                                "1 2 3 4 5",
                                std::string(kMaxValueTextBytes, '9'),
                                std::string(kMaxValueTextBytes, '(')};
  for (const v1::Target& target : targets) {
    for (const std::string& text : inputs) {
      absl::StatusOr<Value> value = ParseValue(text, target);
      ASSERT_TRUE(value.ok()) << text;
      EXPECT_NE(value->kind_case(), Value::KIND_NOT_SET);
    }
  }
}

// What a write of text stores, or the error it gets.
absl::StatusOr<Value> ForItem(absl::string_view text, absl::string_view target,
                              v1::Unit unit) {
  const v1::Target t = Target(target);
  return ParseValueForItem(text, &t, unit, "measurement.value_text");
}

TEST(ParseValueForItemTest, ReadsValuesAsTheOfficeWritesThem) {
  absl::StatusOr<Value> v = ForItem("81,5%", "> 85%", v1::UNIT_PERCENT);
  ASSERT_TRUE(v.ok()) << v.status();
  ExpectQuantity(v->number(), 81.5, v1::UNIT_PERCENT);
  EXPECT_EQ(v->display(), "81,5%");

  v = ForItem("3.593", "≥ 3.000", v1::UNIT_COUNT);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->number().value(), 3593);

  v = ForItem("624 iscritti 294 scrutinati 130 promossi",
              "≥ 750 iscritti; ≥ 650 scrutinati ≥ 320 promossi",
              v1::UNIT_COUNT);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->composite().parts_size(), 3);
  EXPECT_EQ(v->composite().parts(0).value(), 624);
  EXPECT_EQ(v->composite().parts(2).value(), 130);

  v = ForItem("Non rilevabile", "> 85%", v1::UNIT_PERCENT);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->has_not_measurable());

  v = ForItem("Report approvato a giugno", "Report semestrale", v1::UNIT_TEXT);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->text(), "Report approvato a giugno");

  // No target for the year: the unit says whether a number is due.
  v = ParseValueForItem("in corso", nullptr, v1::UNIT_TEXT, "value_text");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->text(), "in corso");
  v = ParseValueForItem("in corso", nullptr, v1::UNIT_PERCENT, "value_text");
  EXPECT_EQ(ReasonOf(v.status()), v1::VALUE_DOES_NOT_FIT_TARGET);
  EXPECT_THAT(v.status().message(), HasSubstr("a percentage"));
  v = ParseValueForItem("92%", nullptr, v1::UNIT_PERCENT, "value_text");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->number().value(), 92);
}

TEST(ParseValueForItemTest, AQualifyingNumberIsNotAPart) {
  // "più di 70 giorni" qualifies the 874 before it.
  absl::StatusOr<Value> v = ForItem(
      "3.593 bambini in base ad accessi - 874 frequentanti i più di 70 giorni",
      "480 bambini in base ad accessi; >150 bambini frequentanti (più di 70 "
      "gg.)",
      v1::UNIT_COUNT);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->composite().parts_size(), 2);
  EXPECT_EQ(v->composite().parts(1).value(), 874);
}

void ExpectRefused(const absl::StatusOr<Value>& v, absl::string_view text,
                   absl::string_view expected) {
  ASSERT_FALSE(v.ok()) << text;
  EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(v.status()), v1::VALUE_DOES_NOT_FIT_TARGET);
  EXPECT_THAT(v.status().message(), HasSubstr("measurement.value_text"));
  EXPECT_THAT(v.status().message(), HasSubstr(absl::StrCat("\"", text, "\"")));
  EXPECT_THAT(v.status().message(), HasSubstr(expected));
  ASSERT_EQ(BadRequestOf(v.status()).field_violations_size(), 1);
  EXPECT_EQ(BadRequestOf(v.status()).field_violations(0).field(),
            "measurement.value_text");
}

TEST(ParseValueForItemTest, ATextThatDoesNotFitIsRefusedSayingWhatWasExpected) {
  ExpectRefused(ForItem("12 nidi 30 sezioni 4 poli", "≥ 10 nidi; ≥ 25 sezioni",
                        v1::UNIT_COUNT),
                "12 nidi 30 sezioni 4 poli", "2 numbers, one per condition");
  ExpectRefused(ForItem("12 nidi", "≥ 10 nidi; ≥ 25 sezioni", v1::UNIT_COUNT),
                "12 nidi", "2 numbers");
  ExpectRefused(ForItem("50%", "≥ 100.000 euro", v1::UNIT_EURO), "50%", "euro");
  ExpectRefused(ForItem("buono", "> 85%", v1::UNIT_PERCENT), "buono",
                "no number");
}

}  // namespace
}  // namespace valore
