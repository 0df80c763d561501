#include "storage/series_store.h"

#include <limits>
#include <optional>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "storage/key_codec.h"

namespace valore::storage {
namespace {

constexpr char kDictionary[] = "dictionary";
constexpr char kSeries[] = "series";
constexpr char kLatest[] = "latest";

// Dictionary tags; see the layout in series_store.h.
constexpr char kEntityByName = 'e';
constexpr char kItemByName = 'i';
constexpr char kEntityById = 'E';
constexpr char kItemById = 'I';
constexpr char kLastRevisionKey[] = "R";

constexpr size_t kSeriesKeySize = 4 + 4 + 2 + 8;
constexpr size_t kLatestKeySize = 4 + 2 + 4;

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

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

struct SeriesKeyParts {
  uint32_t entity = 0;
  uint32_t item = 0;
  PeriodOrdinal period = 0;
  uint64_t revision = 0;
};

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

// Loads the 'E' or 'I' reverse map, which must hold ids 0..n-1.
absl::Status LoadNames(const KvStore& kv, rocksdb::ColumnFamilyHandle* family,
                       char tag, std::vector<std::string>* names,
                       absl::flat_hash_map<std::string, uint32_t>* ids) {
  absl::Status parse_status;
  absl::Status scan_status = kv.ScanPrefix(
      family, std::string(1, tag),
      [&](absl::string_view key, absl::string_view value) {
        absl::string_view in = key.substr(1);
        uint32_t id = 0;
        if (!ConsumeU32(&in, &id) || !in.empty() || id != names->size()) {
          parse_status = Corrupt(kDictionary, "name id", key);
          return false;
        }
        names->emplace_back(value);
        (*ids)[std::string(value)] = id;
        return true;
      });
  if (!scan_status.ok()) return scan_status;
  return parse_status;
}

}  // namespace

std::vector<std::string> SeriesStore::ColumnFamilies() {
  return {kDictionary, kSeries, kLatest};
}

void SeriesStore::TuneOptions(KvOptions* options) {
  options->families[kSeries].insert_hint_prefix = 4 + 4;  // entity | item
  options->families[kLatest].insert_hint_prefix = 4 + 2;  // entity | period
  // A write reads the cell's latest value (for its audit event): for new
  // cells, the usual case of an import, that read finds nothing.
  options->families[kLatest].memtable_bloom = true;
}

SeriesStore::SeriesStore(KvStore* kv)
    : kv_(kv),
      dictionary_(kv->Family(kDictionary)),
      series_(kv->Family(kSeries)),
      latest_(kv->Family(kLatest)) {}

absl::StatusOr<std::unique_ptr<SeriesStore>> SeriesStore::Create(KvStore* kv) {
  if (kv == nullptr) {
    return absl::InvalidArgumentError("SeriesStore::Create: null KvStore");
  }
  for (const std::string& name : ColumnFamilies()) {
    if (kv->Family(name) == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("SeriesStore: database ", kv->dir(),
                       " was opened without column family \"", name, "\""));
    }
  }
  std::unique_ptr<SeriesStore> store(new SeriesStore(kv));
  absl::Status status = store->Load();
  if (!status.ok()) return status;
  return store;
}

absl::Status SeriesStore::Load() {
  absl::MutexLock lock(&mu_);
  absl::Status status =
      LoadNames(*kv_, dictionary_, kEntityById, &entity_names_, &entity_ids_);
  if (!status.ok()) return status;
  status = LoadNames(*kv_, dictionary_, kItemById, &item_names_, &item_ids_);
  if (!status.ok()) return status;

  absl::StatusOr<std::optional<std::string>> last =
      kv_->Get(dictionary_, kLastRevisionKey);
  if (!last.ok()) return last.status();
  if (last->has_value()) {
    absl::string_view in = **last;
    if (!ConsumeU64(&in, &last_revision_) || !in.empty()) {
      return Corrupt(kDictionary, "last revision", kLastRevisionKey);
    }
    return absl::OkStatus();
  }
  // No record: the newest revision overall is the newest of its cell, so it
  // is in "latest". Only reached for a database without the record.
  uint64_t max_revision = 0;
  absl::Status parse_status;
  status = kv_->ScanPrefix(latest_, "",
                           [&](absl::string_view key, absl::string_view value) {
                             uint64_t revision = 0;
                             if (!ConsumeU64(&value, &revision)) {
                               parse_status = Corrupt(kLatest, "value", key);
                               return false;
                             }
                             if (revision > max_revision)
                               max_revision = revision;
                             return true;
                           });
  if (!status.ok()) return status;
  if (!parse_status.ok()) return parse_status;
  last_revision_ = max_revision;
  return absl::OkStatus();
}

bool SeriesStore::EntityId(absl::string_view name, uint32_t* id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = entity_ids_.find(name);
  if (it == entity_ids_.end()) return false;
  *id = it->second;
  return true;
}

bool SeriesStore::ItemId(absl::string_view name, uint32_t* id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = item_ids_.find(name);
  if (it == item_ids_.end()) return false;
  *id = it->second;
  return true;
}

