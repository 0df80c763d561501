#include "services/web/url_query.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace valore::web {

std::string PercentEncode(absl::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

std::string UrlWithQuery(
    absl::string_view path,
    const std::vector<std::pair<std::string, std::string>>& query) {
  std::string url(path);
  char separator = '?';
  for (const auto& [name, value] : query) {
    absl::StrAppend(&url, std::string(1, separator), PercentEncode(name), "=",
                    PercentEncode(value));
    separator = '&';
  }
  return url;
}

std::string LocalReturn(
    const std::string& target,
    const std::function<bool(const std::string&)>& is_page) {
  const size_t query = target.find('?');
  if (!is_page(target.substr(0, query))) return "";
  for (size_t i = query == std::string::npos ? target.size() : query;
       i < target.size(); ++i) {
    const unsigned char c = target[i];
    if (!absl::ascii_isalnum(c) &&
        absl::string_view("?&=%._~-+").find(static_cast<char>(c)) ==
            absl::string_view::npos) {
      return "";
    }
  }
  return target;
}

}  // namespace valore::web
