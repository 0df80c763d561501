// Fields that earlier releases of valore.v1 stored and that are reserved
// now: parsed with today's messages they are unknown fields, taken out here
// so that an upgrade can read them into today's fields.
#ifndef VALORE_SERVICES_COMMON_LEGACY_FIELDS_H_
#define VALORE_SERVICES_COMMON_LEGACY_FIELDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "google/protobuf/unknown_field_set.h"

namespace valore {

// One stored occurrence of a reserved field, by its wire type.
struct LegacyField {
  google::protobuf::UnknownField::Type type;
  uint64_t varint = 0;   // TYPE_VARINT
  uint64_t fixed64 = 0;  // TYPE_FIXED64 (a double's bits)
  std::string bytes;     // TYPE_LENGTH_DELIMITED (a string or a message)

  double AsDouble() const;
};

// Removes every unknown field numbered `number` from `message` and returns
// them in the order they were stored.
std::vector<LegacyField> TakeLegacyFields(google::protobuf::Message* message,
                                          int number);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_LEGACY_FIELDS_H_
