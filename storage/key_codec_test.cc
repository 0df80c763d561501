#include "storage/key_codec.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace valore::storage {
namespace {

TEST(KeyCodecTest, RoundTripsEdgeValues) {
  for (uint16_t v : {uint16_t{0}, uint16_t{1}, uint16_t{0x0100},
                     uint16_t{0xfffe}, std::numeric_limits<uint16_t>::max()}) {
    std::string s;
    AppendU16(&s, v);
    ASSERT_EQ(s.size(), 2u);
    absl::string_view in = s;
    uint16_t out = 0;
    ASSERT_TRUE(ConsumeU16(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
  }
  for (uint32_t v : {uint32_t{0}, uint32_t{1}, uint32_t{0x01020304},
                     std::numeric_limits<uint32_t>::max()}) {
    std::string s;
    AppendU32(&s, v);
    ASSERT_EQ(s.size(), 4u);
    absl::string_view in = s;
    uint32_t out = 0;
    ASSERT_TRUE(ConsumeU32(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
  }
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{0x0102030405060708},
                     std::numeric_limits<uint64_t>::max()}) {
    std::string s;
    AppendU64(&s, v);
    ASSERT_EQ(s.size(), 8u);
    absl::string_view in = s;
    uint64_t out = 0;
    ASSERT_TRUE(ConsumeU64(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
  }
}

TEST(KeyCodecTest, IsBigEndian) {
  std::string s;
  AppendU32(&s, 0x01020304);
  EXPECT_EQ(s, std::string("\x01\x02\x03\x04", 4));
}

TEST(KeyCodecTest, ConsumesSequentially) {
  std::string s;
  AppendU32(&s, 7);
  AppendU16(&s, 4047);
  AppendU64(&s, 123456789012345);
  s += "tail";
  absl::string_view in = s;
  uint32_t a = 0;
  uint16_t b = 0;
  uint64_t c = 0;
  ASSERT_TRUE(ConsumeU32(&in, &a));
  ASSERT_TRUE(ConsumeU16(&in, &b));
  ASSERT_TRUE(ConsumeU64(&in, &c));
  EXPECT_EQ(a, 7u);
  EXPECT_EQ(b, 4047);
  EXPECT_EQ(c, 123456789012345u);
  EXPECT_EQ(in, "tail");
}

TEST(KeyCodecTest, ConsumeFailsOnShortInputAndLeavesItUnchanged) {
  const std::string bytes("\x01\x02\x03\x04\x05\x06\x07", 7);
  for (size_t n = 0; n < 2; ++n) {
    absl::string_view in(bytes.data(), n);
    uint16_t v = 42;
    EXPECT_FALSE(ConsumeU16(&in, &v));
    EXPECT_EQ(in.size(), n);
    EXPECT_EQ(v, 42);
  }
  for (size_t n = 0; n < 4; ++n) {
    absl::string_view in(bytes.data(), n);
    uint32_t v = 42;
    EXPECT_FALSE(ConsumeU32(&in, &v));
    EXPECT_EQ(in.size(), n);
    EXPECT_EQ(v, 42u);
  }
  for (size_t n = 0; n < 8; ++n) {
    absl::string_view in(bytes.data(), n);
    uint64_t v = 42;
    EXPECT_FALSE(ConsumeU64(&in, &v));
    EXPECT_EQ(in.size(), n);
    EXPECT_EQ(v, 42u);
  }
}

// Byte order must equal numeric order, or series would not be in time order.
template <typename T>
void CheckOrdering(void (*append)(std::string*, T), std::mt19937_64* rng) {
  std::uniform_int_distribution<T> any;
  for (int n = 0; n < 20000; ++n) {
    T a = any(*rng);
    // Half of the pairs are close together, where carries matter.
    T b = (n % 2 == 0) ? any(*rng) : static_cast<T>(a + (any(*rng) % 512));
    std::string ea, eb;
    append(&ea, a);
    append(&eb, b);
    ASSERT_EQ(a < b, ea < eb) << a << " vs " << b;
    ASSERT_EQ(a == b, ea == eb) << a << " vs " << b;
  }
}

TEST(KeyCodecTest, ByteOrderEqualsNumericOrder) {
  std::mt19937_64 rng(20230701);
  CheckOrdering<uint16_t>(&AppendU16, &rng);
  CheckOrdering<uint32_t>(&AppendU32, &rng);
  CheckOrdering<uint64_t>(&AppendU64, &rng);
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("abc"), "abd");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\x00", 1)), std::string("\x01", 1));
  EXPECT_EQ(PrefixSuccessor(std::string("\x01\xff\xff", 3)),
            std::string("\x02", 1));
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff\xff", 3)), "");
  EXPECT_EQ(PrefixSuccessor(""), "");
}

TEST(KeyCodecTest, PrefixSuccessorBoundsEveryExtension) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> len(0, 4);
  for (int n = 0; n < 5000; ++n) {
    std::string prefix, suffix;
    for (int k = len(rng); k > 0; --k) {
      // Bias towards 0xff to exercise the carry.
      prefix.push_back(static_cast<char>(n % 3 == 0 ? 0xff : byte(rng)));
    }
    for (int k = len(rng); k > 0; --k) {
      suffix.push_back(static_cast<char>(byte(rng)));
    }
    const std::string succ = PrefixSuccessor(prefix);
    if (succ.empty()) {
      for (char c : prefix) ASSERT_EQ(static_cast<unsigned char>(c), 0xff);
      continue;
    }
    ASSERT_LT(prefix + suffix, succ);
    ASSERT_NE(succ.compare(0, prefix.size(), prefix), 0)
        << "successor must not start with the prefix";
  }
}

TEST(KeyCodecTest, LengthPrefixedRoundTripsAndRefusesCutInput) {
  const std::string long_text(300, 'x');  // a two-byte length
  std::string out;
  AppendLengthPrefixed(&out, "");
  AppendLengthPrefixed(&out, "carpi");
  AppendLengthPrefixed(&out, long_text);
  EXPECT_EQ(out.size(), 1 + 1 + 5 + 2 + 300);
  absl::string_view in = out;
  absl::string_view got;
  ASSERT_TRUE(ConsumeLengthPrefixed(&in, &got));
  EXPECT_EQ(got, "");
  ASSERT_TRUE(ConsumeLengthPrefixed(&in, &got));
  EXPECT_EQ(got, "carpi");
  ASSERT_TRUE(ConsumeLengthPrefixed(&in, &got));
  EXPECT_EQ(got, long_text);
  EXPECT_TRUE(in.empty());
  EXPECT_FALSE(ConsumeLengthPrefixed(&in, &got));

  // Cut inside the bytes, and inside the length: refused, input unchanged.
  for (size_t cut : {size_t{1}, size_t{2}, size_t{301}}) {
    absl::string_view short_in = absl::string_view(out).substr(7, cut);
    const absl::string_view before = short_in;
    EXPECT_FALSE(ConsumeLengthPrefixed(&short_in, &got)) << cut;
    EXPECT_EQ(short_in, before);
  }
  // A length that never ends.
  absl::string_view endless("\xff\xff\xff\xff\xff\xff", 6);
  EXPECT_FALSE(ConsumeLengthPrefixed(&endless, &got));
}

}  // namespace
}  // namespace valore::storage