absl::StatusOr<std::vector<uint64_t>> SeriesStore::Append(
    const std::vector<CellWrite>& writes, int64_t commit_micros,
    rocksdb::WriteBatch* extra,
    const std::function<absl::Status(const std::vector<uint64_t>&,
                                     rocksdb::WriteBatch*)>& prepare) {
  if (commit_micros < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("commit_micros must not be negative: ", commit_micros));
  }
  for (size_t k = 0; k < writes.size(); ++k) {
    if (writes[k].entity.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("writes[", k, "].entity is empty"));
    }
    if (writes[k].item.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("writes[", k, "].item is empty"));
    }
  }

  absl::MutexLock commit_lock(&commit_mu_);
  if (!write_failure_.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "an earlier commit to ", kv_->dir(), " failed (",
        write_failure_.ToString(),
        ") and may still be applied when the database is reopened; reopen "
        "the store before appending"));
  }

  // Ids and revisions are computed into locals; the in-memory state changes
  // only after the batch is durable, so a failed commit leaves no trace.
  std::vector<uint32_t> entity_of(writes.size());
  std::vector<uint32_t> item_of(writes.size());
  absl::flat_hash_map<std::string, uint32_t> new_entities;
  absl::flat_hash_map<std::string, uint32_t> new_items;
  std::vector<std::string> new_entity_names;
  std::vector<std::string> new_item_names;
  uint64_t first_revision = 0;
  {
    // Only Append (serialized by commit_mu_) changes these, so what is read
    // here stays current until the publish below.
    absl::ReaderMutexLock lock(&mu_);
    if (last_revision_ > std::numeric_limits<uint64_t>::max() - writes.size()) {
      return absl::ResourceExhaustedError("revision space exhausted");
    }
    first_revision = last_revision_ + 1;
    auto resolve = [](const std::string& name,
                      const absl::flat_hash_map<std::string, uint32_t>& known,
                      size_t known_count,
                      absl::flat_hash_map<std::string, uint32_t>* added,
                      std::vector<std::string>* added_names,
                      uint32_t* id) -> bool {
      auto it = known.find(name);
      if (it != known.end()) {
        *id = it->second;
        return true;
      }
      auto [added_it, inserted] =
          added->emplace(name, static_cast<uint32_t>(0));
      if (inserted) {
        const size_t next = known_count + added_names->size();
        if (next > std::numeric_limits<uint32_t>::max()) return false;
        added_it->second = static_cast<uint32_t>(next);
        added_names->push_back(name);
      }
      *id = added_it->second;
      return true;
    };
    for (size_t k = 0; k < writes.size(); ++k) {
      if (!resolve(writes[k].entity, entity_ids_, entity_names_.size(),
                   &new_entities, &new_entity_names, &entity_of[k])) {
        return absl::ResourceExhaustedError("entity id space exhausted");
      }
      if (!resolve(writes[k].item, item_ids_, item_names_.size(), &new_items,
                   &new_item_names, &item_of[k])) {
        return absl::ResourceExhaustedError("item id space exhausted");
      }
    }
  }
  std::vector<uint64_t> revisions(writes.size());
  for (size_t k = 0; k < writes.size(); ++k) revisions[k] = first_revision + k;

  rocksdb::WriteBatch scratch;
  rocksdb::WriteBatch& batch = extra != nullptr ? *extra : scratch;
  if (prepare) {
    absl::Status status = prepare(revisions, &batch);
    if (!status.ok()) return status;
  }
  // The store's records go into the caller's batch (no copy of what it
  // holds) and are taken out again before returning, so the caller's batch
  // is left as it was given.
  batch.SetSavePoint();
  struct Restore {
    rocksdb::WriteBatch* batch;
    ~Restore() { batch->RollbackToSavePoint().PermitUncheckedError(); }
  } restore{&batch};

  rocksdb::Status s;
  auto put = [&](rocksdb::ColumnFamilyHandle* family, absl::string_view key,
                 absl::string_view value) {
    if (s.ok()) s = batch.Put(family, ToSlice(key), ToSlice(value));
  };
  for (const std::string& name : new_entity_names) {
    const uint32_t id = new_entities.at(name);
    put(dictionary_, NameKey(kEntityByName, name), EncodeU32(id));
    put(dictionary_, IdKey(kEntityById, id), name);
  }
  for (const std::string& name : new_item_names) {
    const uint32_t id = new_items.at(name);
    put(dictionary_, NameKey(kItemByName, name), EncodeU32(id));
    put(dictionary_, IdKey(kItemById, id), name);
  }
  const uint64_t commit = static_cast<uint64_t>(commit_micros);
  // Keys and value headers are built in reused buffers and the payload is
  // passed as a second slice, so a record costs no allocation here.
  std::string series_key, latest_key, series_head, latest_head;
  series_head.reserve(8);
  latest_head.reserve(16);
  for (size_t k = 0; k < writes.size() && s.ok(); ++k) {
    const CellWrite& w = writes[k];
    series_key.clear();
    AppendU32(&series_key, entity_of[k]);
    AppendU32(&series_key, item_of[k]);
    AppendU16(&series_key, w.period);
    AppendU64(&series_key, revisions[k]);
    series_head.clear();
    AppendU64(&series_head, commit);
    const rocksdb::Slice payload = ToSlice(w.payload);
    const rocksdb::Slice series_parts[2] = {rocksdb::Slice(series_head),
                                            payload};
    const rocksdb::Slice series_key_slice(series_key);
    s = batch.Put(series_, rocksdb::SliceParts(&series_key_slice, 1),
                  rocksdb::SliceParts(series_parts, 2));
    if (!s.ok()) break;
    // Later writes to the same cell in this batch have higher revisions and
    // overwrite earlier ones, so "latest" ends at the newest.
    latest_key.clear();
    AppendU32(&latest_key, entity_of[k]);
    AppendU16(&latest_key, w.period);
    AppendU32(&latest_key, item_of[k]);
    latest_head.clear();
    AppendU64(&latest_head, revisions[k]);
    AppendU64(&latest_head, commit);
    const rocksdb::Slice latest_parts[2] = {rocksdb::Slice(latest_head),
                                            payload};
    const rocksdb::Slice latest_key_slice(latest_key);
    s = batch.Put(latest_, rocksdb::SliceParts(&latest_key_slice, 1),
                  rocksdb::SliceParts(latest_parts, 2));
  }
  const uint64_t new_last = first_revision + writes.size() - 1;
  if (!writes.empty()) put(dictionary_, kLastRevisionKey, EncodeU64(new_last));
  if (!s.ok()) return FromRocks(s, "building commit batch");

  absl::Status status = kv_->Write(&batch);
  if (!status.ok()) {
    // RocksDB may have logged the batch before failing, and would replay it
    // on reopen; reusing its revisions and ids meanwhile could give one id
    // two names. Only a reopen tells what was committed.
    write_failure_ = status;
    refusing_appends_.store(true, std::memory_order_release);
    return status;
  }

  absl::MutexLock lock(&mu_);
  for (std::string& name : new_entity_names) {
    entity_ids_[name] = static_cast<uint32_t>(entity_names_.size());
    entity_names_.push_back(std::move(name));
  }
  for (std::string& name : new_item_names) {
    item_ids_[name] = static_cast<uint32_t>(item_names_.size());
    item_names_.push_back(std::move(name));
  }
  if (!writes.empty()) last_revision_ = new_last;
  return revisions;
}

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
      kv_->db()->NewIterator(read_options, series_));

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

