// Links and redirects with a query: every value percent-encoded (RFC 3986
// unreserved characters kept), so a name with spaces or accents ("Susì
// Tinti") travels intact.
#ifndef VALORE_SERVICES_WEB_URL_QUERY_H_
#define VALORE_SERVICES_WEB_URL_QUERY_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace valore::web {

std::string PercentEncode(absl::string_view text);

// "/inserimento?periodo=2023S2&dirigente=Sus%C3%AC%20Tinti".
std::string UrlWithQuery(
    absl::string_view path,
    const std::vector<std::pair<std::string, std::string>>& query);

// `target` when it is one of this app's pages (`is_page` of its path) with
// a query of plain characters, else "": where a form may send a person
// back, never another site ("/\\evil.example", "//evil.example").
std::string LocalReturn(const std::string& target,
                        const std::function<bool(const std::string&)>& is_page);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_URL_QUERY_H_
