// Helpers shared by the files of SeriesStore (series_store.cc,
// series_reads.cc, series_layout.cc, series_migration.cc): the byte layout of
// its keys and values, as described in series_store.h. Not part of the store's
// interface.
#ifndef VALORE_STORAGE_SERIES_STORE_INTERNAL_H_
#define VALORE_STORAGE_SERIES_STORE_INTERNAL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "storage/kv_store.h"
#include "storage/series_store.h"

namespace valore::storage::internal {

// Column families; see the layout in series_store.h.
inline constexpr char kCells[] = "cells";
// The families of the layout before "cells", migrated out of and dropped
// when such a database is opened (series_migration.cc).
inline constexpr char kLegacySeries[] = "series";
inline constexpr char kLegacyLatest[] = "latest";

// Dictionary tag of the item reverse map ('I' u32 -> name). The other tags
// are used by series_store.cc only and are kept there.
inline constexpr char kItemById = 'I';

// Dictionary keys: tag | name, and tag | u32 id.
std::string NameKey(char tag, absl::string_view name);
std::string IdKey(char tag, uint32_t id);

// One number, big-endian, as a dictionary value.
std::string EncodeU32(uint32_t v);
std::string EncodeU64(uint64_t v);

// "cells" keys: entity u32 | period u16, then | item u32, then
// | ~revision u64 (inverted: a cell's newest revision comes first).
std::string PeriodPrefix(uint32_t entity, PeriodOrdinal period);
std::string CellPrefix(uint32_t entity, PeriodOrdinal period, uint32_t item);
void AppendCellKey(std::string* key, uint32_t entity, PeriodOrdinal period,
                   uint32_t item, uint64_t revision);

// A "cells" key, decoded.
struct CellKeyParts {
  uint32_t entity = 0;
  PeriodOrdinal period = 0;
  uint32_t item = 0;
  uint64_t revision = 0;
};

// DATA_LOSS naming the malformed `what` ("key", "value", ...) of `family` at
// `key`.
absl::Status Corrupt(absl::string_view family, absl::string_view what,
                     absl::string_view key);

absl::Status ParseCellKey(absl::string_view key, CellKeyParts* parts);

// The commit time of a "cells" value, without copying its payload.
absl::Status PeekCommitMicros(absl::string_view key, absl::string_view value,
                              uint64_t* commit_micros);

// One revision of the cell (entity, item, parts.period): its "cells" key,
// decoded into `parts`, and its value (commit_micros u64 | payload).
absl::Status ParseCellRevision(absl::string_view entity, absl::string_view item,
                               const CellKeyParts& parts, absl::string_view key,
                               absl::string_view value, StoredRevision* out);

// Moves the revisions of a database in the earlier layout ("series", with
// "latest" beside it) into "cells" and drops the earlier families; nothing
// to do when the database has none. Safe to run again after a crash.
absl::Status MigrateLegacyLayout(KvStore* kv, FamilyId cells);

}  // namespace valore::storage::internal

#endif  // VALORE_STORAGE_SERIES_STORE_INTERNAL_H_
