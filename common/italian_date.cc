#include "common/italian_date.h"

namespace valore {

absl::TimeZone ItalianTimeZone() {
  static const absl::TimeZone zone = [] {
    absl::TimeZone rome;
    return absl::LoadTimeZone("Europe/Rome", &rome) ? rome
                                                    : absl::UTCTimeZone();
  }();
  return zone;
}

std::string FormatItalianDate(absl::Time time) {
  return absl::FormatTime("%d/%m/%Y", time, ItalianTimeZone());
}

std::string FormatItalianDateTime(absl::Time time) {
  return absl::FormatTime("%d/%m/%Y %H:%M", time, ItalianTimeZone());
}

namespace {
absl::Time TimeOf(const google::protobuf::Timestamp& time) {
  return absl::FromUnixSeconds(time.seconds()) +
         absl::Nanoseconds(time.nanos());
}
}  // namespace

std::string FormatItalianDate(const google::protobuf::Timestamp& time) {
  return FormatItalianDate(TimeOf(time));
}

std::string FormatItalianDateTime(const google::protobuf::Timestamp& time) {
  return FormatItalianDateTime(TimeOf(time));
}

}  // namespace valore
