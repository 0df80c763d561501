// google.protobuf.Timestamp values that arrive in requests. Header-only so
// that every library reading requests can use it without a new dependency.
#ifndef VALORE_COMMON_TIMESTAMP_H_
#define VALORE_COMMON_TIMESTAMP_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"

namespace valore {

// The range google.protobuf.Timestamp documents: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
inline constexpr int64_t kMinTimestampSeconds = -62135596800;
inline constexpr int64_t kMaxTimestampSeconds = 253402300799;

// Microseconds since the Unix epoch. INVALID_ARGUMENT naming `field` when
// the timestamp is outside the documented range or its nanos are not in
// [0, 999999999]: a client can send any int64 seconds, and those would
// overflow the microseconds.
inline absl::StatusOr<int64_t> TimestampMicros(
    const google::protobuf::Timestamp& t, absl::string_view field) {
  if (t.seconds() < kMinTimestampSeconds ||
      t.seconds() > kMaxTimestampSeconds) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".seconds: ", t.seconds(),
        " is outside the years 0001 to 9999 a timestamp can name"));
  }
  if (t.nanos() < 0 || t.nanos() > 999999999) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".nanos: ", t.nanos(), " is not between 0 and 999999999"));
  }
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

// The timestamp of `micros` since the Unix epoch (not negative).
inline google::protobuf::Timestamp TimestampFromMicros(int64_t micros) {
  google::protobuf::Timestamp t;
  t.set_seconds(micros / 1000000);
  t.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return t;
}

// A request's as_of in microseconds, 0 (now) when unset; checked as above,
// and after 1970-01-01 (0 means now, and nothing was written before).
template <typename Request>
absl::StatusOr<int64_t> AsOfMicros(const Request& r) {
  if (!r.has_as_of()) return 0;
  absl::StatusOr<int64_t> micros = TimestampMicros(r.as_of(), "as_of");
  if (micros.ok() && *micros <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of.seconds: ", r.as_of().seconds(),
                     " is not after 1970-01-01T00:00:00Z"));
  }
  return micros;
}

}  // namespace valore

#endif  // VALORE_COMMON_TIMESTAMP_H_
