// The plugin's own parts: its JSON reader and writer, the embedding of the
// document in C++, and comments as descriptions.
#include <string>

#include "gtest/gtest.h"
#include "tools/openapi/comments.h"
#include "tools/openapi/embed.h"
#include "tools/openapi/json.h"

namespace valore::openapi {
namespace {

TEST(OpenApiPluginTest, JsonKeepsMemberOrderAndText) {
  const std::string text =
      "{\n  \"z\": 1,\n  \"a\": [\n    \"è \\\"q\\\"\\n\",\n    true,\n"
      "    null,\n    -2.5e3\n  ],\n  \"e\": {}\n}\n";
  absl::StatusOr<Json> parsed = ParseJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->members()[0].first, "z");
  EXPECT_EQ(parsed->Serialize(), text);
}

TEST(OpenApiPluginTest, JsonDecodesEscapes) {
  absl::StatusOr<Json> parsed = ParseJson(R"("\u00e8\ud83d\ude00\/")");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->text(), "è😀/");
}

TEST(OpenApiPluginTest, JsonRefusesWhatIsNotJson) {
  for (const char* bad : {"{", "[1,]", "{\"a\":1,\"a\":2}", "tru", "\"a",
                          "{} {}", "01x", "{'a':1}"}) {
    EXPECT_FALSE(ParseJson(bad).ok()) << bad;
  }
}

TEST(OpenApiPluginTest, EmbedSplitsAtLineEnds) {
  std::string document;
  for (int i = 0; i < 100; ++i) document += "\"àèìòù line\",\n";
  absl::StatusOr<std::string> source = EmbedAsCpp(document, 64);
  ASSERT_TRUE(source.ok()) << source.status();
  // Every literal ends a line: none cuts a character in two.
  size_t literals = 0;
  for (size_t at = source->find(")openapi\""); at != std::string::npos;
       at = source->find(")openapi\"", at + 1)) {
    EXPECT_EQ((*source)[at - 1], '\n');
    ++literals;
  }
  EXPECT_GT(literals, 10u);
}

TEST(OpenApiPluginTest, EmbedRefusesTheLiteralsEnd) {
  // A JSON string ending in ")openapi" closes the literal early.
  EXPECT_FALSE(EmbedAsCpp("{\"a\": \")openapi\"}").ok());
  EXPECT_FALSE(EmbedAsCpp(")openapi\"").ok());
}

TEST(OpenApiPluginTest, CommentsBecomeParagraphs) {
  EXPECT_EQ(Unwrap(" Writes many values\n atomically.\n\n Then more.\n"),
            "Writes many values atomically.\n\nThen more.");
}

TEST(OpenApiPluginTest, SummaryIsTheFirstSentence) {
  EXPECT_EQ(FirstSentence("Writes one value; a new revision. More."),
            "Writes one value; a new revision");
  EXPECT_EQ(FirstSentence("One version by its name (\"catalogVersions/3\")."),
            "One version by its name (\"catalogVersions/3\")");
  EXPECT_EQ(FirstSentence("No stop"), "No stop");
}

}  // namespace
}  // namespace valore::openapi
