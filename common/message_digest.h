// Bytes and digests of protobuf messages that are the same for the same
// content, every time: to tell a retry from a different request reusing an
// id, to name a request by what it holds, to hash a report.
#ifndef VALORE_COMMON_MESSAGE_DIGEST_H_
#define VALORE_COMMON_MESSAGE_DIGEST_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/strings/string_view.h"

namespace valore {

// Deterministic serialization (map entries sorted).
std::string DeterministicBytes(const google::protobuf::Message& message);

// DeterministicBytes of `request` without its `request_id` field (if it has
// one): what must match for a call to count as a retry of another.
std::string RequestFingerprint(const google::protobuf::Message& request);

// The SHA-256 of `bytes`, 32 raw bytes.
std::string Sha256(absl::string_view bytes);

// The SHA-256 of the message's deterministic bytes, in lower-case hex.
std::string ContentDigestHex(const google::protobuf::Message& message);

}  // namespace valore

#endif  // VALORE_COMMON_MESSAGE_DIGEST_H_
