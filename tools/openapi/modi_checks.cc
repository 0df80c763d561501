#include "tools/openapi/modi_checks.h"

#include <regex>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace valore::openapi {
namespace {

constexpr const char* kVerbs[] = {"get",     "put",  "post",  "delete",
                                  "options", "head", "patch", "trace"};
constexpr const char* kRateLimitHeaders[] = {
    "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"};

class Checker {
 public:
  explicit Checker(const Json& document) : document_(document) {}

  std::vector<std::string> Run() {
    CheckInfo();
    CheckServers();
    CheckSecurity();
    CheckOperations();
    CheckSchemaNames();
    WalkSchemas(document_, "#");
    return std::move(violations_);
  }

 private:
  void Violation(absl::string_view rule, absl::string_view where,
                 absl::string_view what) {
    violations_.push_back(absl::StrCat(rule, ": ", where, ": ", what));
  }

  static bool Matches(absl::string_view text, const std::regex& pattern) {
    return std::regex_match(text.begin(), text.end(), pattern);
  }

  static const Json* Member(const Json* object, absl::string_view key) {
    return object != nullptr && object->is_object() ? object->Find(key)
                                                    : nullptr;
  }

  static bool IsText(const Json* value) {
    return value != nullptr && value->kind() == Json::Kind::kString &&
           !value->text().empty();
  }

  // "#/components/responses/NotFound" -> that member; `value` itself when it
  // is no reference.
  const Json* Resolve(const Json* value) const {
    const Json* ref = Member(value, "$ref");
    if (ref == nullptr) return value;
    absl::string_view pointer = ref->text();
    if (!absl::ConsumePrefix(&pointer, "#/")) return nullptr;
    const Json* at = &document_;
    for (absl::string_view part : absl::StrSplit(pointer, '/')) {
      at = Member(at, part);
      if (at == nullptr) return nullptr;
    }
    return at;
  }

  void CheckInfo() {
    const Json* info = document_.Find("info");
    static const std::regex kVersion("[0-9]+\\.[0-9]+\\.[0-9]+");
    const Json* version = Member(info, "version");
    if (!IsText(version) || !Matches(version->text(), kVersion)) {
      Violation("info-version", "#/info/version", "not N.N.N");
    }
    const Json* summary = Member(info, "x-summary");
    if (!IsText(summary) || summary->text().size() > 150) {
      Violation("info-summary", "#/info/x-summary",
                "missing, or longer than 150 characters");
    }
    const Json* contact = Member(info, "contact");
    for (const char* key : {"name", "url", "email"}) {
      if (!IsText(Member(contact, key))) {
        Violation("info-contact", "#/info/contact", absl::StrCat("no ", key));
      }
    }
    if (!IsText(Member(info, "termsOfService"))) {
      Violation("info-terms-of-service", "#/info", "no termsOfService");
    }
  }

  void CheckServers() {
    const Json* servers = document_.Find("servers");
    if (servers == nullptr || servers->size() == 0 ||
        servers->kind() != Json::Kind::kArray) {
      Violation("servers", "#/servers", "none");
      return;
    }
    for (const Json& server : servers->items()) {
      const Json* url = Member(&server, "url");
      if (!IsText(url) || !absl::StrContains(url->text(), "/v1")) {
        Violation("servers", "#/servers", "a url without /v1");
      }
      if (!IsText(Member(&server, "description"))) {
        Violation("servers", "#/servers", "a server without description");
      }
    }
  }

  void CheckSecurity() {
    const Json* schemes =
        Member(document_.Find("components"), "securitySchemes");
    if (schemes == nullptr || schemes->size() == 0) {
      Violation("security-schemes", "#/components/securitySchemes", "none");
    }
    const Json* security = document_.Find("security");
    if (security == nullptr || security->size() == 0) {
      Violation("security-schemes", "#/security", "no global security");
    }
  }

  void CheckOperations() {
    static const std::regex kSegment("[a-z0-9]+([-.][a-z0-9]+)*");
    static const std::regex kParameterSegment("\\{[a-z][a-z0-9_]*\\}");
    static const std::regex kOperationId("[a-z][a-zA-Z0-9]*");
    static const std::regex kParameterName(
        "[a-z][a-z0-9]*(_[a-z0-9]+)*"
        "(\\.[a-z][a-z0-9]*(_[a-z0-9]+)*)*");
    const Json* paths = document_.Find("paths");
    if (paths == nullptr) return;
    absl::flat_hash_set<std::string> operation_ids;
    for (const auto& [path, item] : paths->members()) {
      const std::string where = absl::StrCat("#/paths/", path);
      for (absl::string_view segment :
           absl::StrSplit(absl::StripPrefix(path, "/"), '/')) {
        if (!Matches(segment, kSegment) &&
            !Matches(segment, kParameterSegment)) {
          Violation("paths-kebab-case", where,
                    absl::StrCat("segment \"", segment, "\""));
        }
      }
      for (const char* verb : kVerbs) {
        const Json* operation = item.Find(verb);
        if (operation == nullptr) continue;
        const std::string at = absl::StrCat(where, "/", verb);
        const Json* id = operation->Find("operationId");
        if (!IsText(id) || !Matches(id->text(), kOperationId)) {
          Violation("operation-id-camel-case", at, "not camelCase");
        } else if (!operation_ids.insert(id->text()).second) {
          Violation("operation-id-camel-case", at, "used twice");
        }
        if (const Json* parameters = operation->Find("parameters")) {
          for (const Json& p : parameters->items()) {
            const Json* resolved = Resolve(&p);
            const Json* name = Member(resolved, "name");
            if (!IsText(name) || !Matches(name->text(), kParameterName)) {
              Violation("snake-case-names", at, "a parameter not snake_case");
            }
          }
        }
        CheckRequestBody(operation->Find("requestBody"), at);
        CheckResponses(operation->Find("responses"), at);
      }
    }
  }

