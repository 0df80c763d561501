// Opening a database of SeriesStore's earlier layout: every revision moves
// from "series" (entity | item | period | revision) to "cells", then the
// earlier families ("series", and "latest", which only repeated each cell's
// newest revision) are dropped.
//
// Each batch puts revisions into "cells" and deletes them from "series"
// together, committed like any write: an opening cut short (a crash, a
// start-up probe giving up) leaves every revision in exactly one of the two,
// and the next opening moves what is left instead of starting over. A
// revision found in both (put again) is the same key and value. "series"
// is dropped once empty, "latest" last.
#include <cstddef>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/key_codec.h"
#include "storage/kv_store.h"
#include "storage/series_store_internal.h"
#include "storage/transaction.h"

namespace valore::storage::internal {
namespace {

constexpr size_t kLegacySeriesKeySize = 4 + 4 + 2 + 8;
// Revisions moved per committed batch: large enough to keep the move
// cheap, small enough to bound the memory a batch takes.
constexpr size_t kRevisionsPerBatch = 10000;

// Moves every revision of "series" into "cells"; returns how many.
absl::StatusOr<size_t> MoveLegacySeries(KvStore* kv, FamilyId series,
                                        FamilyId cells) {
  size_t moved = 0;
  absl::Status status;
  auto batch = std::make_unique<Transaction>(nullptr, absl::Now());
  size_t in_batch = 0;
  std::string key;
  absl::Status scan = kv->ScanPrefix(
      series, "", [&](absl::string_view legacy_key, absl::string_view value) {
        absl::string_view in = legacy_key;
        uint32_t entity = 0;
        uint32_t item = 0;
        PeriodOrdinal period = 0;
        uint64_t revision = 0;
        if (in.size() != kLegacySeriesKeySize || !ConsumeU32(&in, &entity) ||
            !ConsumeU32(&in, &item) || !ConsumeU16(&in, &period) ||
            !ConsumeU64(&in, &revision)) {
          status = Corrupt(kLegacySeries, "key", legacy_key);
          return false;
        }
        // The value (commit_micros | payload) is the same in both layouts.
        key.clear();
        AppendCellKey(&key, entity, period, item, revision);
        batch->Put(cells, key, value);
        batch->Delete(series, legacy_key);
        ++moved;
        if (++in_batch < kRevisionsPerBatch) return true;
        status = kv->Commit(batch.get());
        batch = std::make_unique<Transaction>(nullptr, absl::Now());
        in_batch = 0;
        return status.ok();
      });
  if (!scan.ok()) return scan;
  if (!status.ok()) return status;
  if (in_batch > 0) {
    status = kv->Commit(batch.get());
    if (!status.ok()) return status;
  }
  return moved;
}

}  // namespace

absl::Status MigrateLegacyLayout(KvStore* kv, FamilyId cells) {
  const FamilyId series = kv->UnrequestedFamily(kLegacySeries);
  if (series) {
    absl::StatusOr<size_t> moved = MoveLegacySeries(kv, series, cells);
    if (!moved.ok()) {
      return absl::Status(
          moved.status().code(),
          absl::StrCat("migrating ", kv->dir(),
                       " to the \"cells\" layout: ", moved.status().message()));
    }
    std::fprintf(stderr,
                 "SeriesStore %s: %zu revisions moved to the \"cells\" "
                 "layout\n",
                 kv->dir().c_str(), *moved);
    absl::Status status = kv->DropUnrequestedFamily(kLegacySeries);
    if (!status.ok()) return status;
  }
  if (kv->UnrequestedFamily(kLegacyLatest)) {
    absl::Status status = kv->DropUnrequestedFamily(kLegacyLatest);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace valore::storage::internal
