// AIP-158 pagination over an in-memory, ordered result: page_size (default
// 100, at most 1000) and an opaque page_token bound to the data version, so a
// token from an older catalog is refused rather than silently skipping items.
#ifndef VALORE_COMMON_PAGINATION_H_
#define VALORE_COMMON_PAGINATION_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"

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

// A List method's answer cut to the page its request asks for
// (request.page_size, request.page_token), with next_page_token set: `all`
// holds the whole list in `items`. Lists without a data version pass 0: a
// token then stays valid while the list grows at its end.
template <typename Request, typename Response, typename Item>
absl::StatusOr<Response> OnePage(
    const Request& request, absl::StatusOr<Response> all,
    google::protobuf::RepeatedPtrField<Item>* (Response::*items)(),
    int64_t version = 0) {
  if (!all.ok()) return all;
  google::protobuf::RepeatedPtrField<Item>* list = ((*all).*items)();
  absl::StatusOr<Page> page = Paginate(
      request.page_size(), request.page_token(), list->size(), version);
  if (!page.ok()) return page.status();
  list->DeleteSubrange(static_cast<int>(page->end),
                       list->size() - static_cast<int>(page->end));
  list->DeleteSubrange(0, static_cast<int>(page->begin));
  all->set_next_page_token(page->next_page_token);
  return all;
}

// Reads every page of a List call into `all`: `call(request, &page)` sends
// one request and returns its status (absl::Status or grpc::Status), which
// is returned as it is when it is not OK.
template <typename Request, typename Response, typename Item, typename Call>
auto ReadAllPages(
    Request request, Call call,
    google::protobuf::RepeatedPtrField<Item>* (Response::*items)(),
    Response* all) -> decltype(call(request, all)) {
  request.set_page_size(kMaxPageSize);
  all->Clear();
  while (true) {
    Response page;
    auto status = call(request, &page);
    if (!status.ok()) return status;
    ((*all).*items)()->MergeFrom(*(page.*items)());
    if (page.next_page_token().empty()) return status;
    request.set_page_token(page.next_page_token());
  }
}

}  // namespace valore

#endif  // VALORE_COMMON_PAGINATION_H_
