#include "services/gateway/request_builder.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/error_details.h"
#include "google/protobuf/struct.pb.h"
#include "services/gateway/json_mapping.h"

namespace valore::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Messages that JSON writes as one string ("2023-12-31T00:00:00Z").
bool IsJsonScalarMessage(const Descriptor* type) {
  const std::string& name = type->full_name();
  return name == "google.protobuf.Timestamp" ||
         name == "google.protobuf.Duration" ||
         name == "google.protobuf.FieldMask";
}

// The leaf field that `path` ("as_of", "measurement.entity") names, through
// singular message fields only.
absl::StatusOr<const FieldDescriptor*> LeafField(const Descriptor* type,
                                                 absl::string_view path) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (field != nullptr) {
      if (field->is_repeated() ||
          field->type() != FieldDescriptor::TYPE_MESSAGE ||
          IsJsonScalarMessage(field->message_type())) {
        return absl::NotFoundError(path);
      }
      type = field->message_type();
    }
    field = type->FindFieldByName(std::string(part));
    if (field == nullptr) return absl::NotFoundError(path);
  }
  if (field->is_map() || (field->type() == FieldDescriptor::TYPE_MESSAGE &&
                          !IsJsonScalarMessage(field->message_type()))) {
    return absl::NotFoundError(path);
  }
  return field;
}

// Sets `path` = `text` in `root` (the JSON of a request, as a Struct).
absl::Status SetInStruct(const FieldDescriptor* leaf, absl::string_view path,
                         absl::string_view text,
                         google::protobuf::Struct* root) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  google::protobuf::Struct* at = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    at = (*at->mutable_fields())[parts[i]].mutable_struct_value();
  }
  google::protobuf::Value value;
  if (leaf->type() == FieldDescriptor::TYPE_BOOL) {
    if (text != "true" && text != "false") {
      return InvalidFieldError(
          path, absl::StrCat("\"", text, "\" is not true or false"));
    }
    value.set_bool_value(text == "true");
  } else {
    // JSON takes numbers, enums and timestamps as strings too, and checks
    // them against the field's type.
    value.set_string_value(std::string(text));
  }
  google::protobuf::Value& slot = (*at->mutable_fields())[parts.back()];
  if (leaf->is_repeated()) {
    *slot.mutable_list_value()->add_values() = std::move(value);
  } else if (slot.kind_case() != google::protobuf::Value::KIND_NOT_SET) {
    return InvalidFieldError(path, "is given more than once");
  } else {
    slot = std::move(value);
  }
  return absl::OkStatus();
}

// The text value of a singular string field at `path`, "" when unset.
std::string StringAt(const Message& message, absl::string_view path) {
  const Message* at = &message;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field =
        at->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr || field->is_repeated()) return "";
    if (i + 1 == parts.size()) {
      return field->cpp_type() == FieldDescriptor::CPPTYPE_STRING
                 ? at->GetReflection()->GetString(*at, field)
                 : "";
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return "";
    at = &at->GetReflection()->GetMessage(*at, field);
  }
  return "";
}

bool CarriedByBody(const Route& route, absl::string_view path) {
  if (route.body == "*") return true;
  return !route.body.empty() &&
         (path == route.body || absl::StartsWith(path, route.body + "."));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Message>> BuildRequest(
    const RouteMatch& match, const QueryParameters& query,
    absl::string_view body) {
  const Route& route = *match.route;
  const Descriptor* type = route.method->input_type();
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());

  const bool has_body = !absl::StripAsciiWhitespace(body).empty();
  if (has_body && route.body.empty()) {
    return InvalidFieldError("body", "this operation takes no body",
                             v1::MALFORMED_BODY);
  }
  if (has_body) {
    Message* target = request.get();
    if (route.body != "*") {
      target = request->GetReflection()->MutableMessage(
          request.get(), type->FindFieldByName(route.body));
    }
    const absl::Status parsed = JsonToMessage(body, target);
    if (!parsed.ok()) {
      return InvalidFieldError(
          "body",
          absl::StrCat("is not the JSON of ", target->GetDescriptor()->name(),
                       ": ", parsed.message()),
          v1::MALFORMED_BODY);
    }
  }

  google::protobuf::Struct bound;
  for (const auto& [path, value] : match.bindings) {
    absl::StatusOr<const FieldDescriptor*> leaf = LeafField(type, path);
    if (!leaf.ok()) {
      return absl::InternalError(absl::StrCat(
          route.method->full_name(), ": its rule binds no field ", path));
    }
    const std::string sent = StringAt(*request, path);
    if (!sent.empty() && sent != value) {
      return InvalidFieldError(
          path, absl::StrCat("the body says \"", sent, "\", the URL \"", value,
                             "\""));
    }
    absl::Status set = SetInStruct(*leaf, path, value, &bound);
    if (!set.ok()) return set;
  }
  for (const auto& [name, value] : query) {
    absl::StatusOr<const FieldDescriptor*> leaf = LeafField(type, name);
    if (!leaf.ok() || CarriedByBody(route, name)) {
      return InvalidFieldError(
          name, absl::StrCat("is not a query parameter of this operation (\"",
                             value, "\")"));
    }
    for (const auto& [path, unused] : match.bindings) {
      if (path == name) {
        return InvalidFieldError(name, "is already given by the URL path");
      }
    }
    // Alone first, so that a value of the wrong type is named with its
    // parameter.
    google::protobuf::Struct alone;
    absl::Status set = SetInStruct(*leaf, name, value, &alone);
    if (set.ok()) {
      std::unique_ptr<Message> scratch(request->New());
      absl::StatusOr<std::string> json = MessageToJson(alone);
      set = json.ok() ? JsonToMessage(*json, scratch.get()) : json.status();
      if (!set.ok()) {
        set = InvalidFieldError(
            name, absl::StrCat("\"", value,
                               "\" is not a value of it: ", set.message()));
      }
    }
    if (set.ok()) set = SetInStruct(*leaf, name, value, &bound);
    if (!set.ok()) return set;
  }
  if (!bound.fields().empty()) {
    absl::StatusOr<std::string> json = MessageToJson(bound);
    if (!json.ok()) return json.status();
    std::unique_ptr<Message> from_url(request->New());
    const absl::Status parsed = JsonToMessage(*json, from_url.get());
    if (!parsed.ok()) {
      return InvalidFieldError("path", parsed.message());
    }
    request->MergeFrom(*from_url);
  }
  return request;
}

}  // namespace valore::gateway
