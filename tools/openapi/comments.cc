#include "tools/openapi/comments.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace valore::openapi {

std::string Unwrap(absl::string_view comment) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (absl::string_view line : absl::StrSplit(comment, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!current.empty()) current.push_back(' ');
    current.append(line.data(), line.size());
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return absl::StrJoin(paragraphs, "\n\n");
}

std::string FirstSentence(absl::string_view text) {
  const size_t paragraph = text.find("\n\n");
  if (paragraph != absl::string_view::npos) text = text.substr(0, paragraph);
  // Stops inside quotes or parentheses ("(\"catalogVersions/3\").") are not
  // the sentence's end.
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if ((c == '.' || c == '!' || c == '?') && depth == 0 && !quoted &&
        (i + 1 == text.size() || text[i + 1] == ' ')) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(absl::StripTrailingAsciiWhitespace(text));
}

}  // namespace valore::openapi
