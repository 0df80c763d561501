// SeriesStore's reads: series and periods (now or as of a time), single
// cells, and a cell's revisions. In "cells" a cell's revisions are
// contiguous, newest first, so the newest revision visible at a time is the
// first of its cell committed by then.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "storage/key_codec.h"
#include "storage/series_store.h"
#include "storage/series_store_internal.h"

namespace valore::storage {

using internal::AppendCellKey;
using internal::CellKeyParts;
using internal::CellPrefix;
using internal::IdKey;
using internal::kItemById;
using internal::ParseCellKey;
using internal::ParseCellRevision;
using internal::PeekCommitMicros;
using internal::PeriodPrefix;

namespace {

// Visits a cell from its newest revision on.
constexpr uint64_t kNewest = std::numeric_limits<uint64_t>::max();

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

absl::Status CheckAsOf(int64_t as_of_micros) {
  if (as_of_micros < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("as_of_micros must not be negative: ", as_of_micros));
  }
  return absl::OkStatus();
}

// Whether a revision committed at `commit` is visible as of `as_of_micros`
// (0 = now).
bool Visible(uint64_t commit, int64_t as_of_micros) {
  return as_of_micros == 0 || commit <= static_cast<uint64_t>(as_of_micros);
}

}  // namespace

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ReadSeries(
    absl::string_view entity, absl::string_view item, PeriodOrdinal from,
    PeriodOrdinal to, int64_t as_of_micros) const {
  if (absl::Status status = CheckAsOf(as_of_micros); !status.ok()) {
    return status;
  }
  if (from > to) {
    return absl::InvalidArgumentError(
        absl::StrCat("period range is empty: from ", from, " > to ", to));
  }
  std::vector<StoredRevision> out;
  absl::StatusOr<std::optional<std::pair<uint32_t, uint32_t>>> ids =
      CellIds(entity, item);
  if (!ids.ok()) return ids.status();
  if (!ids->has_value()) return out;
  const auto [entity_id, item_id] = **ids;

  // Skip-scan of the entity's periods: a seek lands on the item's cell in
  // the next period that has one, or on a neighbour that tells where to
  // seek next.
  std::string entity_prefix;
  AppendU32(&entity_prefix, entity_id);
  const std::string upper = PrefixSuccessor(entity_prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(
      kv_->db()->NewIterator(read_options, cells_.handle_));
  it->Seek(CellPrefix(entity_id, from, item_id));
  while (it->Valid()) {
    const absl::string_view key = ToView(it->key());
    CellKeyParts parts;
    if (absl::Status status = ParseCellKey(key, &parts); !status.ok()) {
      return status;
    }
    if (parts.period > to) break;
    if (parts.item < item_id) {
      it->Seek(CellPrefix(entity_id, parts.period, item_id));
      continue;
    }
    const bool last_period = parts.period == to;
    if (parts.item > item_id) {
      if (last_period) break;
      it->Seek(CellPrefix(
          entity_id, static_cast<PeriodOrdinal>(parts.period + 1), item_id));
      continue;
    }
    const absl::string_view value = ToView(it->value());
    uint64_t commit = 0;
    if (absl::Status status = PeekCommitMicros(key, value, &commit);
        !status.ok()) {
      return status;
    }
    if (!Visible(commit, as_of_micros)) {
      it->Next();  // an older revision of the cell may be visible
      continue;
    }
    StoredRevision rev;
    if (absl::Status status =
            ParseCellRevision(entity, item, parts, key, value, &rev);
        !status.ok()) {
      return status;
    }
    out.push_back(std::move(rev));
    if (last_period) break;
    it->Seek(CellPrefix(entity_id, static_cast<PeriodOrdinal>(parts.period + 1),
                        item_id));
  }
  absl::Status status = FromRocks(it->status(), "reading series");
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<std::optional<StoredRevision>> SeriesStore::Latest(
    absl::string_view entity, absl::string_view item,
    PeriodOrdinal period) const {
  std::optional<StoredRevision> newest;
  absl::Status status =
      VisitCell(entity, item, period, kNewest, [&newest](StoredRevision rev) {
        newest = std::move(rev);
        return false;
      });
  if (!status.ok()) return status;
  return newest;
}

absl::Status SeriesStore::ScanPeriod(uint32_t entity_id, PeriodOrdinal period,
                                     int64_t as_of_micros,
                                     const CellVisitor& visit) const {
  absl::Status parse_status;
  std::optional<uint32_t> visited;  // the last cell whose newest was visited
  absl::Status status = kv_->ScanPrefix(
      cells_, PeriodPrefix(entity_id, period),
      [&](absl::string_view key, absl::string_view value) {
        CellKeyParts parts;
        parse_status = ParseCellKey(key, &parts);
        if (!parse_status.ok()) return false;
        if (visited == parts.item) return true;  // an older revision
        uint64_t commit = 0;
        parse_status = PeekCommitMicros(key, value, &commit);
        if (!parse_status.ok()) return false;
        if (!Visible(commit, as_of_micros)) return true;
        visited = parts.item;
        value.remove_prefix(8);
        parse_status = visit(parts.item, parts.revision,
                             static_cast<int64_t>(commit), value);
        return parse_status.ok();
      });
  if (!status.ok()) return status;
  return parse_status;
}

absl::StatusOr<std::string> SeriesStore::UnpublishedItemName(
    uint32_t item_id) const {
  // Written by an Append that has not published its new ids yet; the
  // reverse map is in the same batch.
  absl::StatusOr<std::optional<std::string>> name =
      kv_->Get(dictionary_, IdKey(kItemById, item_id));
  if (!name.ok()) return name.status();
  if (!name->has_value()) {
    return absl::DataLossError(
        absl::StrCat("item id ", item_id, " has no name in dictionary"));
  }
  return **std::move(name);
}

absl::Status SeriesStore::VisitPeriod(absl::string_view entity,
                                      PeriodOrdinal period,
                                      int64_t as_of_micros,
                                      const PeriodVisitor& visit) const {
  if (absl::Status status = CheckAsOf(as_of_micros); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::optional<uint32_t>> entity_id = EntityId(entity);
  if (!entity_id.ok()) return entity_id.status();
  if (!entity_id->has_value()) return absl::OkStatus();
  absl::ReaderMutexLock lock(&mu_);
  return ScanPeriod(
      **entity_id, period, as_of_micros,
      [&](uint32_t item_id, uint64_t revision, int64_t commit_micros,
          absl::string_view payload) -> absl::Status {
        if (item_id < item_names_.size()) {
          visit(item_names_[item_id], revision, commit_micros, payload);
          return absl::OkStatus();
        }
        absl::StatusOr<std::string> name = UnpublishedItemName(item_id);
        if (!name.ok()) return name.status();
        visit(*name, revision, commit_micros, payload);
        return absl::OkStatus();
      });
}

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ReadPeriod(
    absl::string_view entity, PeriodOrdinal period,
    int64_t as_of_micros) const {
  if (absl::Status status = CheckAsOf(as_of_micros); !status.ok()) {
    return status;
  }
  std::vector<StoredRevision> out;
  absl::StatusOr<std::optional<uint32_t>> entity_id = EntityId(entity);
  if (!entity_id.ok()) return entity_id.status();
  if (!entity_id->has_value()) return out;

  // (item id, revision), in item id order; names are filled in at the end,
  // so the scan runs without the dictionary's lock.
  std::vector<std::pair<uint32_t, StoredRevision>> found;
  absl::Status status =
      ScanPeriod(**entity_id, period, as_of_micros,
                 [&](uint32_t item_id, uint64_t revision, int64_t commit_micros,
                     absl::string_view payload) {
                   StoredRevision rev;
                   rev.revision = revision;
                   rev.commit_micros = commit_micros;
                   rev.payload.assign(payload.data(), payload.size());
                   found.emplace_back(item_id, std::move(rev));
                   return absl::OkStatus();
                 });
  if (!status.ok()) return status;

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
  for (size_t k : unpublished) {
    absl::StatusOr<std::string> name = UnpublishedItemName(found[k].first);
    if (!name.ok()) return name.status();
    found[k].second.item = *std::move(name);
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
    uint64_t newest, const std::function<bool(StoredRevision)>& visit) const {
  absl::StatusOr<std::optional<std::pair<uint32_t, uint32_t>>> ids =
      CellIds(entity, item);
  if (!ids.ok()) return ids.status();
  if (!ids->has_value()) return absl::OkStatus();
  const auto [entity_id, item_id] = **ids;
  // Newest first: the seek lands on `newest`, or the first older revision.
  const std::string prefix = CellPrefix(entity_id, period, item_id);
  std::string start;
  AppendCellKey(&start, entity_id, period, item_id, newest);
  absl::Status parse_status;
  absl::Status status = kv_->ScanFrom(
      cells_, start, [&](absl::string_view key, absl::string_view value) {
        if (!absl::StartsWith(key, prefix)) return false;
        CellKeyParts parts;
        parse_status = ParseCellKey(key, &parts);
        if (!parse_status.ok()) return false;
        StoredRevision rev;
        parse_status = ParseCellRevision(entity, item, parts, key, value, &rev);
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
      VisitCell(entity, item, period, kNewest, [&out](StoredRevision rev) {
        out.push_back(std::move(rev));
        return true;
      });
  if (!status.ok()) return status;
  std::reverse(out.begin(), out.end());  // oldest first
  return out;
}

absl::StatusOr<SeriesStore::RevisionAndPrevious> SeriesStore::ReadRevision(
    absl::string_view entity, absl::string_view item, PeriodOrdinal period,
    uint64_t revision) const {
  // The revision is the first visited, the one before it the second.
  std::optional<RevisionAndPrevious> found;
  absl::Status status =
      VisitCell(entity, item, period, revision, [&](StoredRevision rev) {
        if (found.has_value()) {
          found->previous = std::move(rev);
          return false;
        }
        if (rev.revision != revision) return false;  // an older one: none
        found = RevisionAndPrevious{std::move(rev), std::nullopt};
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
