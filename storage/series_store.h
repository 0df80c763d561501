// Revisioned time series of measurements, on top of a KvStore.
//
// Layout (column families):
//   "dictionary": 'e' name -> u32 id, 'i' name -> u32 id (entities, items);
//                 'E' u32 -> name, 'I' u32 -> name (the reverse maps);
//                 "R" -> u64 last assigned revision, written by every
//                 commit so that opening does not scan the data.
//   "cells":      entity u32 | period u16 | item u32 | ~revision u64
//                   -> commit_micros u64 | payload
//                 one key per revision, every revision kept: a period of one
//                 entity is one prefix scan (each cell's revisions together,
//                 newest first: the revision is stored inverted), a series
//                 one seek per period, a cell's history one prefix scan;
//                 as-of reads take the newest revision committed by then.
// Revisions are global, strictly increasing, assigned at commit.
// A database of the earlier layout ("series" keyed entity | item | period |
// revision, and "latest" holding each cell's newest revision again) is
// migrated to "cells" when it is opened.
// The payload is opaque bytes (the capture service stores a serialized proto).
#ifndef VALORE_STORAGE_SERIES_STORE_H_
#define VALORE_STORAGE_SERIES_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace valore::storage {

// Periods as stored: year * 2 + (half - 1), so 2023S1 < 2023S2 < 2024S1.
using PeriodOrdinal = uint16_t;

struct CellWrite {
  std::string entity;
  std::string item;
  PeriodOrdinal period = 0;
  std::string payload;
};

struct StoredRevision {
  std::string entity;
  std::string item;
  PeriodOrdinal period = 0;
  uint64_t revision = 0;
  int64_t commit_micros = 0;
  std::string payload;
};

class SeriesStore {
 public:
  // The column families this store needs in its KvStore.
  static std::vector<std::string> ColumnFamilies();
  // Sets the options this store's families want in `options` (memtable
  // insert hints: a series grows at its end, and a period of one entity is
  // usually written item after item).
  static void TuneOptions(KvOptions* options);

  // `kv` must outlive the store and have been opened with ColumnFamilies().
  // Migrates a database of the earlier layout (see above), then loads the
  // dictionary and the last revision.
  static absl::StatusOr<std::unique_ptr<SeriesStore>> Create(KvStore* kv);

  // Appends one revision per write, all in one batch together with
  // whatever `extra` already holds (idempotency records, audit events), so
  // they commit or fail together. `extra` is left holding what the caller
  // (and `prepare`) put in it. Commits are serialized: revisions follow
  // commit order and concurrent writers never lose an update. Returns the
  // revisions, in the order of `writes`.
  // `prepare`, when set, is called under the commit lock with the revisions
  // about to be assigned and may add more to `extra` (e.g. a response that
  // names them); an error from it aborts the commit.
  // When the database write itself fails its outcome is unknown (RocksDB may
  // already have logged the batch and replay it on reopen), so the store
  // keeps its state and refuses further appends (FAILED_PRECONDITION) until
  // it is reopened; reads keep working.
  absl::StatusOr<std::vector<uint64_t>> Append(
      const std::vector<CellWrite>& writes, int64_t commit_micros,
      Transaction* extra,
      const std::function<absl::Status(const std::vector<uint64_t>&,
                                       Transaction*)>& prepare = nullptr);

  // The newest revision of each period in [from, to] of one series, as of
  // `as_of_micros` (0 = now), in period order. One seek per period that has
  // data.
  absl::StatusOr<std::vector<StoredRevision>> ReadSeries(
      absl::string_view entity, absl::string_view item, PeriodOrdinal from,
      PeriodOrdinal to, int64_t as_of_micros) const;

  // The newest revision of every item of one entity in one period, as of
  // `as_of_micros` (0 = now), in item id order. One prefix scan.
  absl::StatusOr<std::vector<StoredRevision>> ReadPeriod(
      absl::string_view entity, PeriodOrdinal period,
      int64_t as_of_micros) const;

