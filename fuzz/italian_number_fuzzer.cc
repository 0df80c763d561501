// ParseItalianNumber and ConsumeItalianNumber on any text, and the round
// trip: a finite parsed value, formatted by FormatItalian and parsed again,
// comes back within the rounding of the decimals it was formatted with.
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/italian_number.h"
#include "fuzz/fuzz_support.h"

namespace {

// Values this large have no exact decimals left in a double, and their
// formatted text can exceed what ParseItalianNumber accepts (64 bytes).
constexpr double kRoundTripLimit = 1e15;

void CheckRoundTrip(double value) {
  if (!std::isfinite(value) || std::fabs(value) >= kRoundTripLimit) return;
  for (int decimals : {0, 1, 2, 4}) {
    const std::string text = valore::FormatItalian(value, decimals);
    absl::StatusOr<valore::ParsedNumber> back =
        valore::ParseItalianNumber(text);
    VALORE_FUZZ_CHECK(back.ok(), absl::StrCat(value, " -> ", text, ": ",
                                              back.status().ToString()));
    VALORE_FUZZ_CHECK(!back->percent, text);
    // Half a unit of the last decimal, plus the error of two conversions.
    const double tolerance =
        0.5 * std::pow(10.0, -decimals) + 4 * DBL_EPSILON * std::fabs(value);
    VALORE_FUZZ_CHECK(std::fabs(back->value - value) <= tolerance,
                      absl::StrCat(value, " -> ", text, " -> ", back->value));
  }
  const std::string compact = valore::FormatItalianCompact(value, 4);
  absl::StatusOr<valore::ParsedNumber> back =
      valore::ParseItalianNumber(compact);
  VALORE_FUZZ_CHECK(back.ok(), absl::StrCat(value, " -> ", compact));
  VALORE_FUZZ_CHECK(std::fabs(back->value - value) <=
                        0.5e-4 + 4 * DBL_EPSILON * std::fabs(value),
                    absl::StrCat(value, " -> ", compact, " -> ", back->value));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<valore::ParsedNumber> parsed =
      valore::ParseItalianNumber(text);
  if (parsed.ok()) {
    VALORE_FUZZ_CHECK(std::isfinite(parsed->value), text);
    CheckRoundTrip(parsed->value);
  }

  // Scan from every offset: a number moves the position forward, within
  // the text; no number leaves it where it was.
  for (size_t start = 0; start <= text.size(); ++start) {
    size_t pos = start;
    std::optional<valore::ParsedNumber> number =
        valore::ConsumeItalianNumber(text, &pos);
    if (!number.has_value()) {
      VALORE_FUZZ_CHECK(pos == start, text);
      continue;
    }
    VALORE_FUZZ_CHECK(pos > start && pos <= text.size(), text);
    VALORE_FUZZ_CHECK(std::isfinite(number->value), text);
    CheckRoundTrip(number->value);
  }

  // Formatting never fails, whatever the value and decimals.
  if (size >= sizeof(double) + 1) {
    double value;
    __builtin_memcpy(&value, data, sizeof(double));
    const int decimals = static_cast<int8_t>(data[sizeof(double)]);
    VALORE_FUZZ_CHECK(!valore::FormatItalian(value, decimals).empty(), text);
    VALORE_FUZZ_CHECK(!valore::FormatPercent(value, decimals).empty(), text);
    VALORE_FUZZ_CHECK(!valore::FormatItalianCompact(value, decimals).empty(),
                      text);
  }
  return 0;
}
