// Numbers in Italian notation: '.' groups thousands, ',' is the decimal mark
// ("3.593", "80,5%", "5.717.814,53", "0,865").
#ifndef VALORE_COMMON_ITALIAN_NUMBER_H_
#define VALORE_COMMON_ITALIAN_NUMBER_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore {

struct ParsedNumber {
  double value = 0;
  bool percent = false;  // written with a trailing '%' (spaces allowed)
};

// Parses a whole string that is one number, optionally signed and followed by
// '%'. A '.' followed by exactly three digits groups thousands ("3.593",
// "1.037.852"); any other '.' is a decimal point, as the source documents
// sometimes write ("2.24", "8.4"). Errors name `field` and the text.
absl::StatusOr<ParsedNumber> ParseItalianNumber(
    absl::string_view text, absl::string_view field = "value");

// Finds the number that starts at *pos (after skipping spaces), advancing
// *pos past it (and past a '%'); std::nullopt when no number starts there.
std::optional<ParsedNumber> ConsumeItalianNumber(absl::string_view text,
                                                 size_t* pos);

// Formats with `decimals` digits, ',' as decimal mark and '.' grouping
// thousands: FormatItalian(5717814.53, 2) == "5.717.814,53".
std::string FormatItalian(double value, int decimals);
// FormatPercent(53.488, 2) == "53,49%".
std::string FormatPercent(double percent, int decimals = 2);
// The shortest faithful form: integers without decimals ("3.593"), others
// with up to `max_decimals` ("80,5").
std::string FormatItalianCompact(double value, int max_decimals = 4);

}  // namespace valore

#endif  // VALORE_COMMON_ITALIAN_NUMBER_H_
