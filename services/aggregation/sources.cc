// Sources: the default implementations of its calls, each in terms of the
// calls a source must have.
#include "services/aggregation/sources.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace valore::aggregation {

void Sources::CatalogAsync(
    Period period, int64_t as_of_micros, absl::Time deadline,
    std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
        done) {
  done(Catalog(period, as_of_micros, deadline));
}

absl::Status Sources::StreamValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline,
    const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
        sink) {
  constexpr size_t kEntitiesPerRead = 64;
  for (size_t first = 0; first < entities.size(); first += kEntitiesPerRead) {
    const std::vector<std::string> some(
        entities.begin() + first,
        entities.begin() + std::min(entities.size(), first + kEntitiesPerRead));
    absl::StatusOr<std::vector<FetchedValues>> fetched =
        PeriodsValues(periods, as_of_micros, some, deadline);
    if (!fetched.ok()) return fetched.status();
    v1::StreamPeriodValuesResponse chunk;
    for (const std::string& entity : some) {
      for (size_t p = 0; p < periods.size(); ++p) {
        const FetchedValues& f = (*fetched)[p];
        auto missing = f.unavailable.find(entity);
        if (missing != f.unavailable.end()) return missing->second;
        v1::EntityPeriodValues* out = chunk.add_values();
        out->set_entity(entity);
        out->set_period(periods[p].ToString());
        auto items = f.values.find(entity);
        if (items == f.values.end()) continue;
        for (const auto& [item, value] : items->second) {
          v1::EntityPeriodValues::ItemValue* iv = out->add_values();
          iv->set_item(item);
          *iv->mutable_value() = value;
        }
      }
    }
    if (absl::Status s = sink(chunk); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void Sources::RevalidateAsync(const std::string&, const std::vector<Period>&,
                              int64_t, const std::vector<std::string>&,
                              const std::vector<CaptureEtags>&, absl::Time,
                              std::function<void(bool)> done) {
  done(false);
}

}  // namespace valore::aggregation
