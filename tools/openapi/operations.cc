#include "tools/openapi/operations.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/api/field_behavior.pb.h"
#include "services/gateway/path_template.h"
#include "tools/openapi/comments.h"
#include "tools/openapi/document_frame.h"
#include "tools/openapi/field_limits.h"

namespace valore::openapi {
namespace {

using gateway::UrlParameter;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

constexpr absl::string_view kTimestamp = "google.protobuf.Timestamp";
constexpr int64_t kPeriodBytes = 6;

absl::Status Fail(const MethodDescriptor& method, absl::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat(method.full_name(), ": ", why));
}

// "entity" -> "Entity", "validated_outcome" -> "ValidatedOutcome".
std::string PascalCase(absl::string_view snake) {
  std::string out;
  for (absl::string_view part : absl::StrSplit(snake, '_', absl::SkipEmpty())) {
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(part[0])));
    out.append(part.data() + 1, part.size() - 1);
  }
  return out;
}

std::string LowerFirst(std::string s) {
  if (!s.empty()) s[0] = absl::ascii_tolower(static_cast<unsigned char>(s[0]));
  return s;
}

const FieldDescriptor* FieldAt(const Descriptor& message,
                               absl::string_view path) {
  const Descriptor* current = &message;
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (current == nullptr) return nullptr;
    field = current->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    current = field->message_type();
  }
  return field;
}

// The RPC's comment; for an RPC without one, its request's
// ("Asks for one entity by its name (CatalogService.GetEntity).") without
// the method it names.
std::string DescriptionOf(const MethodDescriptor& method) {
  std::string text = CommentOf(method);
  if (!text.empty()) return text;
  text = CommentOf(*method.input_type());
  const std::string named =
      absl::StrCat(" (", method.service()->name(), ".", method.name(), ")");
  if (size_t at = text.find(named); at != std::string::npos) {
    text.erase(at, named.size());
  }
  return text;
}

// The first sentence, as an imperative when it is a request's "Asks ...".
std::string SummaryOf(absl::string_view description) {
  std::string summary = FirstSentence(description);
  if (absl::StartsWith(summary, "Asks for ")) {
    summary = absl::StrCat("Get ", summary.substr(9));
  } else if (absl::StartsWith(summary, "Asks to ")) {
    summary = summary.substr(8);
    summary[0] = absl::ascii_toupper(static_cast<unsigned char>(summary[0]));
  }
  return summary;
}

Json PathParameter(const UrlParameter& parameter, absl::string_view spelled,
                   const FieldDescriptor& field, bool whole_field) {
  std::string description =
      whole_field
          ? absl::StrCat("The request's `", parameter.field_path, "`.")
          : absl::StrCat("The `{", parameter.name, "}` of the request's `",
                         parameter.field_path, "`, \"", spelled, "\".");
  if (std::string comment = CommentOf(field); !comment.empty()) {
    absl::StrAppend(&description, " ", comment);
  }
  Json schema = Json::Object().Set("type", "string");
  if (parameter.name == "period") {
    schema.Set("maxLength", kPeriodBytes).Set("pattern", "^[0-9]{4}S[12]$");
  } else {
    schema.Set("maxLength", MaxPathSegmentBytes());
  }
  return Json::Object()
      .Set("name", parameter.name)
      .Set("in", "path")
      .Set("description", description)
      .Set("required", true)
      .Set("schema", std::move(schema));
}

// The request's fields the URL path does not set, as query parameters;
// singular messages flattened with dotted names ("a.b").
absl::Status AddQueryParameters(const Descriptor& message,
                                const std::string& prefix,
                                const absl::flat_hash_set<std::string>& bound,
                                const std::string& body_field,
                                SchemaRegistry* schemas, Json* parameters) {
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    const std::string name = absl::StrCat(prefix, field.name());
    if (bound.contains(name) ||
        (prefix.empty() && field.name() == body_field)) {
      continue;
    }
    if (field.type() == FieldDescriptor::TYPE_MESSAGE &&
        field.message_type()->full_name() != kTimestamp) {
      if (field.is_repeated()) {
        return absl::UnimplementedError(absl::StrCat(
            field.full_name(),
            ": a repeated message has no query parameter form; send it in "
            "a body"));
      }
      absl::Status nested =
          AddQueryParameters(*field.message_type(), absl::StrCat(name, "."),
                             bound, body_field, schemas, parameters);
      if (!nested.ok()) return nested;
      continue;
    }
    absl::StatusOr<Json> schema = schemas->FieldSchema(field, false);
    if (!schema.ok()) return schema.status();
    Json parameter = Json::Object().Set("name", name).Set("in", "query");
    if (std::string comment = CommentOf(field); !comment.empty()) {
      parameter.Set("description", comment);
    }
    if (prefix.empty() && HasBehavior(field, google::api::REQUIRED)) {
      parameter.Set("required", true);
    }
    if (field.is_repeated()) {
      parameter.Set("style", "form").Set("explode", true);
    }
    parameter.Set("schema", *std::move(schema));
    parameters->Append(std::move(parameter));
  }
  return absl::OkStatus();
}

