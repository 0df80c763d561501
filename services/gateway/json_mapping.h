// How the gateway writes and reads protobuf messages as JSON: the proto's
// snake_case names, enums as their names, int64 as strings, timestamps in
// RFC 3339, empty lists as [] and false as false (never left out), and no
// unknown field accepted. One place, so every route answers alike.
#ifndef VALORE_SERVICES_GATEWAY_JSON_MAPPING_H_
#define VALORE_SERVICES_GATEWAY_JSON_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace valore::gateway {

absl::StatusOr<std::string> MessageToJson(
    const google::protobuf::Message& message);

// Parses `json` into `message` (merging). INVALID_ARGUMENT with protobuf's
// explanation when it is not JSON or not this message's JSON.
absl::Status JsonToMessage(absl::string_view json,
                           google::protobuf::Message* message);

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_JSON_MAPPING_H_
