#include "services/gateway/answer_cache.h"

#include "gtest/gtest.h"

namespace valore::gateway {
namespace {

std::shared_ptr<const std::string> Json(const std::string& text) {
  return std::make_shared<const std::string>(text);
}

TEST(AnswerCacheTest, FindsOnlyTheSameAnswerOfTheSameMethod) {
  AnswerCache cache(1 << 20);
  cache.Keep("m", "bytes", Json("{\"a\":1}"));
  ASSERT_NE(cache.Find("m", "bytes"), nullptr);
  EXPECT_EQ(*cache.Find("m", "bytes"), "{\"a\":1}");
  EXPECT_EQ(cache.Find("m", "other bytes"), nullptr);
  EXPECT_EQ(cache.Find("n", "bytes"), nullptr);
  // The separator keeps "m"+"xbytes" apart from "mx"+"bytes".
  cache.Keep("mx", "bytes", Json("{}"));
  EXPECT_EQ(cache.Find("m", "xbytes"), nullptr);
}

TEST(AnswerCacheTest, ForgetsTheLeastRecentlyUsedPastItsBudget) {
  // Each entry: key (1 + 1 + 10) + JSON (8) = 20 bytes.
  AnswerCache cache(45);
  cache.Keep("m", "answer-001", Json("{\"n\":1}x"));
  cache.Keep("m", "answer-002", Json("{\"n\":2}x"));
  ASSERT_NE(cache.Find("m", "answer-001"), nullptr);  // now the most recent
  cache.Keep("m", "answer-003", Json("{\"n\":3}x"));
  EXPECT_NE(cache.Find("m", "answer-001"), nullptr);
  EXPECT_EQ(cache.Find("m", "answer-002"), nullptr);
  EXPECT_NE(cache.Find("m", "answer-003"), nullptr);
}

TEST(AnswerCacheTest, AZeroBudgetKeepsNothing) {
  AnswerCache cache(0);
  cache.Keep("m", "bytes", Json("{}"));
  EXPECT_EQ(cache.Find("m", "bytes"), nullptr);
}

}  // namespace
}  // namespace valore::gateway
