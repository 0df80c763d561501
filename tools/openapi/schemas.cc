#include "tools/openapi/schemas.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/api/field_behavior.pb.h"
#include "tools/openapi/comments.h"
#include "tools/openapi/field_limits.h"

namespace valore::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

constexpr absl::string_view kTimestamp = "google.protobuf.Timestamp";

Json StringSchema(int64_t max_length) {
  return Json::Object().Set("type", "string").Set("maxLength", max_length);
}

// What a reader of one property should know beyond its comment.
std::string FieldDescription(const FieldDescriptor& field) {
  std::string text = CommentOf(field);
  if (const auto* oneof = field.real_containing_oneof()) {
    std::vector<std::string> members;
    for (int i = 0; i < oneof->field_count(); ++i) {
      members.push_back(absl::StrCat("`", oneof->field(i)->name(), "`"));
    }
    absl::StrAppend(&text, text.empty() ? "" : "\n\n", "One of `",
                    oneof->name(), "`: at most one of ",
                    absl::StrJoin(members, ", "), " is set.");
  }
  return text;
}

}  // namespace

std::string SchemaNameOf(absl::string_view full_name,
                         absl::string_view package) {
  absl::string_view local = full_name;
  if (!package.empty() && absl::StartsWith(local, package) &&
      local.size() > package.size() && local[package.size()] == '.') {
    local.remove_prefix(package.size() + 1);
  }
  return absl::StrReplaceAll(local, {{".", ""}});
}

Json RefToSchema(absl::string_view name) {
  return Json::Object().Set("$ref",
                            absl::StrCat("#/components/schemas/", name));
}

bool HasBehavior(const FieldDescriptor& field, int behavior) {
  const auto& behaviors =
      field.options().GetRepeatedExtension(google::api::field_behavior);
  return std::find(behaviors.begin(), behaviors.end(), behavior) !=
         behaviors.end();
}

absl::StatusOr<std::string> SchemaRegistry::Claim(
    const std::string& name, const std::string& full_name) {
  auto [it, added] = owners_.try_emplace(name, full_name);
  if (!added && it->second != full_name) {
    return absl::FailedPreconditionError(
        absl::StrCat("schema name ", name, " would stand for both ", it->second,
                     " and ", full_name));
  }
  return name;
}

absl::Status SchemaRegistry::AddSchema(const std::string& name, Json schema) {
  absl::StatusOr<std::string> claimed = Claim(name, absl::StrCat("#", name));
  if (!claimed.ok()) return claimed.status();
  schemas_->Set(name, std::move(schema));
  return absl::OkStatus();
}

absl::StatusOr<Json> SchemaRegistry::EnumRef(const EnumDescriptor& e) {
  const std::string name = SchemaNameOf(e.full_name(), e.file()->package());
  if (owners_.contains(name)) {
    absl::StatusOr<std::string> claimed = Claim(name, e.full_name());
    if (!claimed.ok()) return claimed.status();
    return RefToSchema(name);
  }
  absl::StatusOr<std::string> claimed = Claim(name, e.full_name());
  if (!claimed.ok()) return claimed.status();
  Json values = Json::Array();
  std::string description = CommentOf(e);
  absl::StrAppend(&description, description.empty() ? "" : "\n\n",
                  "Written by name:");
  for (int i = 0; i < e.value_count(); ++i) {
    const auto& value = *e.value(i);
    values.Append(value.name());
    absl::StrAppend(&description, "\n- `", value.name(), "`");
    if (std::string comment = CommentOf(value); !comment.empty()) {
      absl::StrAppend(&description, ": ", comment);
    }
  }
  schemas_->Set(name, Json::Object()
                          .Set("type", "string")
                          .Set("description", description)
                          .Set("enum", std::move(values)));
  return RefToSchema(name);
}

absl::StatusOr<Json> SchemaRegistry::MessageRef(const Descriptor& message) {
  const std::string name =
      SchemaNameOf(message.full_name(), message.file()->package());
  absl::StatusOr<std::string> claimed = Claim(name, message.full_name());
  if (!claimed.ok()) return claimed.status();
  if (schemas_->Find(name) == nullptr) {
    // Claimed before it is built, so a message that contains itself ends.
    schemas_->Set(name, Json::Object());
    absl::StatusOr<Json> schema = MessageSchema(message);
    if (!schema.ok()) return schema.status();
    schemas_->Set(name, *std::move(schema));
  }
  return RefToSchema(name);
}

absl::StatusOr<Json> SchemaRegistry::MessageSchema(const Descriptor& message) {
  Json schema = Json::Object().Set("type", "object");
  if (std::string comment = CommentOf(message); !comment.empty()) {
    schema.Set("description", comment);
  }
  Json properties = Json::Object();
  Json required = Json::Array();
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    absl::StatusOr<Json> property = FieldSchema(field, /*documented=*/true);
    if (!property.ok()) return property.status();
    properties.Set(field.name(), *std::move(property));
    if (HasBehavior(field, google::api::REQUIRED))
      required.Append(field.name());
  }
  schema.Set("properties", std::move(properties));
  if (required.size() > 0) schema.Set("required", std::move(required));
  // The gateway reads JSON with ignore_unknown_fields = false.
  schema.Set("additionalProperties", false);
  return schema;
}

