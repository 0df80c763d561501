// The audit trail of one service, kept in its own database: each write adds
// its events to the Transaction that carries the change, so an event exists
// exactly when the change does.
#ifndef VALORE_STORAGE_AUDIT_LOG_H_
#define VALORE_STORAGE_AUDIT_LOG_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"
#include "valore/v1/audit.pb.h"

namespace valore::storage {

// Who made a write of many cells, and how: what the events of its cells
// share.
struct AuditedWrite {
  absl::string_view principal;
  absl::string_view request_id;
  absl::string_view method;
  // The cells were stored as revisions first_revision, first_revision + 1,
  // ... in their order.
  uint64_t first_revision = 0;
};

// One cell of an AuditedWrite, as the events name it.
struct AuditedCell {
  absl::string_view entity;
  absl::string_view item;
  absl::string_view period;
};

class AuditLog {
 public:
  // The column family that holds the events; add it to the KvStore's.
  static constexpr char kFamily[] = "audit";

  // Fills `event->change` for one cell of an AuditedWrite from the owner's
  // revision history: the cell's value at `revision` and the one before it.
  // A write of many cells stores no values in the log, since the series
  // keeps every revision.
  using ChangeReader = std::function<absl::Status(
      const AuditedCell& cell, uint64_t revision, v1::AuditEvent* event)>;

  // Reads the last sequence; `kv` must outlive the log. `read_change` is
  // needed only to list events of AppendWrite.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(
      KvStore* kv, ChangeReader read_change = nullptr);

  // Stamps the event with the next sequence and the transaction's time,
  // and puts it in the transaction. Sequences are increasing; an event whose
  // transaction fails leaves a gap.
  void Append(v1::AuditEvent event, Transaction* transaction);

  // The events of a write of many cells, one per cell with the next
  // sequences, stored as one record that names the cells: listing writes
  // each event, with its change read by the ChangeReader, exactly as Append
  // would have stored it. A bulk write so costs one small record instead of
  // one event, with its values, per cell.
  void AppendWrite(const AuditedWrite& write,
                   const std::vector<AuditedCell>& cells,
                   Transaction* transaction);

  // Events matching the filters, oldest first, paginated (page_size default
  // 100, at most 1000).
  absl::StatusOr<v1::ListAuditEventsResponse> List(
      const v1::ListAuditEventsRequest& request) const;

 private:
  AuditLog(KvStore* kv, uint64_t last, ChangeReader read_change);
  // Lists the events of one AppendWrite record that match `r`, from
  // sequence `from` on, handing each to `take` until it returns false.
  absl::Status ListWrite(absl::string_view key, absl::string_view value,
                         const v1::ListAuditEventsRequest& r, uint64_t from,
                         const std::function<bool(v1::AuditEvent)>& take) const;
  KvStore* kv_;
  FamilyId family_;
  ChangeReader read_change_;
  std::atomic<uint64_t> last_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_AUDIT_LOG_H_
