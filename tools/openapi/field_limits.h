// The bounds the OpenAPI document states for strings and arrays. They come
// from the limits the services enforce (common/record_checks.h,
// services/catalog/catalog_limits.h, ...), so the document cannot drift from
// the code; where the code has no limit the bound is derived from those that
// exist (a report has no more lines than a catalog may hold).
#ifndef VALORE_TOOLS_OPENAPI_FIELD_LIMITS_H_
#define VALORE_TOOLS_OPENAPI_FIELD_LIMITS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"

namespace valore::openapi {

// JSON text of an int64/uint64 ("-9223372036854775808") and of a
// google.protobuf.Timestamp ("9999-12-31T23:59:59.999999999+00:00").
inline constexpr int64_t kMaxInt64TextBytes = 20;
inline constexpr int64_t kMaxTimestampTextBytes = 35;
// One segment of a URL path: an id or a code ("carpi", "S5.00016",
// "DG.00005~S4.00004"), a period, "union", "latest".
int64_t MaxPathSegmentBytes();

// maxLength of a string (or repeated string) field. Every field has one:
// names, codes, periods and tokens their own, texts the services' text
// limit.
int64_t MaxLength(const google::protobuf::FieldDescriptor& field);

// maxItems of a repeated field. FAILED_PRECONDITION naming the field when
// no bound is known: a new repeated field needs one in field_limits.cc.
absl::StatusOr<int64_t> MaxItems(
    const google::protobuf::FieldDescriptor& field);

// How many messages a server-streaming method sends at most, by the full
// name of its stream message.
absl::StatusOr<int64_t> MaxStreamMessages(
    const google::protobuf::Descriptor& stream_message);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_FIELD_LIMITS_H_