absl::StatusOr<Json> SuccessResponse(const MethodDescriptor& method,
                                     SchemaRegistry* schemas) {
  absl::StatusOr<Json> ref = schemas->MessageRef(*method.output_type());
  if (!ref.ok()) return ref.status();
  std::string description = FirstSentence(CommentOf(*method.output_type()));
  if (description.empty()) description = "OK";
  Json content = Json::Object();
  if (method.server_streaming()) {
    const std::string results = absl::StrCat(method.name(), "Results");
    absl::StatusOr<int64_t> max = MaxStreamMessages(*method.output_type());
    if (!max.ok()) return max.status();
    absl::Status added = schemas->AddSchema(
        results,
        Json::Object()
            .Set("type", "object")
            .Set("description",
                 absl::StrCat("Every message of the ", method.name(),
                              " stream, in order, once the stream ended."))
            .Set("properties",
                 Json::Object().Set("results", Json::Object()
                                                   .Set("type", "array")
                                                   .Set("items", *ref)
                                                   .Set("maxItems", *max)))
            .Set("required", Json::ArrayOf({"results"}))
            .Set("additionalProperties", false));
    if (!added.ok()) return added;
    absl::StrAppend(
        &description,
        ". A stream: as one JSON object {\"results\": [...]}, or, with "
        "`Accept: application/x-ndjson`, one message per line as each "
        "arrives");
    content.Set(kJson, Json::Object().Set("schema", RefToSchema(results)));
    content.Set(kNdjson, Json::Object().Set("schema", *std::move(ref)));
  } else {
    content.Set(kJson, Json::Object().Set("schema", *std::move(ref)));
  }
  return Json::Object()
      .Set("description", description)
      .Set("headers", RateLimitHeaders())
      .Set("content", std::move(content));
}

}  // namespace

absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const google::api::HttpRule& rule) {
  std::vector<HttpBinding> bindings;
  auto add = [&](const google::api::HttpRule& r) -> absl::Status {
    if (!r.response_body().empty()) {
      return absl::UnimplementedError("response_body is not served");
    }
    HttpBinding b;
    b.body = r.body();
    switch (r.pattern_case()) {
      case google::api::HttpRule::kGet:
        b.verb = "get";
        b.rule_path = r.get();
        break;
      case google::api::HttpRule::kPut:
        b.verb = "put";
        b.rule_path = r.put();
        break;
      case google::api::HttpRule::kPost:
        b.verb = "post";
        b.rule_path = r.post();
        break;
      case google::api::HttpRule::kDelete:
        b.verb = "delete";
        b.rule_path = r.delete_();
        break;
      case google::api::HttpRule::kPatch:
        b.verb = "patch";
        b.rule_path = r.patch();
        break;
      default:
        return absl::InvalidArgumentError(
            "a custom HTTP verb is not a ModI operation");
    }
    bindings.push_back(std::move(b));
    return absl::OkStatus();
  };
  if (absl::Status s = add(rule); !s.ok()) return s;
  for (const google::api::HttpRule& extra : rule.additional_bindings()) {
    if (absl::Status s = add(extra); !s.ok()) return s;
  }
  return bindings;
}

absl::StatusOr<std::vector<std::string>> OperationIdsOf(
    const MethodDescriptor& method, const std::vector<HttpBinding>& bindings,
    bool qualify_with_service) {
  std::string base = LowerFirst(method.name());
  if (qualify_with_service) {
    std::string service(absl::StripSuffix(method.service()->name(), "Service"));
    base = absl::StrCat(LowerFirst(service), method.name());
  }
  std::vector<std::vector<UrlParameter>> parameters;
  for (const HttpBinding& binding : bindings) {
    absl::StatusOr<gateway::PathTemplate> parsed =
        gateway::ParsePathTemplate(binding.rule_path);
    if (!parsed.ok()) return Fail(method, parsed.status().message());
    parameters.push_back(gateway::UrlTemplateOf(*parsed).parameters);
  }
  std::vector<std::string> ids = {base};
  for (size_t i = 1; i < bindings.size(); ++i) {
    std::string suffix = absl::StrCat("Binding", i + 1);
    for (const UrlParameter& p : parameters[i]) {
      const bool in_first =
          std::any_of(parameters[0].begin(), parameters[0].end(),
                      [&](const UrlParameter& q) { return q.name == p.name; });
      if (!in_first) {
        suffix = absl::StrCat("For", PascalCase(p.name));
        break;
      }
    }
    ids.push_back(absl::StrCat(base, suffix));
  }
  return ids;
}

