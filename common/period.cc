#include "common/period.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {
namespace {

// "2023S1": four digits, 'S', '1' or '2'.
constexpr size_t kPeriodLength = 6;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

absl::Status NotASemester(absl::string_view text, absl::string_view field) {
  return InvalidFieldError(
      field,
      absl::StrCat(QuoteForMessage(text),
                   " is not a semester; expected YYYYS1 or YYYYS2"),
      v1::INVALID_PERIOD);
}

}  // namespace

absl::StatusOr<Period> Period::Parse(absl::string_view text,
                                     absl::string_view field) {
  if (text.size() != kPeriodLength || text[4] != 'S' ||
      (text[5] != '1' && text[5] != '2')) {
    return NotASemester(text, field);
  }
  for (size_t i = 0; i < 4; ++i) {
    if (!IsDigit(text[i])) return NotASemester(text, field);
  }
  int year = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &year)) {
    return NotASemester(text, field);
  }
  if (year < kMinYear || year > kMaxYear) {
    return InvalidFieldError(
        field,
        absl::StrCat(QuoteForMessage(text), " has year ", year, " outside ",
                     kMinYear, "..", kMaxYear),
        v1::INVALID_PERIOD);
  }
  return Period(year, text[5] - '0');
}

Period Period::FromOrdinal(uint16_t ordinal) {
  return Period(ordinal / 2, ordinal % 2 + 1);
}

Period::Period(int year, int half) : year_(year), half_(half) {}

uint16_t Period::ordinal() const {
  return static_cast<uint16_t>(year_ * 2 + (half_ - 1));
}

std::string Period::ToString() const {
  return absl::StrFormat("%04dS%d", year_, half_);
}

Period Period::Previous() const {
  return half_ == 2 ? Period(year_, 1) : Period(year_ - 1, 2);
}

Period Period::Next() const {
  return half_ == 1 ? Period(year_, 2) : Period(year_ + 1, 1);
}

Period Period::SameHalfLastYear() const { return Period(year_ - 1, half_); }

Period Period::YearClose() const { return Period(year_, 2); }

std::string Period::EndDate() const {
  return absl::StrFormat("%04d-%s", year_, half_ == 1 ? "06-30" : "12-31");
}

}  // namespace valore
