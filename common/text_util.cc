#include "common/text_util.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace valore {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr absl::string_view kNoBreakSpace = "\xC2\xA0";

bool IsContinuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at text[pos], or 0 if there is
// none (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
size_t SequenceLength(absl::string_view text, size_t pos) {
  const auto byte = [&](size_t i) -> uint8_t {
    return static_cast<uint8_t>(text[pos + i]);
  };
  const size_t left = text.size() - pos;
  const uint8_t b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    return left >= 2 && IsContinuation(byte(1)) ? 2 : 0;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !IsContinuation(byte(1)) || !IsContinuation(byte(2))) {
      return 0;
    }
    if (b0 == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (b0 == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !IsContinuation(byte(1)) || !IsContinuation(byte(2)) ||
        !IsContinuation(byte(3))) {
      return 0;
    }
    if (b0 == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// The longest prefix of `text` of at most `max_bytes` that does not cut a
// UTF-8 sequence in two.
absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && IsContinuation(static_cast<uint8_t>(text[end]))) --end;
  return text.substr(0, end);
}

}  // namespace

std::string ToValidUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t len = SequenceLength(text, pos);
    if (len == 0) {
      out.append(kReplacement.data(), kReplacement.size());
      ++pos;
    } else {
      out.append(text.data() + pos, len);
      pos += len;
    }
  }
  return out;
}

std::string QuoteForMessage(absl::string_view text, size_t max_bytes) {
  const std::string valid = ToValidUtf8(text);
  const absl::string_view shown = Utf8Prefix(valid, max_bytes);
  if (shown.size() == valid.size()) {
    return absl::StrCat("\"", absl::Utf8SafeCEscape(shown), "\"");
  }
  // Cut: say how long the whole was, so that a reader knows what was sent.
  return absl::StrCat("\"", absl::Utf8SafeCEscape(shown), "…\" (", text.size(),
                      " bytes)");
}

absl::string_view StripSpaces(absl::string_view text) {
  while (true) {
    const absl::string_view before = text;
    text = absl::StripAsciiWhitespace(text);
    if (absl::ConsumePrefix(&text, kNoBreakSpace)) continue;
    if (absl::ConsumeSuffix(&text, kNoBreakSpace)) continue;
    if (text.size() == before.size()) return text;
  }
}

}  // namespace valore
