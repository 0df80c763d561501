// AggregationCore::ImportPublishedFigures: a period's published figures,
// checked and kept (PublishedFigureStore) with the request's id.
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "services/aggregation/aggregation_core.h"

namespace valore::aggregation {

absl::StatusOr<v1::ImportPublishedFiguresResponse>
AggregationCore::ImportPublishedFigures(
    const v1::ImportPublishedFiguresRequest& r, const std::string& author,
    absl::Time now) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  if (r.figures_size() > kMaxBatchOutcomes) {
    return InvalidFieldError(
        "figures", absl::StrCat(r.figures_size(), " is over the limit of ",
                                kMaxBatchOutcomes));
  }
  for (int i = 0; i < r.figures_size(); ++i) {
    if (absl::Status s = CheckPublishedFigure(
            r.figures(i), absl::StrCat("figures[", i, "]."));
        !s.ok()) {
      return s;
    }
  }
  absl::StatusOr<std::string> answer =
      Idempotent("ImportPublishedFigures", author, r.request_id(), r, now,
                 [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
                   published_.Put(*period, r, author, tx);
                   v1::ImportPublishedFiguresResponse response;
                   response.set_figures(r.figures_size());
                   return response.SerializeAsString();
                 });
  if (!answer.ok()) return answer.status();
  v1::ImportPublishedFiguresResponse response;
  response.ParseFromString(*answer);
  return response;
}

}  // namespace valore::aggregation
