// The byte layout of SeriesStore's keys and values (see series_store.h):
// building dictionary, "series" and "latest" keys, and decoding records.
#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/key_codec.h"
#include "storage/series_store_internal.h"

namespace valore::storage::internal {
namespace {

constexpr size_t kSeriesKeySize = 4 + 4 + 2 + 8;

}  // namespace

std::string NameKey(char tag, absl::string_view name) {
  std::string key(1, tag);
  key.append(name.data(), name.size());
  return key;
}

std::string IdKey(char tag, uint32_t id) {
  std::string key(1, tag);
  AppendU32(&key, id);
  return key;
}

std::string EncodeU32(uint32_t v) {
  std::string out;
  AppendU32(&out, v);
  return out;
}

std::string EncodeU64(uint64_t v) {
  std::string out;
  AppendU64(&out, v);
  return out;
}

std::string SeriesPrefix(uint32_t entity, uint32_t item) {
  std::string key;
  AppendU32(&key, entity);
  AppendU32(&key, item);
  return key;
}

std::string SeriesCellPrefix(uint32_t entity, uint32_t item,
                             PeriodOrdinal period) {
  std::string key = SeriesPrefix(entity, item);
  AppendU16(&key, period);
  return key;
}

std::string LatestPrefix(uint32_t entity, PeriodOrdinal period) {
  std::string key;
  AppendU32(&key, entity);
  AppendU16(&key, period);
  return key;
}

std::string LatestKey(uint32_t entity, PeriodOrdinal period, uint32_t item) {
  std::string key = LatestPrefix(entity, period);
  AppendU32(&key, item);
  return key;
}

absl::Status Corrupt(absl::string_view family, absl::string_view what,
                     absl::string_view key) {
  return absl::DataLossError(absl::StrCat("malformed ", what, " in \"", family,
                                          "\" at key ",
                                          absl::BytesToHexString(key)));
}

absl::Status ParseSeriesKey(absl::string_view key, SeriesKeyParts* parts) {
  absl::string_view in = key;
  if (in.size() != kSeriesKeySize || !ConsumeU32(&in, &parts->entity) ||
      !ConsumeU32(&in, &parts->item) || !ConsumeU16(&in, &parts->period) ||
      !ConsumeU64(&in, &parts->revision)) {
    return Corrupt(kSeries, "key", key);
  }
  return absl::OkStatus();
}

// series value: commit_micros u64 | payload.
absl::Status ParseSeriesValue(absl::string_view key, absl::string_view value,
                              StoredRevision* out) {
  uint64_t commit = 0;
  if (!ConsumeU64(&value, &commit)) return Corrupt(kSeries, "value", key);
  out->commit_micros = static_cast<int64_t>(commit);
  out->payload.assign(value.data(), value.size());
  return absl::OkStatus();
}

// latest value: revision u64 | commit_micros u64 | payload.
absl::Status ParseLatestValue(absl::string_view key, absl::string_view value,
                              StoredRevision* out) {
  uint64_t commit = 0;
  if (!ConsumeU64(&value, &out->revision) || !ConsumeU64(&value, &commit)) {
    return Corrupt(kLatest, "value", key);
  }
  out->commit_micros = static_cast<int64_t>(commit);
  out->payload.assign(value.data(), value.size());
  return absl::OkStatus();
}

}  // namespace valore::storage::internal
