// The key codec: every width round-trips, short input is refused without
// being consumed, byte order equals numeric (and tuple) order, and
// PrefixSuccessor bounds exactly the keys that start with the prefix.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_support.h"
#include "storage/key_codec.h"

namespace {

using valore::storage::AppendU16;
using valore::storage::AppendU32;
using valore::storage::AppendU64;
using valore::storage::ConsumeU16;
using valore::storage::ConsumeU32;
using valore::storage::ConsumeU64;

// A key as the services build them: period | revision | sequence.
std::string Key(uint16_t a, uint64_t b, uint32_t c) {
  std::string key;
  AppendU16(&key, a);
  AppendU64(&key, b);
  AppendU32(&key, c);
  return key;
}

// std::string compares as unsigned bytes (memcmp), as RocksDB's default
// comparator does.
int Sign(int v) { return (v > 0) - (v < 0); }

template <typename T>
int Compare(T a, T b) {
  return (a > b) - (a < b);
}

void CheckRoundTrip(uint16_t a, uint64_t b, uint32_t c) {
  const std::string key = Key(a, b, c);
  VALORE_FUZZ_CHECK(key.size() == 14, absl::CHexEscape(key));
  absl::string_view in = key;
  uint16_t a2;
  uint64_t b2;
  uint32_t c2;
  VALORE_FUZZ_CHECK(ConsumeU16(&in, &a2) && ConsumeU64(&in, &b2) &&
                        ConsumeU32(&in, &c2) && in.empty(),
                    absl::CHexEscape(key));
  VALORE_FUZZ_CHECK(a == a2 && b == b2 && c == c2, absl::CHexEscape(key));
}

void CheckShortInput(absl::string_view bytes) {
  // Each reader refuses fewer bytes than its width and leaves `in` alone.
  for (size_t n = 0; n < 8 && n <= bytes.size(); ++n) {
    absl::string_view in = bytes.substr(0, n);
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;
    VALORE_FUZZ_CHECK(ConsumeU16(&in, &v16) == (n >= 2), absl::StrCat(n));
    in = bytes.substr(0, n);
    VALORE_FUZZ_CHECK(ConsumeU32(&in, &v32) == (n >= 4), absl::StrCat(n));
    in = bytes.substr(0, n);
    VALORE_FUZZ_CHECK(!ConsumeU64(&in, &v64) && in.size() == n,
                      absl::StrCat(n));
  }
}

void CheckPrefixSuccessor(const std::string& prefix, const std::string& suffix,
                          const std::string& other) {
  const std::string next = valore::storage::PrefixSuccessor(prefix);
  const bool all_ff = prefix.find_first_not_of('\xff') == std::string::npos;
  VALORE_FUZZ_CHECK(next.empty() == all_ff, absl::CHexEscape(prefix));
  if (next.empty()) return;
  VALORE_FUZZ_CHECK(next > prefix + suffix, absl::CHexEscape(prefix));
  VALORE_FUZZ_CHECK(!absl::StartsWith(next, prefix), absl::CHexEscape(prefix));
  // Any key in [prefix, next) starts with prefix, and any key that starts
  // with prefix is in it.
  const bool inside = other >= prefix && other < next;
  VALORE_FUZZ_CHECK(
      inside == absl::StartsWith(other, prefix),
      absl::StrCat(absl::CHexEscape(prefix), " ", absl::CHexEscape(other)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  CheckShortInput(absl::string_view(reinterpret_cast<const char*>(data), size));

  const auto a = std::make_tuple(in.ConsumeIntegral<uint16_t>(),
                                 in.ConsumeIntegral<uint64_t>(),
                                 in.ConsumeIntegral<uint32_t>());
  // Often share leading parts, so the later fields decide the order.
  auto b = std::make_tuple(in.ConsumeIntegral<uint16_t>(),
                           in.ConsumeIntegral<uint64_t>(),
                           in.ConsumeIntegral<uint32_t>());
  const uint8_t share = in.ConsumeIntegral<uint8_t>() % 3;
  if (share >= 1) std::get<0>(b) = std::get<0>(a);
  if (share >= 2) std::get<1>(b) = std::get<1>(a);

  CheckRoundTrip(std::get<0>(a), std::get<1>(a), std::get<2>(a));
  CheckRoundTrip(std::get<0>(b), std::get<1>(b), std::get<2>(b));
  const std::string ka = Key(std::get<0>(a), std::get<1>(a), std::get<2>(a));
  const std::string kb = Key(std::get<0>(b), std::get<1>(b), std::get<2>(b));
  VALORE_FUZZ_CHECK(
      Sign(ka.compare(kb)) == Compare(a, b),
      absl::StrCat(absl::CHexEscape(ka), " ", absl::CHexEscape(kb)));

  const std::string prefix = in.ConsumeRandomLengthString(32);
  const std::string suffix = in.ConsumeRandomLengthString(32);
  const std::string other = in.ConsumeRemainingBytesAsString();
  CheckPrefixSuccessor(prefix, suffix, other);
  CheckPrefixSuccessor(ka.substr(0, 2), kb, other);
  return 0;
}
