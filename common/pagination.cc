#include "common/pagination.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {

absl::StatusOr<Page> Paginate(int page_size, const std::string& page_token,
                              size_t total, int64_t version) {
  if (page_size < 0) {
    return InvalidFieldError("page_size",
                             absl::StrCat(page_size, " is negative"));
  }
  if (page_size > kMaxPageSize) {
    return InvalidFieldError(
        "page_size",
        absl::StrCat(page_size, " is over the limit of ", kMaxPageSize));
  }
  const size_t size = page_size == 0 ? kDefaultPageSize : page_size;
  size_t begin = 0;
  if (!page_token.empty()) {
    std::string decoded;
    std::vector<std::string> parts;
    int64_t token_version = 0;
    uint64_t offset = 0;
    if (!absl::WebSafeBase64Unescape(page_token, &decoded) ||
        (parts = absl::StrSplit(decoded, ':')).size() != 2 ||
        !absl::SimpleAtoi(parts[0], &token_version) ||
        !absl::SimpleAtoi(parts[1], &offset)) {
      return InvalidFieldError(
          "page_token",
          absl::StrCat(QuoteForMessage(page_token), " is not a page token"),
          v1::INVALID_PAGE_TOKEN);
    }
    if (token_version != version) {
      return InvalidFieldError(
          "page_token",
          absl::StrCat(QuoteForMessage(page_token),
                       " belongs to an older version of the data; list again"),
          v1::INVALID_PAGE_TOKEN);
    }
    begin = std::min<uint64_t>(offset, total);
  }
  Page page;
  page.begin = begin;
  page.end = std::min(total, begin + size);
  if (page.end < total) {
    page.next_page_token =
        absl::WebSafeBase64Escape(absl::StrCat(version, ":", page.end));
  }
  return page;
}

}  // namespace valore
