#include "common/italian_number.h"

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {
namespace {

// Longer text is not one number: it is rejected before any work is done.
constexpr size_t kMaxNumberTextBytes = 64;
// Digits kept when normalizing; more cannot be a sensible quantity.
constexpr size_t kMaxNormalizedBytes = 48;
constexpr int kMaxDecimals = 15;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

size_t CountDigits(absl::string_view text, size_t pos) {
  size_t n = 0;
  while (pos + n < text.size() && IsDigit(text[pos + n])) ++n;
  return n;
}

// True when text[pos] is '.' followed by exactly three digits: a thousands
// separator.
bool IsThousandsGroup(absl::string_view text, size_t pos) {
  return pos < text.size() && text[pos] == '.' &&
         CountDigits(text, pos + 1) == 3;
}

// Appends the digits at *pos to `out`, advancing *pos.
void TakeDigits(absl::string_view text, size_t* pos, std::string* out) {
  const size_t n = CountDigits(text, *pos);
  out->append(text.data() + *pos, n);
  *pos += n;
}

// Reads the digits of an unsigned number at *pos into "C" notation
// ("5717814.53"). Returns false, leaving *pos unspecified, when no digit is
// there.
bool ReadUnsigned(absl::string_view text, size_t* pos, std::string* out) {
  if (*pos >= text.size() || !IsDigit(text[*pos])) return false;
  TakeDigits(text, pos, out);
  bool grouped = false;
  while (IsThousandsGroup(text, *pos)) {
    ++*pos;
    TakeDigits(text, pos, out);
    grouped = true;
  }
  // After thousands groups only ',' can be the decimal mark; otherwise a
  // '.' followed by digits is one too ("2.24").
  const bool decimal_mark =
      *pos + 1 < text.size() && IsDigit(text[*pos + 1]) &&
      (text[*pos] == ',' || (text[*pos] == '.' && !grouped));
  if (decimal_mark) {
    out->push_back('.');
    ++*pos;
    TakeDigits(text, pos, out);
  }
  return true;
}

// Puts '.' between groups of three digits of a run of digits.
std::string GroupThousands(absl::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::optional<ParsedNumber> ConsumeItalianNumber(absl::string_view text,
                                                 size_t* pos) {
  size_t p = *pos;
  while (p < text.size() && IsBlank(text[p])) ++p;
  bool negative = false;
  if (p + 1 < text.size() && (text[p] == '-' || text[p] == '+') &&
      IsDigit(text[p + 1])) {
    negative = text[p] == '-';
    ++p;
  }
  std::string normalized;
  if (!ReadUnsigned(text, &p, &normalized)) return std::nullopt;
  if (normalized.size() > kMaxNormalizedBytes) return std::nullopt;
  ParsedNumber number;
  if (!absl::SimpleAtod(normalized, &number.value) ||
      !std::isfinite(number.value)) {
    return std::nullopt;
  }
  // Adding 0.0 turns -0 into 0.
  number.value = (negative ? -number.value : number.value) + 0.0;
  size_t after = p;
  while (after < text.size() && IsBlank(text[after])) ++after;
  if (after < text.size() && text[after] == '%') {
    number.percent = true;
    p = after + 1;
  }
  *pos = p;
  return number;
}

absl::StatusOr<ParsedNumber> ParseItalianNumber(absl::string_view text,
                                                absl::string_view field) {
  if (text.size() > kMaxNumberTextBytes) {
    return InvalidFieldError(
        field, absl::StrCat(QuoteForMessage(text),
                            " is too long for a number (", text.size(),
                            " bytes, at most ", kMaxNumberTextBytes, ")"));
  }
  const absl::string_view stripped = StripSpaces(text);
  size_t pos = 0;
  std::optional<ParsedNumber> number = ConsumeItalianNumber(stripped, &pos);
  if (!number.has_value() || pos != stripped.size()) {
    return InvalidFieldError(
        field, absl::StrCat(QuoteForMessage(text),
                            " is not a number in Italian notation (e.g. 3.593, "
                            "0,865 or 80,5%)"));
  }
  return *number;
}

std::string FormatItalian(double value, int decimals) {
  if (std::isnan(value)) return "n.d.";
  if (std::isinf(value)) return value > 0 ? "+∞" : "-∞";
  decimals = std::clamp(decimals, 0, kMaxDecimals);
  const std::string plain = absl::StrFormat("%.*f", decimals, std::fabs(value));
  const size_t dot = plain.find('.');
  const absl::string_view digits = absl::string_view(plain).substr(0, dot);
  // No "-0,00": the sign only shows when a nonzero digit does.
  const bool negative =
      value < 0 && plain.find_first_of("123456789") != std::string::npos;
  std::string out = absl::StrCat(negative ? "-" : "", GroupThousands(digits));
  if (dot != std::string::npos) {
    absl::StrAppend(&out, ",", absl::string_view(plain).substr(dot + 1));
  }
  return out;
}

std::string FormatPercent(double percent, int decimals) {
  return absl::StrCat(FormatItalian(percent, decimals), "%");
}

std::string FormatItalianCompact(double value, int max_decimals) {
  std::string out = FormatItalian(value, max_decimals);
  if (!std::isfinite(value) || out.find(',') == std::string::npos) return out;
  while (out.back() == '0') out.pop_back();
  if (out.back() == ',') out.pop_back();
  return out;
}

}  // namespace valore