absl::StatusOr<std::vector<std::optional<StoredRevision>>>
SeriesStore::LatestMany(const std::vector<CellWrite>& cells) const {
  std::vector<std::optional<StoredRevision>> out(cells.size());
  // Cells of unknown names have no value; the others are read together.
  std::vector<std::string> keys;
  std::vector<size_t> index;  // into `cells`, per key
  keys.reserve(cells.size());
  index.reserve(cells.size());
  {
    absl::ReaderMutexLock lock(&mu_);
    for (size_t k = 0; k < cells.size(); ++k) {
      auto e = entity_ids_.find(cells[k].entity);
      if (e == entity_ids_.end()) continue;
      auto i = item_ids_.find(cells[k].item);
      if (i == item_ids_.end()) continue;
      keys.push_back(LatestKey(e->second, cells[k].period, i->second));
      index.push_back(k);
    }
  }
  if (keys.empty()) return out;
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  kv_->db()->MultiGet(rocksdb::ReadOptions(), latest_, keys.size(),
                      slices.data(), values.data(), statuses.data());
  for (size_t j = 0; j < keys.size(); ++j) {
    if (statuses[j].IsNotFound()) continue;
    if (!statuses[j].ok()) {
      return FromRocks(statuses[j],
                       absl::StrCat("reading latest in ", kv_->dir()));
    }
    const CellWrite& cell = cells[index[j]];
    StoredRevision rev;
    rev.entity = cell.entity;
    rev.item = cell.item;
    rev.period = cell.period;
    absl::Status status = ParseLatestValue(keys[j], ToView(values[j]), &rev);
    if (!status.ok()) return status;
    out[index[j]] = std::move(rev);
  }
  return out;
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
        kv_->db()->NewIterator(read_options, series_));
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

absl::StatusOr<std::vector<StoredRevision>> SeriesStore::ListRevisions(
    absl::string_view entity, absl::string_view item,
    PeriodOrdinal period) const {
  std::vector<StoredRevision> out;
  uint32_t entity_id = 0;
  uint32_t item_id = 0;
  if (!EntityId(entity, &entity_id) || !ItemId(item, &item_id)) return out;
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
                        out.push_back(std::move(rev));
                        return true;
                      });
  if (!status.ok()) return status;
  if (!parse_status.ok()) return parse_status;
  return out;
}

std::vector<std::string> SeriesStore::Entities() const {
  absl::ReaderMutexLock lock(&mu_);
  return entity_names_;
}

uint64_t SeriesStore::last_revision() const {
  absl::ReaderMutexLock lock(&mu_);
  return last_revision_;
}

}  // namespace valore::storage
