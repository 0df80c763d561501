#include "common/text_util.h"

#include <string>

#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(ToValidUtf8Test, KeepsValidText) {
  EXPECT_EQ(ToValidUtf8("≥ 99% attività ±3 😀"), "≥ 99% attività ±3 😀");
  EXPECT_EQ(ToValidUtf8(std::string("a\0b", 3)), std::string("a\0b", 3));
}

TEST(ToValidUtf8Test, ReplacesEveryBadByte) {
  EXPECT_EQ(ToValidUtf8("\xff"), "\uFFFD");
  EXPECT_EQ(ToValidUtf8("a\xe2\x89"), "a\uFFFD\uFFFD");
  EXPECT_EQ(ToValidUtf8("\xc0\xaf"), "\uFFFD\uFFFD");            // overlong
  EXPECT_EQ(ToValidUtf8("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(ToValidUtf8("\xf4\x90\x80\x80"),
            "\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
  EXPECT_EQ(ToValidUtf8("\x80"), "\uFFFD");
}

TEST(QuoteForMessageTest, QuotesEscapesAndCuts) {
  EXPECT_EQ(QuoteForMessage("2023S3"), "\"2023S3\"");
  EXPECT_EQ(QuoteForMessage("≥"), "\"≥\"");
  EXPECT_EQ(QuoteForMessage("a\"b\n"), "\"a\\\"b\\n\"");
  EXPECT_EQ(QuoteForMessage("abcdef", 3), "\"abc…\" (6 bytes)");
  // Never cuts inside a character.
  EXPECT_EQ(QuoteForMessage("a≥", 2), "\"a…\" (4 bytes)");
  EXPECT_EQ(QuoteForMessage(std::string(10240, 'x')),
            "\"" + std::string(80, 'x') + "…\" (10240 bytes)");
}

TEST(StripSpacesTest, AsciiAndNoBreakSpaces) {
  EXPECT_EQ(StripSpaces("  \xC2\xA0 x y\t\xC2\xA0"), "x y");
  EXPECT_EQ(StripSpaces("\xC2\xA0"), "");
  EXPECT_EQ(StripSpaces(""), "");
}

}  // namespace
}  // namespace valore
