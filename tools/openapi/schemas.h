// components/schemas from the messages and enums of the contracts, in the
// JSON form protobuf's json_util writes and reads them
// (preserve_proto_field_names): snake_case properties, enums by name,
// 64-bit integers as strings, Timestamps as RFC 3339 strings.
#ifndef VALORE_TOOLS_OPENAPI_SCHEMAS_H_
#define VALORE_TOOLS_OPENAPI_SCHEMAS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "tools/openapi/json.h"

namespace valore::openapi {

// "valore.v1.Entity.Kind" -> "EntityKind": the full name without the
// package, its parts joined.
std::string SchemaNameOf(absl::string_view full_name,
                         absl::string_view package);

// "#/components/schemas/<name>" as a Reference Object.
Json RefToSchema(absl::string_view name);

class SchemaRegistry {
 public:
  // Adds schemas to `schemas` (components/schemas, an object).
  explicit SchemaRegistry(Json* schemas) : schemas_(schemas) {}

  // A Reference Object to the message's schema, added with every schema it
  // needs on first use.
  absl::StatusOr<Json> MessageRef(const google::protobuf::Descriptor& message);

  // The schema of one value of the field (the element of a repeated one),
  // without its description: what a query parameter's schema holds.
  absl::StatusOr<Json> ValueSchema(
      const google::protobuf::FieldDescriptor& field);

  // The value schema, as an array for a repeated field; with `documented`,
  // the field's description and readOnly/writeOnly too.
  absl::StatusOr<Json> FieldSchema(
      const google::protobuf::FieldDescriptor& field, bool documented);

  // The message's schema without the fields the URL path sets, added as
  // "<Message>Body"; just the message's own when `path_fields` is empty.
  // Returns the schema's name.
  absl::StatusOr<std::string> BodySchema(
      const google::protobuf::Descriptor& message,
      const std::vector<std::string>& path_fields);

  // Adds a schema the contracts do not have (a stream's results wrapper).
  absl::Status AddSchema(const std::string& name, Json schema);

 private:
  absl::StatusOr<std::string> Claim(const std::string& name,
                                    const std::string& full_name);
  absl::StatusOr<Json> EnumRef(const google::protobuf::EnumDescriptor& e);
  absl::StatusOr<Json> MessageSchema(
      const google::protobuf::Descriptor& message);

  Json* schemas_;
  // Schema name -> the full name it stands for, so that two types that
  // would share a name fail the build instead of one hiding the other.
  absl::flat_hash_map<std::string, std::string> owners_;
};

// Whether the field is REQUIRED, OUTPUT_ONLY or INPUT_ONLY
// (google.api.field_behavior).
bool HasBehavior(const google::protobuf::FieldDescriptor& field, int behavior);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_SCHEMAS_H_