  void CheckRequestBody(const Json* body, const std::string& at) {
    body = Resolve(body);
    if (body == nullptr) return;
    const Json* content = body->Find("content");
    if (content == nullptr) return;
    for (const auto& [type, media] : content->members()) {
      if (media.Find("example") == nullptr &&
          media.Find("examples") == nullptr) {
        Violation("request-body-example", at, absl::StrCat(type, " has none"));
      }
    }
  }

  void CheckResponses(const Json* responses, const std::string& at) {
    if (responses == nullptr) {
      Violation("responses", at, "none");
      return;
    }
    for (const auto& [status, ref] : responses->members()) {
      const std::string where = absl::StrCat(at, "/responses/", status);
      const Json* response = Resolve(&ref);
      if (response == nullptr) {
        Violation("responses", where, "a reference to nothing");
        continue;
      }
      const bool error =
          status == "default" || status[0] == '4' || status[0] == '5';
      const bool rate_limited = status[0] == '2' || status[0] == '4';
      const Json* headers = response->Find("headers");
      if (rate_limited) {
        for (const char* header : kRateLimitHeaders) {
          if (Member(headers, header) == nullptr) {
            Violation("rate-limit-headers", where, absl::StrCat("no ", header));
          }
        }
      }
      if ((status == "429" || status == "503") &&
          Member(headers, "Retry-After") == nullptr) {
        Violation("retry-after", where, "no Retry-After");
      }
      const Json* content = response->Find("content");
      if (error) {
        const Json* problem = Member(content, "application/problem+json");
        const Json* ref = Member(Member(problem, "schema"), "$ref");
        if (content == nullptr || content->size() != 1 || ref == nullptr ||
            ref->text() != "#/components/schemas/Problem") {
          Violation("problem-json", where,
                    "not application/problem+json with the Problem schema");
        }
      }
      if (content == nullptr) continue;
      for (const auto& [type, media] : content->members()) {
        const Json* schema = Resolve(media.Find("schema"));
        const Json* kind = Member(schema, "type");
        if (kind == nullptr || kind->text() != "object") {
          Violation("response-object", where,
                    absl::StrCat(type, " is not an object"));
        }
      }
    }
  }

  void CheckSchemaNames() {
    static const std::regex kPascal("[A-Z][a-zA-Z0-9]*");
    const Json* schemas = Member(document_.Find("components"), "schemas");
    if (schemas == nullptr) return;
    for (const auto& [name, schema] : schemas->members()) {
      if (!Matches(name, kPascal)) {
        Violation("schema-names-pascal-case", "#/components/schemas",
                  absl::StrCat("\"", name, "\""));
      }
    }
  }

  // Every Schema Object of the document, wherever it is: one with a
  // `type`; examples are data, not schemas.
  void WalkSchemas(const Json& value, const std::string& where) {
    static const std::regex kSnake("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    if (value.kind() == Json::Kind::kArray) {
      for (size_t i = 0; i < value.items().size(); ++i) {
        WalkSchemas(value.items()[i], absl::StrCat(where, "/", i));
      }
      return;
    }
    if (!value.is_object()) return;
    const Json* type = value.Find("type");
    if (type != nullptr && type->kind() == Json::Kind::kString) {
      const std::string& t = type->text();
      if ((t == "integer" || t == "number") && !IsText(value.Find("format"))) {
        Violation("number-format", where, "no format");
      }
      if (t == "string" && value.Find("maxLength") == nullptr &&
          value.Find("enum") == nullptr) {
        Violation("string-max-length", where, "neither maxLength nor enum");
      }
      if (t == "array" && value.Find("maxItems") == nullptr) {
        Violation("array-max-items", where, "no maxItems");
      }
      if (const Json* properties = value.Find("properties");
          t == "object" && properties != nullptr) {
        for (const auto& [name, property] : properties->members()) {
          if (!Matches(name, kSnake)) {
            Violation("snake-case-names", where,
                      absl::StrCat("property \"", name, "\""));
          }
        }
      }
    }
    for (const auto& [key, member] : value.members()) {
      if (key == "example" || key == "examples") continue;
      WalkSchemas(member, absl::StrCat(where, "/", key));
    }
  }

  const Json& document_;
  std::vector<std::string> violations_;
};

}  // namespace

std::vector<std::string> CheckModi(const Json& document) {
  return Checker(document).Run();
}

}  // namespace valore::openapi
