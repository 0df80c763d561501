// The byte layout of SeriesStore's keys and values (see series_store.h):
// building dictionary and "cells" keys, and decoding records.
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

constexpr size_t kCellKeySize = 4 + 2 + 4 + 8;

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

std::string PeriodPrefix(uint32_t entity, PeriodOrdinal period) {
  std::string key;
  AppendU32(&key, entity);
  AppendU16(&key, period);
  return key;
}

std::string CellPrefix(uint32_t entity, PeriodOrdinal period, uint32_t item) {
  std::string key = PeriodPrefix(entity, period);
  AppendU32(&key, item);
  return key;
}

void AppendCellKey(std::string* key, uint32_t entity, PeriodOrdinal period,
                   uint32_t item, uint64_t revision) {
  AppendU32(key, entity);
  AppendU16(key, period);
  AppendU32(key, item);
  AppendU64(key, ~revision);
}

absl::Status Corrupt(absl::string_view family, absl::string_view what,
                     absl::string_view key) {
  return absl::DataLossError(absl::StrCat("malformed ", what, " in \"", family,
                                          "\" at key ",
                                          absl::BytesToHexString(key)));
}

absl::Status ParseCellKey(absl::string_view key, CellKeyParts* parts) {
  absl::string_view in = key;
  if (in.size() != kCellKeySize || !ConsumeU32(&in, &parts->entity) ||
      !ConsumeU16(&in, &parts->period) || !ConsumeU32(&in, &parts->item) ||
      !ConsumeU64(&in, &parts->revision)) {
    return Corrupt(kCells, "key", key);
  }
  parts->revision = ~parts->revision;
  return absl::OkStatus();
}

absl::Status PeekCommitMicros(absl::string_view key, absl::string_view value,
                              uint64_t* commit_micros) {
  if (!ConsumeU64(&value, commit_micros)) return Corrupt(kCells, "value", key);
  return absl::OkStatus();
}

// cells value: commit_micros u64 | payload.
absl::Status ParseCellRevision(absl::string_view entity, absl::string_view item,
                               const CellKeyParts& parts, absl::string_view key,
                               absl::string_view value, StoredRevision* out) {
  uint64_t commit = 0;
  if (!ConsumeU64(&value, &commit)) return Corrupt(kCells, "value", key);
  out->entity = std::string(entity);
  out->item = std::string(item);
  out->period = parts.period;
  out->revision = parts.revision;
  out->commit_micros = static_cast<int64_t>(commit);
  out->payload.assign(value.data(), value.size());
  return absl::OkStatus();
}

}  // namespace valore::storage::internal
