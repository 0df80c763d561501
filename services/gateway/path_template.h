// The path templates of google.api.http rules (AIP-127) and the URLs they
// become. A rule is written as AIP writes it, with the resource's own
// collection ids ("/v1/{name=executiveObjectives/*}"); its URL follows the
// Italian interoperability guidelines (ModI): every literal segment in
// kebab-case, no ":verb" suffix
// ("/v1/executive-objectives/{executive_objective}"). A variable's value is
// rebuilt with the rule's literals, so the URL
// ".../executive-objectives/S5.00016" binds name =
// "executiveObjectives/S5.00016".
#ifndef VALORE_SERVICES_GATEWAY_PATH_TEMPLATE_H_
#define VALORE_SERVICES_GATEWAY_PATH_TEMPLATE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore::gateway {

struct TemplateSegment {
  // A literal segment ("entities"), or "*" (one segment of any text) when
  // empty.
  std::string literal;
  // The literal as the URL writes it ("executive-objectives").
  std::string url_literal;
  bool wildcard() const { return literal.empty(); }
};

// "{field.path=segments}": the request field set from segments
// [first_segment, end_segment) of the template.
struct TemplateVariable {
  std::string field_path;
  size_t first_segment = 0;
  size_t end_segment = 0;
};

struct PathTemplate {
  std::vector<TemplateSegment> segments;
  std::vector<TemplateVariable> variables;
};

// Parses a rule's path ("/v1/{name=entities/*}/periods"). INVALID_ARGUMENT,
// naming the path, for a template outside the grammar, and for what the URLs
// of valore do not use: "**", and a ":verb" suffix.
absl::StatusOr<PathTemplate> ParsePathTemplate(absl::string_view rule_path);

// "executiveObjectives" -> "executive-objectives"; "v1" stays "v1".
std::string KebabCase(absl::string_view camel);

// The path parameter a wildcard after a collection id stands for:
// "executiveObjectives" -> "executive_objective", "entities" -> "entity".
std::string ParameterNameFor(absl::string_view collection);

// One path parameter of the URL: its name and the request field it fills.
struct UrlParameter {
  std::string name;        // "executive_objective"
  std::string field_path;  // "name"
};

// The template as a URL path with named parameters, as OpenAPI writes it:
// "/v1/executive-objectives/{executive_objective}".
struct UrlTemplate {
  std::string path;
  std::vector<UrlParameter> parameters;
};
UrlTemplate UrlTemplateOf(const PathTemplate& path_template);

// Matches the segments of a URL path (after the gateway's base path; split
// on '/', percent-decoded). On a match: each variable's field path and
// value, in the rule's own spelling.
using FieldBindings = std::vector<std::pair<std::string, std::string>>;
std::optional<FieldBindings> MatchPath(
    const PathTemplate& path_template,
    const std::vector<std::string>& url_segments);

// The URL path of a resource name: its collection ids (every other
// segment, from the first) in kebab-case, its ids as they are:
// "scopes/union/periods/2023S2/validatedOutcomes/00040" ->
// "scopes/union/periods/2023S2/validated-outcomes/00040".
std::string UrlPathOfName(absl::string_view name);

// How many literal segments the template has: of two templates matching the
// same URL, the one with more literals is the more specific.
size_t LiteralCount(const PathTemplate& path_template);

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_PATH_TEMPLATE_H_