  // Calls `visit` for each revision ReadPeriod would return, in the same
  // order, without copying: the views live only during the call. It runs
  // inside the prefix scan, under the dictionary's reader lock, so `visit`
  // must not call back into the store.
  using PeriodVisitor =
      std::function<void(absl::string_view item, uint64_t revision,
                         int64_t commit_micros, absl::string_view payload)>;
  absl::Status VisitPeriod(absl::string_view entity, PeriodOrdinal period,
                           int64_t as_of_micros,
                           const PeriodVisitor& visit) const;

  // The newest revision of one cell; std::nullopt when it has none. One
  // seek.
  absl::StatusOr<std::optional<StoredRevision>> Latest(
      absl::string_view entity, absl::string_view item,
      PeriodOrdinal period) const;

  // Every revision of one cell, oldest first.
  absl::StatusOr<std::vector<StoredRevision>> ListRevisions(
      absl::string_view entity, absl::string_view item,
      PeriodOrdinal period) const;

  // One revision of one cell and the revision of that cell before it (for
  // an audit event: what the write replaced); NOT_FOUND when the cell has
  // no such revision. One seek.
  struct RevisionAndPrevious {
    StoredRevision revision;
    std::optional<StoredRevision> previous;
  };
  absl::StatusOr<RevisionAndPrevious> ReadRevision(absl::string_view entity,
                                                   absl::string_view item,
                                                   PeriodOrdinal period,
                                                   uint64_t revision) const;

  // Entities that have at least one value, in id order.
  std::vector<std::string> Entities() const;

  uint64_t last_revision() const;

  // False once a database write has failed (see Append), until the store is
  // reopened. Without waiting for a commit under way.
  bool accepts_appends() const {
    return !refusing_appends_.load(std::memory_order_acquire);
  }

 private:
  explicit SeriesStore(KvStore* kv);
  absl::Status Load();
  // Calls `visit` with each revision of one cell not newer than `newest`,
  // newest first, until it returns false (one seek); a cell of unknown names
  // has none.
  absl::Status VisitCell(
      absl::string_view entity, absl::string_view item, PeriodOrdinal period,
      uint64_t newest, const std::function<bool(StoredRevision)>& visit) const;
  // Calls `visit` with the newest revision visible as of `as_of_micros` of
  // each cell of one entity's period, in item id order; the payload view
  // lives only during the call. An error from `visit` ends the scan.
  using CellVisitor = std::function<absl::Status(
      uint32_t item_id, uint64_t revision, int64_t commit_micros,
      absl::string_view payload)>;
  absl::Status ScanPeriod(uint32_t entity_id, PeriodOrdinal period,
                          int64_t as_of_micros, const CellVisitor& visit) const;
  // The name of an item id that an Append under way has written but not
  // yet published, read from the dictionary on disk.
  absl::StatusOr<std::string> UnpublishedItemName(uint32_t item_id) const;
  // Ids of known names, published or committed; nullopt for a name that has
  // no data. A dictionary that cannot be read is an error, not an absence.
  absl::StatusOr<std::optional<uint32_t>> EntityId(
      absl::string_view name) const;
  absl::StatusOr<std::optional<uint32_t>> ItemId(absl::string_view name) const;
  // The entity's and the item's ids; nullopt when either has no data.
  absl::StatusOr<std::optional<std::pair<uint32_t, uint32_t>>> CellIds(
      absl::string_view entity, absl::string_view item) const;
  // The id of a name (tag 'e' or 'i'): published, else from the dictionary
  // on disk.
  absl::StatusOr<std::optional<uint32_t>> NameId(char tag,
                                                 absl::string_view name) const;

  KvStore* kv_;
  FamilyId dictionary_;
  FamilyId cells_;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, uint32_t> entity_ids_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint32_t> item_ids_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> entity_names_ ABSL_GUARDED_BY(mu_);  // by id
  std::vector<std::string> item_names_ ABSL_GUARDED_BY(mu_);    // by id
  uint64_t last_revision_ ABSL_GUARDED_BY(mu_) = 0;
  // Serializes Append so revisions follow commit order.
  absl::Mutex commit_mu_;
  // The error of a failed database write; see Append.
  absl::Status write_failure_ ABSL_GUARDED_BY(commit_mu_);
  // write_failure_ is set; readable without commit_mu_.
  std::atomic<bool> refusing_appends_{false};
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_SERIES_STORE_H_
