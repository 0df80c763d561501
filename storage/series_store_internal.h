// Helpers shared by the files of SeriesStore (series_store.cc,
// series_reads.cc, series_layout.cc): the byte layout of its keys and values,
// as described in series_store.h. Not part of the store's interface.
#ifndef VALORE_STORAGE_SERIES_STORE_INTERNAL_H_
#define VALORE_STORAGE_SERIES_STORE_INTERNAL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "storage/series_store.h"

namespace valore::storage::internal {

// Column families; see the layout in series_store.h.
inline constexpr char kSeries[] = "series";
inline constexpr char kLatest[] = "latest";

// Dictionary tag of the item reverse map ('I' u32 -> name). The other tags
// are used by series_store.cc only and are kept there.
inline constexpr char kItemById = 'I';

// Dictionary keys: tag | name, and tag | u32 id.
std::string NameKey(char tag, absl::string_view name);
std::string IdKey(char tag, uint32_t id);

// One number, big-endian, as a dictionary value.
std::string EncodeU32(uint32_t v);
std::string EncodeU64(uint64_t v);

// "series" keys: entity u32 | item u32, then | period u16.
std::string SeriesPrefix(uint32_t entity, uint32_t item);
std::string SeriesCellPrefix(uint32_t entity, uint32_t item,
                             PeriodOrdinal period);

// "latest" keys: entity u32 | period u16, then | item u32.
std::string LatestPrefix(uint32_t entity, PeriodOrdinal period);
std::string LatestKey(uint32_t entity, PeriodOrdinal period, uint32_t item);

// A "series" key, decoded.
struct SeriesKeyParts {
  uint32_t entity = 0;
  uint32_t item = 0;
  PeriodOrdinal period = 0;
  uint64_t revision = 0;
};

// DATA_LOSS naming the malformed `what` ("key", "value", ...) of `family` at
// `key`.
absl::Status Corrupt(absl::string_view family, absl::string_view what,
                     absl::string_view key);

absl::Status ParseSeriesKey(absl::string_view key, SeriesKeyParts* parts);

// series value: commit_micros u64 | payload.
absl::Status ParseSeriesValue(absl::string_view key, absl::string_view value,
                              StoredRevision* out);

// latest value: revision u64 | commit_micros u64 | payload.
absl::Status ParseLatestValue(absl::string_view key, absl::string_view value,
                              StoredRevision* out);

}  // namespace valore::storage::internal

#endif  // VALORE_STORAGE_SERIES_STORE_INTERNAL_H_
