// SeriesStore's reads: series and periods (now or as of a time), single
// cells, and a cell's revisions.
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/key_codec.h"
#include "storage/series_store.h"
#include "storage/series_store_internal.h"

namespace valore::storage {

using internal::Corrupt;
using internal::IdKey;
using internal::kItemById;
using internal::kLatest;
using internal::kSeries;
using internal::LatestKey;
using internal::LatestPrefix;
using internal::ParseLatestValue;
using internal::ParseSeriesKey;
using internal::ParseSeriesValue;
using internal::SeriesCellPrefix;
using internal::SeriesKeyParts;
using internal::SeriesPrefix;

namespace {

constexpr size_t kLatestKeySize = 4 + 2 + 4;

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

}  // namespace

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ReadSeries(
    absl::string_view entity, absl::string_view item, PeriodOrdinal from,
    PeriodOrdinal to, int64_t as_of_micros) const {
  if (as_of_micros < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of_micros must not be negative: ", as_of_micros));
  }
  if (from > to) {
    return absl::InvalidArgumentError(
        absl::StrCat("period range is empty: from ", from, " > to ", to));
  }
  std::vector<StoredRevision> out;
  uint32_t entity_id = 0;
  uint32_t item_id = 0;
  if (!EntityId(entity, &entity_id) || !ItemId(item, &item_id)) return out;

  // One range scan over the series, periods [from, to].
  const std::string prefix = SeriesPrefix(entity_id, item_id);
  const std::string lower = SeriesCellPrefix(entity_id, item_id, from);
  const std::string upper =
      to == std::numeric_limits<PeriodOrdinal>::max()
          ? PrefixSuccessor(prefix)
          : SeriesCellPrefix(entity_id, item_id, static_cast<uint16_t>(to + 1));
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(
      kv_->db()->NewIterator(read_options, series_.handle_));

  std::optional<StoredRevision> pending;  // newest visible of current period
  std::optional<PeriodOrdinal> current_period;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    const absl::string_view key = ToView(it->key());
    SeriesKeyParts parts;
    absl::Status status = ParseSeriesKey(key, &parts);
    if (!status.ok()) return status;
    if (current_period != parts.period) {
      if (pending.has_value()) out.push_back(*std::move(pending));
      pending.reset();
      current_period = parts.period;
    }
    const absl::string_view value = ToView(it->value());
    uint64_t commit = 0;
    absl::string_view peek = value;
    if (!ConsumeU64(&peek, &commit)) return Corrupt(kSeries, "value", key);
    // Revisions ascend within a period: the last visible one is the newest.
    if (as_of_micros != 0 && commit > static_cast<uint64_t>(as_of_micros)) {
      continue;
    }
    StoredRevision rev;
    rev.entity = std::string(entity);
    rev.item = std::string(item);
    rev.period = parts.period;
    rev.revision = parts.revision;
    status = ParseSeriesValue(key, value, &rev);
    if (!status.ok()) return status;
    pending = std::move(rev);
  }
  if (pending.has_value()) out.push_back(*std::move(pending));
  absl::Status status = FromRocks(it->status(), "reading series");
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<std::optional<StoredRevision>> SeriesStore::Latest(
    absl::string_view entity, absl::string_view item,
    PeriodOrdinal period) const {
  uint32_t entity_id = 0;
  uint32_t item_id = 0;
  if (!EntityId(entity, &entity_id) || !ItemId(item, &item_id)) {
    return std::optional<StoredRevision>();
  }
  const std::string key = LatestKey(entity_id, period, item_id);
  absl::StatusOr<std::optional<std::string>> value = kv_->Get(latest_, key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<StoredRevision>();
  StoredRevision rev;
  rev.entity = std::string(entity);
  rev.item = std::string(item);
  rev.period = period;
  if (absl::Status s = ParseLatestValue(key, **value, &rev); !s.ok()) return s;
  return std::optional<StoredRevision>(std::move(rev));
}

absl::Status SeriesStore::VisitPeriod(absl::string_view entity,
                                      PeriodOrdinal period,
                                      int64_t as_of_micros,
                                      const PeriodVisitor& visit) const {
  if (as_of_micros != 0) {
    absl::StatusOr<std::vector<StoredRevision>> rows =
        ReadPeriod(entity, period, as_of_micros);
    if (!rows.ok()) return rows.status();
    for (const StoredRevision& r : *rows) {
      visit(r.item, r.revision, r.commit_micros, r.payload);
    }
    return absl::OkStatus();
  }
  uint32_t entity_id = 0;
  if (!EntityId(entity, &entity_id)) return absl::OkStatus();
  absl::Status parse_status;
  absl::ReaderMutexLock lock(&mu_);
  absl::Status status = kv_->ScanPrefix(
      latest_, LatestPrefix(entity_id, period),
      [&](absl::string_view key, absl::string_view value) {
        absl::string_view in = key;
        uint32_t item_id = 0;
        uint64_t revision = 0;
        uint64_t commit = 0;
        if (key.size() != kLatestKeySize) {
          parse_status = Corrupt(kLatest, "key", key);
          return false;
        }
        in.remove_prefix(kLatestKeySize - 4);
        if (!ConsumeU32(&in, &item_id) || !ConsumeU64(&value, &revision) ||
            !ConsumeU64(&value, &commit)) {
          parse_status = Corrupt(kLatest, "value", key);
          return false;
        }
        if (item_id < item_names_.size()) {
          visit(item_names_[item_id], revision, static_cast<int64_t>(commit),
                value);
          return true;
        }
        // Written by an Append that has not published its new ids yet; the
        // reverse map is in the same batch.
        absl::StatusOr<std::optional<std::string>> name =
            kv_->Get(dictionary_, IdKey(kItemById, item_id));
        if (!name.ok() || !name->has_value()) {
          parse_status =
              name.ok()
                  ? absl::DataLossError(absl::StrCat(
                        "item id ", item_id, " has no name in dictionary"))
                  : name.status();
          return false;
        }
        visit(**name, revision, static_cast<int64_t>(commit), value);
        return true;
      });
  if (!status.ok()) return status;
  return parse_status;
}

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ReadPeriod(
    absl::string_view entity, PeriodOrdinal period,
    int64_t as_of_micros) const {
  if (as_of_micros < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of_micros must not be negative: ", as_of_micros));
  }
  std::vector<StoredRevision> out;
  uint32_t entity_id = 0;
  if (!EntityId(entity, &entity_id)) return out;

  // (item id, revision), in item id order; names are filled in at the end.
  std::vector<std::pair<uint32_t, StoredRevision>> found;
  if (as_of_micros == 0) {
    absl::Status parse_status;
    absl::Status status =
        kv_->ScanPrefix(latest_, LatestPrefix(entity_id, period),
                        [&](absl::string_view key, absl::string_view value) {
                          uint32_t item_id = 0;
                          StoredRevision rev;
                          absl::string_view in = key;
                          if (key.size() != kLatestKeySize) {
                            parse_status = Corrupt(kLatest, "key", key);
                            return false;
                          }
                          in.remove_prefix(kLatestKeySize - 4);
                          if (!ConsumeU32(&in, &item_id)) {
                            parse_status = Corrupt(kLatest, "key", key);
                            return false;
                          }
                          parse_status = ParseLatestValue(key, value, &rev);
                          if (!parse_status.ok()) return false;
                          found.emplace_back(item_id, std::move(rev));
                          return true;
                        });
    if (!status.ok()) return status;
    if (!parse_status.ok()) return parse_status;
  } else {
    // Skip-scan of the entity's series: for each item jump straight to this
    // period, read its revisions, then jump to the next item.
    std::string entity_prefix;
    AppendU32(&entity_prefix, entity_id);
    const std::string upper = PrefixSuccessor(entity_prefix);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions read_options;
    if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(
        kv_->db()->NewIterator(read_options, series_.handle_));
    it->Seek(SeriesCellPrefix(entity_id, 0, period));
    while (it->Valid()) {
      const absl::string_view key = ToView(it->key());
      SeriesKeyParts parts;
      absl::Status status = ParseSeriesKey(key, &parts);
      if (!status.ok()) return status;
      if (parts.entity != entity_id) break;
      if (parts.period < period) {
        it->Seek(SeriesCellPrefix(entity_id, parts.item, period));
        continue;
      }
      if (parts.period > period) {
        if (parts.item == std::numeric_limits<uint32_t>::max()) break;
        it->Seek(SeriesCellPrefix(entity_id, parts.item + 1, period));
        continue;
      }
      const absl::string_view value = ToView(it->value());
      uint64_t commit = 0;
      absl::string_view peek = value;
      if (!ConsumeU64(&peek, &commit)) return Corrupt(kSeries, "value", key);
      if (commit <= static_cast<uint64_t>(as_of_micros)) {
        StoredRevision rev;
        rev.revision = parts.revision;
        status = ParseSeriesValue(key, value, &rev);
        if (!status.ok()) return status;
        // Ascending revisions: a later visible one replaces the earlier.
        if (!found.empty() && found.back().first == parts.item) {
          found.back().second = std::move(rev);
        } else {
          found.emplace_back(parts.item, std::move(rev));
        }
      }
      it->Next();
    }
    absl::Status status = FromRocks(it->status(), "reading period");
    if (!status.ok()) return status;
  }

  std::vector<size_t> unpublished;  // indexes into `found`
  {
    absl::ReaderMutexLock lock(&mu_);
    for (size_t k = 0; k < found.size(); ++k) {
      if (found[k].first < item_names_.size()) {
        found[k].second.item = item_names_[found[k].first];
      } else {
        unpublished.push_back(k);
      }
    }
  }
  // A concurrent Append has written its batch but not yet published its new
  // ids; the reverse map is in that same batch, so read the name from disk.
  for (size_t k : unpublished) {
    const uint32_t item_id = found[k].first;
    absl::StatusOr<std::optional<std::string>> name =
        kv_->Get(dictionary_, IdKey(kItemById, item_id));
    if (!name.ok()) return name.status();
    if (!name->has_value()) {
      return absl::DataLossError(
          absl::StrCat("item id ", item_id, " has no name in dictionary"));
    }
    found[k].second.item = **name;
  }
  out.reserve(found.size());
  for (auto& [item_id, rev] : found) {
    rev.entity = std::string(entity);
    rev.period = period;
    out.push_back(std::move(rev));
  }
  return out;
}

absl::Status SeriesStore::VisitCell(
    absl::string_view entity, absl::string_view item, PeriodOrdinal period,
    const std::function<bool(StoredRevision)>& visit) const {
  uint32_t entity_id = 0;
  uint32_t item_id = 0;
  if (!EntityId(entity, &entity_id) || !ItemId(item, &item_id)) {
    return absl::OkStatus();
  }
  absl::Status parse_status;
  absl::Status status =
      kv_->ScanPrefix(series_, SeriesCellPrefix(entity_id, item_id, period),
                      [&](absl::string_view key, absl::string_view value) {
                        SeriesKeyParts parts;
                        parse_status = ParseSeriesKey(key, &parts);
                        if (!parse_status.ok()) return false;
                        StoredRevision rev;
                        rev.entity = std::string(entity);
                        rev.item = std::string(item);
                        rev.period = period;
                        rev.revision = parts.revision;
                        parse_status = ParseSeriesValue(key, value, &rev);
                        if (!parse_status.ok()) return false;
                        return visit(std::move(rev));
                      });
  if (!status.ok()) return status;
  return parse_status;
}

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ListRevisions(
    absl::string_view entity, absl::string_view item,
    PeriodOrdinal period) const {
  std::vector<StoredRevision> out;
  absl::Status status =
      VisitCell(entity, item, period, [&out](StoredRevision rev) {
        out.push_back(std::move(rev));
        return true;
      });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<SeriesStore::RevisionAndPrevious> SeriesStore::ReadRevision(
    absl::string_view entity, absl::string_view item, PeriodOrdinal period,
    uint64_t revision) const {
  std::optional<RevisionAndPrevious> found;
  std::optional<StoredRevision> previous;
  absl::Status status =
      VisitCell(entity, item, period, [&](StoredRevision rev) {
        if (rev.revision > revision) return false;
        if (rev.revision == revision) {
          found = RevisionAndPrevious{std::move(rev), std::move(previous)};
          return false;
        }
        previous = std::move(rev);
        return true;
      });
  if (!status.ok()) return status;
  if (!found.has_value()) {
    return absl::NotFoundError(absl::StrCat("no revision ", revision, " of ",
                                            entity, " / ", item, " / period ",
                                            period));
  }
  return *std::move(found);
}

}  // namespace valore::storage
