// Idempotent writes (AIP-155): a write carrying a request_id stores its
// answer beside its effect, in the same batch; a retry with the same id and
// the same request gets that answer back and stores nothing more.
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

// Key of the replay record: method, the caller and request id. A request id
// belongs to its caller: another principal reusing it gets no answer of
// someone else's (nor an audit event in someone else's name).
std::string ReplayKey(absl::string_view method, absl::string_view principal,
                      absl::string_view request_id);

// Fingerprint of `request` without its `request_id` field (if it has one):
// what must match for a call to count as a retry.
std::string RequestFingerprint(const google::protobuf::Message& request);

std::string EncodeReplay(absl::string_view fingerprint,
                         absl::string_view response);

// The stored response when `stored` was written for this fingerprint;
// INVALID_ARGUMENT when the id was used for a different request; DATA_LOSS
// when the record is unreadable.
absl::StatusOr<std::string> MatchReplay(absl::string_view stored,
                                        absl::string_view fingerprint,
                                        absl::string_view request_id);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_REQUEST_IDS_H_
