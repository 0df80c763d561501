// AIP-158 pagination over an in-memory, ordered result: page_size (default
// 100, at most 1000) and an opaque page_token bound to the data version, so a
// token from an older catalog is refused rather than silently skipping items.
#ifndef VALORE_SERVICES_COMMON_PAGINATION_H_
#define VALORE_SERVICES_COMMON_PAGINATION_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace valore {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

struct Page {
  size_t begin = 0;
  size_t end = 0;  // exclusive
  std::string next_page_token;
};

absl::StatusOr<Page> Paginate(int page_size, const std::string& page_token,
                              size_t total, int64_t version);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_PAGINATION_H_