absl::StatusOr<Json> SchemaRegistry::ValueSchema(const FieldDescriptor& field) {
  switch (field.type()) {
    case FieldDescriptor::TYPE_STRING:
      return StringSchema(MaxLength(field));
    case FieldDescriptor::TYPE_BYTES:
      // Base64 of at most MaxLength bytes.
      return StringSchema((MaxLength(field) + 2) / 3 * 4).Set("format", "byte");
    case FieldDescriptor::TYPE_BOOL:
      return Json::Object().Set("type", "boolean");
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Json::Object().Set("type", "integer").Set("format", "int32");
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      // No "uint32" format in OpenAPI: an int64 that is never negative nor
      // above 2^32 - 1.
      return Json::Object()
          .Set("type", "integer")
          .Set("format", "int64")
          .Set("minimum", 0)
          .Set("maximum", int64_t{4294967295});
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      // json_util writes 64-bit integers as strings (JavaScript's numbers
      // lose precision beyond 2^53).
      return StringSchema(kMaxInt64TextBytes)
          .Set("format", "int64")
          .Set("pattern", "^-?[0-9]+$");
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return StringSchema(kMaxInt64TextBytes)
          .Set("format", "uint64")
          .Set("pattern", "^[0-9]+$");
    case FieldDescriptor::TYPE_DOUBLE:
      return Json::Object().Set("type", "number").Set("format", "double");
    case FieldDescriptor::TYPE_FLOAT:
      return Json::Object().Set("type", "number").Set("format", "float");
    case FieldDescriptor::TYPE_ENUM:
      return EnumRef(*field.enum_type());
    case FieldDescriptor::TYPE_MESSAGE: {
      const Descriptor& message = *field.message_type();
      if (message.full_name() == kTimestamp) {
        return StringSchema(kMaxTimestampTextBytes).Set("format", "date-time");
      }
      if (message.file()->package() != field.file()->package()) {
        return absl::UnimplementedError(
            absl::StrCat(field.full_name(), ": no JSON schema for ",
                         message.full_name(), " yet"));
      }
      return MessageRef(message);
    }
    case FieldDescriptor::TYPE_GROUP:
      break;
  }
  return absl::UnimplementedError(
      absl::StrCat(field.full_name(), ": groups have no JSON mapping"));
}

absl::StatusOr<Json> SchemaRegistry::FieldSchema(const FieldDescriptor& field,
                                                 bool documented) {
  if (field.is_map()) {
    return absl::UnimplementedError(
        absl::StrCat(field.full_name(), ": map fields are not described yet"));
  }
  absl::StatusOr<Json> value = ValueSchema(field);
  if (!value.ok()) return value.status();
  Json schema;
  if (field.is_repeated()) {
    absl::StatusOr<int64_t> max_items = MaxItems(field);
    if (!max_items.ok()) return max_items.status();
    schema = Json::Object()
                 .Set("type", "array")
                 .Set("items", *std::move(value))
                 .Set("maxItems", *max_items);
  } else if (value->Find("$ref") != nullptr && documented) {
    // A Reference Object takes no siblings in OpenAPI 3.0: allOf keeps the
    // field's own description and flags.
    Json all_of = Json::Array();
    all_of.Append(*std::move(value));
    schema = Json::Object().Set("allOf", std::move(all_of));
  } else {
    schema = *std::move(value);
  }
  if (!documented) return schema;
  if (std::string description = FieldDescription(field); !description.empty()) {
    schema.Set("description", description);
  }
  if (HasBehavior(field, google::api::OUTPUT_ONLY)) {
    schema.Set("readOnly", true);
  }
  if (HasBehavior(field, google::api::INPUT_ONLY)) {
    schema.Set("writeOnly", true);
  }
  return schema;
}

absl::StatusOr<std::string> SchemaRegistry::BodySchema(
    const Descriptor& message, const std::vector<std::string>& path_fields) {
  const std::string name =
      SchemaNameOf(message.full_name(), message.file()->package());
  if (path_fields.empty()) {
    absl::StatusOr<Json> ref = MessageRef(message);
    if (!ref.ok()) return ref.status();
    return name;
  }
  // Only the body is a component: the whole request is never sent as JSON.
  const std::string body_name = absl::StrCat(name, "Body");
  absl::StatusOr<std::string> claimed =
      Claim(body_name, absl::StrCat(message.full_name(),
                                    "#body:", absl::StrJoin(path_fields, ",")));
  if (!claimed.ok()) return claimed.status();
  if (schemas_->Find(body_name) != nullptr) return body_name;
  absl::StatusOr<Json> whole = MessageSchema(message);
  if (!whole.ok()) return whole.status();
  Json body = *std::move(whole);
  Json* properties = &body["properties"];
  Json required = Json::Array();
  for (const std::string& field : path_fields) properties->Erase(field);
  if (const Json* all = body.Find("required")) {
    for (const Json& field : all->items()) {
      if (std::find(path_fields.begin(), path_fields.end(), field.text()) ==
          path_fields.end()) {
        required.Append(field);
      }
    }
  }
  body.Erase("required");
  body.Erase("additionalProperties");
  if (required.size() > 0) body.Set("required", std::move(required));
  body.Set("additionalProperties", false);
  body.Set(
      "description",
      absl::StrCat(
          "The body of ", name, ": its fields but ",
          absl::StrJoin(path_fields, ", ",
                        [](std::string* out, const std::string& f) {
                          absl::StrAppend(out, "`", f, "`");
                        }),
          ", which the URL path sets.\n\n",
          body.Find("description") ? body.Find("description")->text() : ""));
  schemas_->Set(body_name, std::move(body));
  return body_name;
}

}  // namespace valore::openapi
