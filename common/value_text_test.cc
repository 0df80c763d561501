#include "common/value_text.h"

#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(ValueTextOfValueTest, TheOfficesTextWins) {
  v1::Value v;
  v.mutable_number()->set_value(81.5);
  v.set_display("81,5 per cento");
  EXPECT_EQ(ValueText(v), "81,5 per cento");
}

TEST(ValueTextOfValueTest, NumbersInItalianNotation) {
  v1::Value v;
  v.mutable_number()->set_value(81.5);
  v.mutable_number()->set_unit(v1::UNIT_PERCENT);
  EXPECT_EQ(ValueText(v), "81,5%");
  v.mutable_number()->set_value(3593);
  v.mutable_number()->set_unit(v1::UNIT_COUNT);
  EXPECT_EQ(ValueText(v), "3.593");
}

TEST(ValueTextOfValueTest, CompositeTextAndNotMeasurable) {
  v1::Value composite;
  composite.mutable_composite()->add_parts()->set_value(624);
  composite.mutable_composite()->add_parts()->set_value(294);
  EXPECT_EQ(ValueText(composite), "624 - 294");
  v1::Value text;
  text.set_text("Report semestrale pubblicato");
  EXPECT_EQ(ValueText(text), "Report semestrale pubblicato");
  v1::Value not_measurable;
  not_measurable.mutable_not_measurable();
  EXPECT_EQ(ValueText(not_measurable), "non misurabile");
  not_measurable.mutable_not_measurable()->set_reason("Non rilevabile");
  EXPECT_EQ(ValueText(not_measurable), "Non rilevabile");
  EXPECT_EQ(ValueText(v1::Value()), "");
}

}  // namespace
}  // namespace valore
