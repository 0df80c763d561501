#include "services/gateway/path_template.h"

#include <cctype>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace valore::gateway {
namespace {

absl::Status Refuse(absl::string_view rule_path, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("HTTP rule path \"", rule_path, "\": ", why));
}

bool IsLiteral(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_' && c != '-' && c != '~') {
      return false;
    }
  }
  return true;
}

bool IsFieldPath(absl::string_view text) {
  for (absl::string_view part : absl::StrSplit(text, '.')) {
    if (part.empty() ||
        !absl::ascii_islower(static_cast<unsigned char>(part.front()))) {
      return false;
    }
    for (char c : part) {
      if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
          !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '_') {
        return false;
      }
    }
  }
  return true;
}

// Appends the segments of "a/*/b" to `out`.
absl::Status AddSegments(absl::string_view rule_path, absl::string_view text,
                         std::vector<TemplateSegment>* out) {
  for (absl::string_view segment : absl::StrSplit(text, '/')) {
    if (segment == "**") return Refuse(rule_path, "\"**\" is not supported");
    if (segment == "*") {
      out->push_back(TemplateSegment{});
    } else if (IsLiteral(segment)) {
      out->push_back(TemplateSegment{std::string(segment), KebabCase(segment)});
    } else {
      return Refuse(rule_path,
                    absl::StrCat("\"", segment, "\" is not a path segment"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PathTemplate> ParsePathTemplate(absl::string_view rule_path) {
  if (!absl::StartsWith(rule_path, "/") || rule_path.size() < 2) {
    return Refuse(rule_path, "must start with '/' and name a resource");
  }
  PathTemplate parsed;
  absl::string_view rest = rule_path.substr(1);
  while (!rest.empty()) {
    if (rest.front() == '{') {
      const size_t close = rest.find('}');
      if (close == absl::string_view::npos) {
        return Refuse(rule_path, "a variable is not closed");
      }
      const absl::string_view inside = rest.substr(1, close - 1);
      const size_t equals = inside.find('=');
      TemplateVariable variable;
      variable.field_path = std::string(inside.substr(0, equals));
      if (!IsFieldPath(variable.field_path)) {
        return Refuse(rule_path, absl::StrCat("\"", variable.field_path,
                                              "\" is not a field path"));
      }
      variable.first_segment = parsed.segments.size();
      const absl::Status added = AddSegments(
          rule_path,
          equals == absl::string_view::npos ? "*" : inside.substr(equals + 1),
          &parsed.segments);
      if (!added.ok()) return added;
      variable.end_segment = parsed.segments.size();
      parsed.variables.push_back(std::move(variable));
      rest.remove_prefix(close + 1);
    } else {
      const size_t end = rest.find('/');
      const absl::string_view segment = rest.substr(0, end);
      if (absl::StrContains(segment, ':')) {
        return Refuse(rule_path, "a \":verb\" suffix is not a ModI URL");
      }
      const absl::Status added =
          AddSegments(rule_path, segment, &parsed.segments);
      if (!added.ok()) return added;
      rest.remove_prefix(end == absl::string_view::npos ? rest.size() : end);
    }
    if (rest.empty()) break;
    if (rest.front() != '/' || rest.size() == 1) {
      return Refuse(rule_path, "segments must be separated by one '/'");
    }
    rest.remove_prefix(1);
  }
  return parsed;
}

std::string KebabCase(absl::string_view camel) {
  std::string kebab;
  for (char c : camel) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      if (!kebab.empty()) kebab.push_back('-');
      kebab.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      kebab.push_back(c);
    }
  }
  return kebab;
}

std::string ParameterNameFor(absl::string_view collection) {
  std::string singular(collection);
  if (absl::EndsWith(singular, "ies")) {
    singular.replace(singular.size() - 3, 3, "y");
  } else if (absl::EndsWith(singular, "s")) {
    singular.pop_back();
  }
  return absl::StrReplaceAll(KebabCase(singular), {{"-", "_"}});
}

UrlTemplate UrlTemplateOf(const PathTemplate& path_template) {
  UrlTemplate url;
  absl::flat_hash_map<std::string, int> uses;
  std::vector<std::string> parts;
  size_t next_variable = 0;
  for (size_t i = 0; i < path_template.segments.size(); ++i) {
    const TemplateSegment& segment = path_template.segments[i];
    if (!segment.wildcard()) {
      parts.push_back(segment.url_literal);
      continue;
    }
    while (next_variable < path_template.variables.size() &&
           path_template.variables[next_variable].end_segment <= i) {
      ++next_variable;
    }
    const TemplateVariable& variable = path_template.variables[next_variable];
    // A bare "{period}" is named by its field; a wildcard inside a name by
    // the collection before it.
    std::string name;
    if (i > variable.first_segment) {
      name = ParameterNameFor(path_template.segments[i - 1].literal);
    } else {
      const size_t dot = variable.field_path.rfind('.');
      name = dot == std::string::npos ? variable.field_path
                                      : variable.field_path.substr(dot + 1);
    }
    const int seen = ++uses[name];
    if (seen > 1) absl::StrAppend(&name, "_", seen);
    parts.push_back(absl::StrCat("{", name, "}"));
    url.parameters.push_back(UrlParameter{name, variable.field_path});
  }
  url.path = absl::StrCat("/", absl::StrJoin(parts, "/"));
  return url;
}

std::optional<FieldBindings> MatchPath(
    const PathTemplate& path_template,
    const std::vector<std::string>& url_segments) {
  const std::vector<TemplateSegment>& segments = path_template.segments;
  if (url_segments.size() != segments.size()) return std::nullopt;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].wildcard()) {
      if (url_segments[i].empty()) return std::nullopt;
    } else if (url_segments[i] != segments[i].url_literal) {
      return std::nullopt;
    }
  }
  FieldBindings bindings;
  for (const TemplateVariable& variable : path_template.variables) {
    std::vector<absl::string_view> value;
    for (size_t i = variable.first_segment; i < variable.end_segment; ++i) {
      value.push_back(segments[i].wildcard()
                          ? absl::string_view(url_segments[i])
                          : segments[i].literal);
    }
    bindings.emplace_back(variable.field_path, absl::StrJoin(value, "/"));
  }
  return bindings;
}

std::string UrlPathOfName(absl::string_view name) {
  std::vector<std::string> segments = absl::StrSplit(name, '/');
  for (size_t i = 0; i < segments.size(); i += 2) {
    segments[i] = KebabCase(segments[i]);
  }
  return absl::StrJoin(segments, "/");
}

size_t LiteralCount(const PathTemplate& path_template) {
  size_t count = 0;
  for (const TemplateSegment& segment : path_template.segments) {
    if (!segment.wildcard()) ++count;
  }
  return count;
}

}  // namespace valore::gateway
