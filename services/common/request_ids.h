// Request ids of idempotent writes (AIP-155), as callers send them; the
// replay records are storage/idempotent_writer.h's, and a request's
// fingerprint is common/message_digest.h's RequestFingerprint.
#ifndef VALORE_SERVICES_COMMON_REQUEST_IDS_H_
#define VALORE_SERVICES_COMMON_REQUEST_IDS_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/message_digest.h"

namespace valore {

inline constexpr size_t kMaxRequestIdBytes = 128;

// Empty is allowed (no idempotency); otherwise printable ASCII, at most
// kMaxRequestIdBytes.
absl::Status ValidateRequestId(absl::string_view request_id);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_REQUEST_IDS_H_
