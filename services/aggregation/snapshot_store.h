// Snapshots as the aggregation service keeps them: the Union-wide report of
// a period frozen at the semester's close, each version immutable, with its
// content hash and the capture services that held the period locked.
#ifndef VALORE_SERVICES_AGGREGATION_SNAPSHOT_STORE_H_
#define VALORE_SERVICES_AGGREGATION_SNAPSHOT_STORE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/period.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

class SnapshotStore {
 public:
  // The family that holds them; add it to the KvStore's.
  static constexpr char kFamily[] = "snapshots";

  // `kv` must outlive the store.
  explicit SnapshotStore(storage::KvStore* kv);

  // The snapshot of `period` with `version`, 0 for the newest; NOT_FOUND
  // (SNAPSHOT_NOT_FOUND) when there is none. Its report is upgraded to
  // today's fields.
  absl::StatusOr<v1::Snapshot> At(Period period, int32_t version) const;
  // ListSnapshots: every snapshot (of r.period when set), without reports.
  absl::StatusOr<v1::ListSnapshotsResponse> List(
      const v1::ListSnapshotsRequest& r) const;
  // Puts `snapshot` of `period` (its version the period's newest + 1) in
  // `tx`, with its audit event; `previous_version` is the newest before (0:
  // none).
  void Put(Period period, const v1::Snapshot& snapshot,
           int32_t previous_version, storage::Transaction& tx) const;

 private:
  storage::KvStore* kv_;
  storage::FamilyId family_;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SNAPSHOT_STORE_H_
