#include "services/common/request_ids.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/text_util.h"

namespace valore {

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdBytes) {
    return InvalidFieldError(
        "request_id",
        absl::StrCat(request_id.size(), " bytes is over the limit of ",
                     kMaxRequestIdBytes));
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return InvalidFieldError(
          "request_id",
          absl::StrCat(QuoteForMessage(request_id),
                       " must be printable ASCII without spaces"));
    }
  }
  return absl::OkStatus();
}

}  // namespace valore
