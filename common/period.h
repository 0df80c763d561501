// Semesters: "2023S1" ends on 30 June, "2023S2" on 31 December (the yearly
// close; its values are the whole year to date).
#ifndef VALORE_COMMON_PERIOD_H_
#define VALORE_COMMON_PERIOD_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore {

class Period {
 public:
  static constexpr int kMinYear = 1900;
  static constexpr int kMaxYear = 9999;

  // Parses "2023S1" / "2023S2" (upper-case S). `field` names the request
  // field in the INVALID_ARGUMENT message: `period: "2023S3" is not a
  // semester; expected YYYYS1 or YYYYS2`.
  static absl::StatusOr<Period> Parse(absl::string_view text,
                                      absl::string_view field = "period");
  static Period FromOrdinal(uint16_t ordinal);
  Period(int year, int half);  // half is 1 or 2; callers check ranges

  int year() const { return year_; }
  int half() const { return half_; }
  // year * 2 + (half - 1): dense and ordered, the storage key.
  uint16_t ordinal() const;
  std::string ToString() const;
  Period Previous() const;          // 2023S1 -> 2022S2
  Period Next() const;              // 2023S2 -> 2024S1
  Period SameHalfLastYear() const;  // 2023S2 -> 2022S2
  Period YearClose() const;         // 2023S1 -> 2023S2
  // The last day of the semester as "YYYY-MM-DD".
  std::string EndDate() const;

  friend bool operator==(Period a, Period b) {
    return a.ordinal() == b.ordinal();
  }
  friend bool operator!=(Period a, Period b) { return !(a == b); }
  friend bool operator<(Period a, Period b) {
    return a.ordinal() < b.ordinal();
  }
  friend bool operator<=(Period a, Period b) {
    return a.ordinal() <= b.ordinal();
  }
  friend bool operator>(Period a, Period b) { return b < a; }
  friend bool operator>=(Period a, Period b) { return b <= a; }

 private:
  int year_;
  int half_;
};

}  // namespace valore

#endif  // VALORE_COMMON_PERIOD_H_
