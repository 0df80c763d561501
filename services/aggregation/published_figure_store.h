// The figures a published document states, by period, as the aggregation
// service keeps them: one record per period, replaced by each import.
#ifndef VALORE_SERVICES_AGGREGATION_PUBLISHED_FIGURE_STORE_H_
#define VALORE_SERVICES_AGGREGATION_PUBLISHED_FIGURE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/period.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

class PublishedFigureStore {
 public:
  // The family that holds them; add it to the KvStore's.
  static constexpr char kFamily[] = "published";

  // `kv` must outlive the store.
  explicit PublishedFigureStore(storage::KvStore* kv);

  // The figures of `period` (none when none were imported), upgraded to
  // today's fields.
  absl::StatusOr<std::vector<v1::PublishedFigure>> Load(Period period) const;

  // Puts `figures` as the period's in `tx`, with its audit event.
  void Put(Period period, const v1::ImportPublishedFiguresRequest& figures,
           const std::string& author, storage::Transaction& tx) const;

 private:
  storage::KvStore* kv_;
  storage::FamilyId family_;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_PUBLISHED_FIGURE_STORE_H_