absl::StatusOr<Operation> BuildOperation(const OperationInput& input,
                                         SchemaRegistry* schemas,
                                         ExampleStore* examples) {
  const MethodDescriptor& method = *input.method;
  const Descriptor& request = *method.input_type();
  if (method.client_streaming()) {
    return Fail(method, "a client stream has no REST form");
  }
  absl::StatusOr<gateway::PathTemplate> parsed =
      gateway::ParsePathTemplate(input.binding.rule_path);
  if (!parsed.ok()) return Fail(method, parsed.status().message());
  const gateway::UrlTemplate url = gateway::UrlTemplateOf(*parsed);
  if (!absl::StartsWith(url.path, absl::StrCat(kVersionPrefix, "/"))) {
    return Fail(method,
                absl::StrCat("\"", input.binding.rule_path,
                             "\" does not start with ", kVersionPrefix, "/"));
  }

  Operation operation;
  operation.verb = input.binding.verb;
  operation.path = url.path.substr(std::string(kVersionPrefix).size());

  // Path parameters, in URL order, each with the field it fills.
  Json parameters = Json::Array();
  absl::flat_hash_set<std::string> bound;
  std::vector<std::string> bound_top_level;
  size_t next = 0;
  for (const gateway::TemplateVariable& variable : parsed->variables) {
    const FieldDescriptor* field = FieldAt(request, variable.field_path);
    if (field == nullptr || field->type() != FieldDescriptor::TYPE_STRING ||
        field->is_repeated()) {
      return Fail(method, absl::StrCat("the path sets \"", variable.field_path,
                                       "\", not a string field of ",
                                       request.full_name()));
    }
    bound.insert(variable.field_path);
    bound_top_level.push_back(
        variable.field_path.substr(0, variable.field_path.find('.')));
    std::string spelled;
    std::vector<size_t> own;
    for (size_t i = variable.first_segment; i < variable.end_segment; ++i) {
      if (i > variable.first_segment) spelled.push_back('/');
      const gateway::TemplateSegment& segment = parsed->segments[i];
      if (!segment.wildcard()) {
        spelled += segment.literal;
        continue;
      }
      if (next >= url.parameters.size()) {
        return Fail(method, "a wildcard outside a {variable}");
      }
      absl::StrAppend(&spelled, "{", url.parameters[next].name, "}");
      own.push_back(next++);
    }
    const bool whole_field = variable.end_segment - variable.first_segment == 1;
    for (size_t p : own) {
      parameters.Append(
          PathParameter(url.parameters[p], spelled, *field, whole_field));
    }
  }
  if (next != url.parameters.size()) {
    return Fail(method, "a wildcard outside a {variable}");
  }

  const std::string& body = input.binding.body;
  Json request_body;
  if (body == "*") {
    if (std::any_of(bound.begin(), bound.end(), [](const std::string& f) {
          return absl::StrContains(f, '.');
        })) {
      return Fail(method, "body \"*\" with a nested path field");
    }
    absl::StatusOr<std::string> name =
        schemas->BodySchema(request, bound_top_level);
    if (!name.ok()) return name.status();
    absl::StatusOr<Json> example =
        examples->ForBody(input.operation_id, request);
    if (!example.ok()) return example.status();
    request_body =
        Json::Object()
            .Set("description",
                 absl::StrCat(
                     "The ", request.name(),
                     bound.empty() ? "" : " without what the path sets", "."))
            .Set("required", true)
            .Set("content",
                 Json::Object().Set(kJson,
                                    Json::Object()
                                        .Set("schema", RefToSchema(*name))
                                        .Set("example", *std::move(example))));
  } else if (!body.empty()) {
    const FieldDescriptor* field = request.FindFieldByName(body);
    if (field == nullptr || field->is_repeated() ||
        field->type() != FieldDescriptor::TYPE_MESSAGE) {
      return Fail(method,
                  absl::StrCat("body \"", body, "\" is not a message field"));
    }
    absl::StatusOr<Json> ref = schemas->MessageRef(*field->message_type());
    if (!ref.ok()) return ref.status();
    absl::StatusOr<Json> example =
        examples->ForBody(input.operation_id, *field->message_type());
    if (!example.ok()) return example.status();
    request_body =
        Json::Object()
            .Set("description", absl::StrCat("The request's `", body, "`. ",
                                             CommentOf(*field)))
            .Set("required", true)
            .Set("content",
                 Json::Object().Set(kJson,
                                    Json::Object()
                                        .Set("schema", *std::move(ref))
                                        .Set("example", *std::move(example))));
  }
  if (body != "*") {
    absl::Status query =
        AddQueryParameters(request, "", bound, body, schemas, &parameters);
    if (!query.ok()) return Fail(method, query.message());
  }

  absl::StatusOr<Json> success = SuccessResponse(method, schemas);
  if (!success.ok()) return success.status();
  Json responses = Json::Object().Set("200", *std::move(success));
  const Json errors = ErrorResponses();
  for (const auto& [status, ref] : errors.members()) {
    responses.Set(status, ref);
  }

  const std::string description = DescriptionOf(method);
  operation.object = Json::Object()
                         .Set("tags", Json::ArrayOf({input.tag}))
                         .Set("summary", SummaryOf(description))
                         .Set("description", description)
                         .Set("operationId", input.operation_id);
  if (parameters.size() > 0) {
    operation.object.Set("parameters", std::move(parameters));
  }
  if (request_body.is_object()) {
    operation.object.Set("requestBody", std::move(request_body));
  }
  operation.object.Set("responses", std::move(responses));
  return operation;
}

}  // namespace valore::openapi
