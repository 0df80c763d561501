#include "services/common/legacy_fields.h"

#include <algorithm>
#include <cstring>

namespace valore {

double LegacyField::AsDouble() const {
  double value = 0;
  static_assert(sizeof(value) == sizeof(fixed64));
  std::memcpy(&value, &fixed64, sizeof(value));
  return value;
}

std::vector<LegacyField> TakeLegacyFields(google::protobuf::Message* message,
                                          int number) {
  google::protobuf::UnknownFieldSet* unknown =
      message->GetReflection()->MutableUnknownFields(message);
  std::vector<LegacyField> taken;
  for (int i = unknown->field_count() - 1; i >= 0; --i) {
    const google::protobuf::UnknownField& field = unknown->field(i);
    if (field.number() != number) continue;
    LegacyField out;
    out.type = field.type();
    switch (field.type()) {
      case google::protobuf::UnknownField::TYPE_VARINT:
        out.varint = field.varint();
        break;
      case google::protobuf::UnknownField::TYPE_FIXED64:
        out.fixed64 = field.fixed64();
        break;
      case google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED:
        out.bytes = field.length_delimited();
        break;
      default:
        break;
    }
    taken.push_back(std::move(out));
    unknown->DeleteSubrange(i, 1);
  }
  std::reverse(taken.begin(), taken.end());
  return taken;
}

}  // namespace valore
