// Opening a database of SeriesStore's earlier layout: every revision moves
// from "series" (entity | item | period | revision) to "cells", then the
// earlier families ("series", and "latest", which only repeated each cell's
// newest revision) are dropped.
//
// A crash at any point leaves a database that the next opening migrates
// again: the copies are plain puts of the same keys and values, and
// "series" is dropped only once every revision is in "cells" (durably: each
// batch is committed like any write). "latest" goes last.
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
// Revisions copied per committed batch: large enough to keep the copy
// cheap, small enough to bound the memory a batch takes.
constexpr size_t kRevisionsPerBatch = 10000;

// Copies every revision of "series" into "cells"; returns how many.
absl::StatusOr<size_t> CopyLegacySeries(KvStore* kv, FamilyId series,
                                        FamilyId cells) {
  size_t copied = 0;
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
        ++copied;
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
  return copied;
}

}  // namespace

absl::Status MigrateLegacyLayout(KvStore* kv, FamilyId cells) {
  const FamilyId series = kv->UnrequestedFamily(kLegacySeries);
  if (series) {
    absl::StatusOr<size_t> copied = CopyLegacySeries(kv, series, cells);
    if (!copied.ok()) {
      return absl::Status(
          copied.status().code(),
          absl::StrCat("migrating ", kv->dir(), " to the \"cells\" layout: ",
                       copied.status().message()));
    }
    std::fprintf(stderr,
                 "SeriesStore %s: %zu revisions moved to the \"cells\" "
                 "layout\n",
                 kv->dir().c_str(), *copied);
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
