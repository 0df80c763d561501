// Dates and times as the Union's documents write them: "31/12/2023" and
// "31/12/2023 14:05", in Italian time (Europe/Rome, UTC when the system has
// no time zone data).
#ifndef VALORE_COMMON_ITALIAN_DATE_H_
#define VALORE_COMMON_ITALIAN_DATE_H_

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace valore {

std::string FormatItalianDate(absl::Time time);
std::string FormatItalianDateTime(absl::Time time);
std::string FormatItalianDate(const google::protobuf::Timestamp& time);
std::string FormatItalianDateTime(const google::protobuf::Timestamp& time);
// The time zone these use.
absl::TimeZone ItalianTimeZone();

}  // namespace valore

#endif  // VALORE_COMMON_ITALIAN_DATE_H_
