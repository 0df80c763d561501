// Small text helpers shared by the parsers: UTF-8 repair and quoting of user
// text inside error messages.
#ifndef VALORE_COMMON_TEXT_UTIL_H_
#define VALORE_COMMON_TEXT_UTIL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace valore {

// Returns `text` with every byte that is not part of a well-formed UTF-8
// sequence replaced by U+FFFD, so that it can go into a proto string field.
std::string ToValidUtf8(absl::string_view text);

// `text` in double quotes for an error message: made valid UTF-8, control
// characters and quotes escaped, and cut after `max_bytes` with its length:
// "entities/xxxx…" (10240 bytes).
std::string QuoteForMessage(absl::string_view text, size_t max_bytes = 80);

// Removes ASCII whitespace and UTF-8 no-break spaces (U+00A0) at both ends.
absl::string_view StripSpaces(absl::string_view text);

}  // namespace valore

#endif  // VALORE_COMMON_TEXT_UTIL_H_
