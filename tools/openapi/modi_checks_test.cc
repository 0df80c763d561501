#include "tools/openapi/modi_checks.h"

#include <functional>
#include <ostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/openapi/json.h"
#include "tools/openapi/openapi_document.h"

namespace valore::openapi {
namespace {

TEST(OpenApiModiTest, TheBuiltDocumentPassesEveryCheck) {
  absl::StatusOr<Json> document = ParseJson(gateway::OpenApiDocument());
  ASSERT_TRUE(document.ok()) << document.status();
  const std::vector<std::string> violations = CheckModi(*document);
  EXPECT_TRUE(violations.empty()) << absl::StrJoin(violations, "\n");
}

// The smallest document that passes: each case below breaks one rule of it,
// so every check is shown able to fail.
constexpr char kMinimal[] = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "t", "version": "1.2.3", "x-summary": "s",
    "termsOfService": "https://example.org/terms",
    "contact": {"name": "n", "url": "https://example.org", "email": "a@example.org"}
  },
  "servers": [{"url": "https://localhost/rest/valore/v1", "description": "d"}],
  "security": [{"bearerAuth": []}],
  "paths": {
    "/measurement-sets/{entity}": {
      "post": {
        "operationId": "writeMeasurement",
        "parameters": [{"name": "entity", "in": "path", "required": true,
                        "schema": {"type": "string", "maxLength": 64}}],
        "requestBody": {"content": {"application/json": {
          "schema": {"$ref": "#/components/schemas/Thing"}, "example": {}}}},
        "responses": {
          "200": {"description": "ok", "headers": {
              "X-RateLimit-Limit": {"$ref": "#/components/headers/L"},
              "X-RateLimit-Remaining": {"$ref": "#/components/headers/L"},
              "X-RateLimit-Reset": {"$ref": "#/components/headers/L"}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
          "429": {"$ref": "#/components/responses/TooMany"},
          "500": {"description": "e", "content": {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Thing": {"type": "object", "properties": {
        "display_name": {"type": "string", "maxLength": 10},
        "kind": {"type": "string", "enum": ["A"]},
        "count": {"type": "integer", "format": "int32"},
        "parts": {"type": "array", "maxItems": 3, "items": {"type": "number", "format": "double"}}}},
      "Problem": {"type": "object"}
    },
    "headers": {"L": {"schema": {"type": "integer", "format": "int32"}}},
    "responses": {"TooMany": {"description": "t", "headers": {
        "X-RateLimit-Limit": {"$ref": "#/components/headers/L"},
        "X-RateLimit-Remaining": {"$ref": "#/components/headers/L"},
        "X-RateLimit-Reset": {"$ref": "#/components/headers/L"},
        "Retry-After": {"$ref": "#/components/headers/L"}},
      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
  }
})json";

Json Minimal() {
  absl::StatusOr<Json> document = ParseJson(kMinimal);
  EXPECT_TRUE(document.ok()) << document.status();
  return *document;
}

Json& Operation(Json& d) {
  return d["paths"]["/measurement-sets/{entity}"]["post"];
}
Json& Thing(Json& d) {
  return d["components"]["schemas"]["Thing"]["properties"];
}

TEST(OpenApiModiTest, TheMinimalDocumentPasses) {
  const std::vector<std::string> violations = CheckModi(Minimal());
  EXPECT_TRUE(violations.empty()) << absl::StrJoin(violations, "\n");
}

struct Breach {
  const char* rule;
  std::function<void(Json&)> apply;
};

void PrintTo(const Breach& breach, std::ostream* out) { *out << breach.rule; }

class OpenApiModiBreachTest : public testing::TestWithParam<Breach> {};

TEST_P(OpenApiModiBreachTest, IsReported) {
  Json document = Minimal();
  GetParam().apply(document);
  const std::vector<std::string> violations = CheckModi(document);
  EXPECT_THAT(violations,
              testing::Contains(testing::StartsWith(GetParam().rule)))
      << absl::StrJoin(violations, "\n");
}

INSTANTIATE_TEST_SUITE_P(
    EveryRule, OpenApiModiBreachTest,
    testing::Values(
        Breach{"info-version",
               [](Json& d) { d["info"].Set("version", "1.2"); }},
        Breach{
            "info-summary",
            [](Json& d) { d["info"].Set("x-summary", std::string(151, 'x')); }},
        Breach{"info-contact",
               [](Json& d) { d["info"]["contact"].Erase("email"); }},
        Breach{"info-terms-of-service",
               [](Json& d) { d["info"].Erase("termsOfService"); }},
        Breach{"servers",
               [](Json& d) {
                 d["servers"].item(0).Set("url", "https://localhost/rest");
               }},
        Breach{"servers",
               [](Json& d) { d["servers"].item(0).Erase("description"); }},
        Breach{"security-schemes",
               [](Json& d) { d["components"].Erase("securitySchemes"); }},
        Breach{"paths-kebab-case",
               [](Json& d) {
                 Json item = d["paths"]["/measurement-sets/{entity}"];
                 d["paths"].Set("/measurementSets", item);
               }},
        Breach{"operation-id-camel-case",
               [](Json& d) {
                 Operation(d).Set("operationId", "WriteMeasurement");
               }},
        Breach{"snake-case-names",
               [](Json& d) {
                 Operation(d)["parameters"].item(0).Set("name", "entityId");
               }},
        Breach{"snake-case-names",
               [](Json& d) {
                 Json p = Thing(d)["count"];
                 Thing(d).Set("itemCount", p);
               }},
        Breach{
            "request-body-example",
            [](Json& d) {
              Operation(d)["requestBody"]["content"]["application/json"].Erase(
                  "example");
            }},
        Breach{"rate-limit-headers",
               [](Json& d) {
                 Operation(d)["responses"]["200"]["headers"].Erase(
                     "X-RateLimit-Reset");
               }},
        Breach{"rate-limit-headers",
               [](Json& d) {
                 d["components"]["responses"]["TooMany"]["headers"].Erase(
                     "X-RateLimit-Limit");
               }},
        Breach{"retry-after",
               [](Json& d) {
                 d["components"]["responses"]["TooMany"]["headers"].Erase(
                     "Retry-After");
               }},
        Breach{"problem-json",
               [](Json& d) {
                 Json& content = Operation(d)["responses"]["500"]["content"];
                 Json media = content["application/problem+json"];
                 content.Erase("application/problem+json");
                 content.Set("application/json", media);
               }},
        Breach{"problem-json",
               [](Json& d) {
                 Operation(d)["responses"]["500"]["content"]
                             ["application/problem+json"]["schema"]
                                 .Set("$ref", "#/components/schemas/Thing");
               }},
        Breach{
            "response-object",
            [](Json& d) {
              Operation(d)["responses"]["200"]["content"]["application/json"]
                  .Set("schema",
                       Json::Object().Set("type", "array").Set("maxItems", 1));
            }},
        Breach{"number-format",
               [](Json& d) { Thing(d)["count"].Erase("format"); }},
        Breach{"number-format",
               [](Json& d) { Thing(d)["parts"]["items"].Erase("format"); }},
        Breach{"string-max-length",
               [](Json& d) { Thing(d)["display_name"].Erase("maxLength"); }},
        Breach{"string-max-length",
               [](Json& d) {
                 Operation(d)["parameters"].item(0)["schema"].Erase(
                     "maxLength");
               }},
        Breach{"array-max-items",
               [](Json& d) { Thing(d)["parts"].Erase("maxItems"); }},
        Breach{"schema-names-pascal-case",
               [](Json& d) {
                 Json thing = d["components"]["schemas"]["Thing"];
                 d["components"]["schemas"].Set("thing_2", thing);
               }}),
    [](const testing::TestParamInfo<Breach>& info) {
      return absl::StrCat(absl::StrReplaceAll(info.param.rule, {{"-", "_"}}),
                          "_", info.index);
    });

}  // namespace
}  // namespace valore::openapi
