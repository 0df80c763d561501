// SeriesStore: opening (column families, the dictionary and last revision)
// and the one write path, Append. Reads are in series_reads.cc, the byte
// layout of keys and values in series_layout.cc.
#include "storage/series_store.h"

#include <limits>
#include <optional>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/key_codec.h"
#include "storage/series_store_internal.h"

namespace valore::storage {

using internal::AppendCellKey;
using internal::CellKeyParts;
using internal::Corrupt;
using internal::EncodeU32;
using internal::EncodeU64;
using internal::IdKey;
using internal::kCells;
using internal::kItemById;
using internal::NameKey;
using internal::ParseCellKey;

namespace {

constexpr char kDictionary[] = "dictionary";

// Dictionary tags; see the layout in series_store.h (kItemById is in
// series_store_internal.h).
constexpr char kEntityByName = 'e';
constexpr char kItemByName = 'i';
constexpr char kEntityById = 'E';
constexpr char kLastRevisionKey[] = "R";

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

// Loads the 'E' or 'I' reverse map, which must hold ids 0..n-1.
absl::Status LoadNames(const KvStore& kv, FamilyId family, char tag,
                       std::vector<std::string>* names,
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
  return {kDictionary, kCells};
}

void SeriesStore::TuneOptions(KvOptions* options) {
  options->families[kCells].insert_hint_prefix = 4 + 2;  // entity | period
}

SeriesStore::SeriesStore(KvStore* kv)
    : kv_(kv),
      dictionary_(kv->Family(kDictionary)),
      cells_(kv->Family(kCells)) {}

absl::StatusOr<std::unique_ptr<SeriesStore>> SeriesStore::Create(KvStore* kv) {
  if (kv == nullptr) {
    return absl::InvalidArgumentError("SeriesStore::Create: null KvStore");
  }
  for (const std::string& name : ColumnFamilies()) {
    if (!kv->Family(name)) {
      return absl::FailedPreconditionError(
          absl::StrCat("SeriesStore: database ", kv->dir(),
                       " was opened without column family \"", name, "\""));
    }
  }
  std::unique_ptr<SeriesStore> store(new SeriesStore(kv));
  absl::Status status = internal::MigrateLegacyLayout(kv, store->cells_);
  if (!status.ok()) return status;
  status = store->Load();
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
  // No record (a database of an early version): every revision is read.
  uint64_t max_revision = 0;
  absl::Status parse_status;
  status = kv_->ScanPrefix(cells_, "",
                           [&](absl::string_view key, absl::string_view) {
                             CellKeyParts parts;
                             parse_status = ParseCellKey(key, &parts);
                             if (!parse_status.ok()) return false;
                             if (parts.revision > max_revision)
                               max_revision = parts.revision;
                             return true;
                           });
  if (!status.ok()) return status;
  if (!parse_status.ok()) return parse_status;
  last_revision_ = max_revision;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<uint32_t>> SeriesStore::EntityId(
    absl::string_view name) const {
  return NameId(kEntityByName, name);
}

absl::StatusOr<std::optional<uint32_t>> SeriesStore::ItemId(
    absl::string_view name) const {
  return NameId(kItemByName, name);
}

absl::StatusOr<std::optional<std::pair<uint32_t, uint32_t>>>
SeriesStore::CellIds(absl::string_view entity, absl::string_view item) const {
  absl::StatusOr<std::optional<uint32_t>> entity_id = EntityId(entity);
  if (!entity_id.ok()) return entity_id.status();
  if (!entity_id->has_value()) return std::nullopt;
  absl::StatusOr<std::optional<uint32_t>> item_id = ItemId(item);
  if (!item_id.ok()) return item_id.status();
  if (!item_id->has_value()) return std::nullopt;
  return std::make_pair(**entity_id, **item_id);
}

absl::StatusOr<std::optional<uint32_t>> SeriesStore::NameId(
    char tag, absl::string_view name) const {
  const bool entity = tag == kEntityByName;
  {
    absl::ReaderMutexLock lock(&mu_);
    const auto& ids = entity ? entity_ids_ : item_ids_;
    auto it = ids.find(name);
    if (it != ids.end()) return it->second;
  }
  // Committed by an Append that has not published its new names yet: a
  // reader that sees its cells (or the audit record naming them) finds
  // their names in the same batch.
  const std::string key = NameKey(tag, name);
  absl::StatusOr<std::optional<std::string>> stored =
      kv_->Get(dictionary_, key);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::nullopt;
  absl::string_view in = **stored;
  uint32_t id = 0;
  if (!ConsumeU32(&in, &id) || !in.empty()) {
    return Corrupt(kDictionary,
                   absl::StrCat("id of ", entity ? "entity" : "item", " \"",
                                absl::CHexEscape(name), "\""),
                   key);
  }
  return id;
}

absl::StatusOr<std::vector<uint64_t>> SeriesStore::Append(
    const std::vector<CellWrite>& writes, int64_t commit_micros,
    Transaction* extra,
    const std::function<absl::Status(const std::vector<uint64_t>&,
                                     Transaction*)>& prepare) {
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

  Transaction scratch(nullptr, absl::FromUnixMicros(commit_micros));
  Transaction& transaction = extra != nullptr ? *extra : scratch;
  if (prepare) {
    absl::Status status = prepare(revisions, &transaction);
    if (!status.ok()) return status;
  }
  // What the caller put may have failed to build: nothing is written then,
  // and the store stays writable.
  if (!transaction.status().ok()) return transaction.status();
  rocksdb::WriteBatch& batch = *transaction.batch();
  // The store's records go into the caller's batch (no copy of what it
  // holds) and are taken out again before returning, so the caller's batch
  // is left as it was given.
  batch.SetSavePoint();
  struct Restore {
    rocksdb::WriteBatch* batch;
    ~Restore() { batch->RollbackToSavePoint().PermitUncheckedError(); }
  } restore{&batch};

  rocksdb::Status s;
  auto put = [&](FamilyId family, absl::string_view key,
                 absl::string_view value) {
    if (s.ok()) s = batch.Put(family.handle_, ToSlice(key), ToSlice(value));
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
  // The key and value header are built in reused buffers and the payload is
  // passed as a second slice, so a record costs no allocation here.
  std::string key, head;
  key.reserve(4 + 2 + 4 + 8);
  head.reserve(8);
  for (size_t k = 0; k < writes.size() && s.ok(); ++k) {
    const CellWrite& w = writes[k];
    key.clear();
    AppendCellKey(&key, entity_of[k], w.period, item_of[k], revisions[k]);
    head.clear();
    AppendU64(&head, commit);
    const rocksdb::Slice parts[2] = {rocksdb::Slice(head), ToSlice(w.payload)};
    const rocksdb::Slice key_slice(key);
    s = batch.Put(cells_.handle_, rocksdb::SliceParts(&key_slice, 1),
                  rocksdb::SliceParts(parts, 2));
  }
  const uint64_t new_last = first_revision + writes.size() - 1;
  if (!writes.empty()) put(dictionary_, kLastRevisionKey, EncodeU64(new_last));
  if (!s.ok()) return FromRocks(s, "building commit batch");

  absl::Status status = kv_->Commit(&transaction);
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

std::vector<std::string> SeriesStore::Entities() const {
  absl::ReaderMutexLock lock(&mu_);
  return entity_names_;
}

uint64_t SeriesStore::last_revision() const {
  absl::ReaderMutexLock lock(&mu_);
  return last_revision_;
}

}  // namespace valore::storage
