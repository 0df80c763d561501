#include "storage/kv_store.h"

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "storage/key_codec.h"
#include "storage/transaction.h"

namespace valore::storage {
namespace {

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

// RocksDB's warnings and errors go to the server's log (stderr). Its usual
// LOG file lives in the data directory, so a full disk would fail the log
// of the very error being reported, and Debian's RocksDB asserts on that:
// a refused write would become a crash.
class StderrLogger final : public rocksdb::Logger {
 public:
  StderrLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[2048];
    std::vsnprintf(line, sizeof(line), format, ap);
    std::fprintf(stderr, "rocksdb: %s\n", line);
  }
};

}  // namespace

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(context, ": ", s.ToString());
  switch (s.code()) {
    case rocksdb::Status::kNotFound:
      return absl::NotFoundError(message);
    case rocksdb::Status::kCorruption:
      return absl::DataLossError(message);
    case rocksdb::Status::kInvalidArgument:
      return absl::InvalidArgumentError(message);
    // Environment failures and contention are worth retrying elsewhere or
    // later; the caller's request itself was fine.
    case rocksdb::Status::kIOError:
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTimedOut:
    case rocksdb::Status::kTryAgain:
    case rocksdb::Status::kShutdownInProgress:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::StatusOr<std::unique_ptr<KvStore>> KvStore::Open(
    const std::string& dir, const KvOptions& options) {
  if (dir.empty()) {
    return absl::InvalidArgumentError("KvStore::Open: empty directory name");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "cannot create database directory ", dir, ": ", ec.message()));
  }

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.info_log = std::make_shared<StderrLogger>();
  db_options.max_total_wal_size = static_cast<uint64_t>(options.max_wal_mib)
                                  << 20;

  // One block cache and one table factory shared by every family, so the
  // memory bound is block_cache_mib for the whole database.
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache =
      rocksdb::NewLRUCache(options.block_cache_mib << 20);
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.table_factory.reset(
      rocksdb::NewBlockBasedTableFactory(table_options));

  // Wanted families first ("default" + options), then any family already in
  // the database that this version does not know: RocksDB refuses to open a
  // database unless every existing family is named.
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName};
  std::set<std::string, std::less<>> wanted = {
      rocksdb::kDefaultColumnFamilyName};
  for (const std::string& name : options.column_families) {
    if (name.empty()) {
      return absl::InvalidArgumentError(
          "KvStore::Open: empty column family name");
    }
    if (wanted.insert(name).second) names.push_back(name);
  }
  const size_t requested = names.size();
  if (std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", ec)) {
    std::vector<std::string> existing;
    rocksdb::Status s =
        rocksdb::DB::ListColumnFamilies(db_options, dir, &existing);
    if (!s.ok()) {
      return FromRocks(s, absl::StrCat("listing column families of ", dir));
    }
    for (const std::string& name : existing) {
      if (wanted.count(name) == 0) {
        wanted.insert(name);
        names.push_back(name);
      }
    }
  } else if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "cannot inspect database directory ", dir, ": ", ec.message()));
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  for (const std::string& name : names) {
    rocksdb::ColumnFamilyOptions family_options = cf_options;
    auto tuning = options.families.find(name);
    if (tuning != options.families.end()) {
      if (tuning->second.insert_hint_prefix >= 0) {
        family_options.memtable_insert_with_hint_prefix_extractor.reset(
            rocksdb::NewFixedPrefixTransform(
                static_cast<size_t>(tuning->second.insert_hint_prefix)));
      }
    }
    descriptors.emplace_back(name, family_options);
  }

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw_db);
  if (!s.ok()) {
    // RocksDB holds <dir>/LOCK for as long as a database is open, in this
    // process or another one.
    if (s.IsIOError() && absl::StrContains(s.ToString(), "LOCK")) {
      return absl::FailedPreconditionError(
          absl::StrCat("database directory ", dir,
                       " is already open (RocksDB LOCK held by this or "
                       "another process): ",
                       s.ToString()));
    }
    return FromRocks(s, absl::StrCat("opening database ", dir));
  }

  std::unique_ptr<KvStore> store(new KvStore());
  store->dir_ = dir;
  store->options_ = options;
  store->db_.reset(raw_db);
  store->handles_ = std::move(handles);
  // Only the families this version asked for are exposed; unknown ones are
  // kept open solely so the database can be opened.
  for (size_t i = 0; i < requested; ++i) {
    store->by_name_.emplace(names[i], store->handles_[i]);
  }
  for (size_t i = requested; i < names.size(); ++i) {
    store->unrequested_.emplace(names[i], store->handles_[i]);
  }
  return store;
}

KvStore::~KvStore() {
  if (db_ == nullptr) return;
  // A destructor cannot return a status: report failures and carry on, the
  // WAL makes acknowledged writes durable regardless.
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    rocksdb::Status s = db_->DestroyColumnFamilyHandle(handle);
    if (!s.ok()) {
      std::fprintf(stderr, "KvStore %s: destroying column family handle: %s\n",
                   dir_.c_str(), s.ToString().c_str());
    }
  }
  handles_.clear();
  by_name_.clear();
  unrequested_.clear();
  rocksdb::Status s = db_->Close();
  if (!s.ok()) {
    std::fprintf(stderr, "KvStore %s: close: %s\n", dir_.c_str(),
                 s.ToString().c_str());
  }
  db_.reset();
}

FamilyId KvStore::Family(absl::string_view name) const {
  auto it = by_name_.find(name);
  return FamilyId(it == by_name_.end() ? nullptr : it->second);
}

FamilyId KvStore::UnrequestedFamily(absl::string_view name) const {
  auto it = unrequested_.find(name);
  return FamilyId(it == unrequested_.end() ? nullptr : it->second);
}

absl::Status KvStore::DropUnrequestedFamily(absl::string_view name) {
  auto it = unrequested_.find(name);
  if (it == unrequested_.end()) {
    return absl::NotFoundError(
        absl::StrCat("database ", dir_, " has no column family \"", name,
                     "\" outside the ones it was opened with"));
  }
  // The handle stays valid (and is destroyed on close); the family is gone
  // from the database once the call returns.
  rocksdb::Status s = db_->DropColumnFamily(it->second);
  if (!s.ok()) {
    return FromRocks(
        s, absl::StrCat("dropping column family ", name, " of ", dir_));
  }
  unrequested_.erase(it);
  return absl::OkStatus();
}

absl::Status KvStore::Commit(Transaction* transaction) {
  if (transaction == nullptr) {
    return absl::InvalidArgumentError("KvStore::Commit: null transaction");
  }
  if (!transaction->status().ok()) return transaction->status();
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  return FromRocks(db_->Write(write_options, transaction->batch()),
                   absl::StrCat("writing to ", dir_));
}

uint64_t KvStore::LatestSequence() const {
  return db_->GetLatestSequenceNumber();
}

absl::StatusOr<KvStore::DiskUsage> KvStore::GetDiskUsage() const {
  DiskUsage usage;
  const std::pair<const char*, uint64_t*> properties[] = {
      {"rocksdb.total-sst-files-size", &usage.sst_bytes},
      {"rocksdb.live-sst-files-size", &usage.live_sst_bytes},
      {"rocksdb.estimate-pending-compaction-bytes",
       &usage.pending_compaction_bytes}};
  for (const auto& [name, value] : properties) {
    // Aggregated: the plain property would tell of "default" only.
    if (!db_->GetAggregatedIntProperty(name, value)) {
      return absl::InternalError(
          absl::StrCat("rocksdb: cannot read property ", name));
    }
  }
  return usage;
}

absl::Status KvStore::Flush(FamilyId family) {
  if (!family) {
    return absl::InvalidArgumentError("KvStore::Flush: null column family");
  }
  rocksdb::FlushOptions flush;
  flush.wait = true;
  return FromRocks(db_->Flush(flush, family.handle_),
                   absl::StrCat("flushing ", dir_));
}

absl::StatusOr<std::optional<std::string>> KvStore::Get(
    FamilyId family, absl::string_view key) const {
  if (!family) {
    return absl::InvalidArgumentError("KvStore::Get: null column family");
  }
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), family.handle_, ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) {
    return FromRocks(
        s, absl::StrCat("reading ", family.handle_->GetName(), " in ", dir_));
  }
  return std::optional<std::string>(std::move(value));
}

absl::Status KvStore::ScanPrefix(FamilyId family, absl::string_view prefix,
                                 const Visitor& visit) const {
  if (!family) {
    return absl::InvalidArgumentError(
        "KvStore::ScanPrefix: null column family");
  }
  // The upper bound lets RocksDB stop at the end of the prefix instead of
  // stepping over whatever (including tombstones) follows it.
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read_options, family.handle_));
  for (it->Seek(ToSlice(prefix)); it->Valid(); it->Next()) {
    absl::string_view key = ToView(it->key());
    if (!absl::StartsWith(key, prefix)) break;
    if (!visit(key, ToView(it->value()))) break;
  }
  return FromRocks(
      it->status(),
      absl::StrCat("scanning ", family.handle_->GetName(), " in ", dir_));
}

absl::Status KvStore::ScanFrom(FamilyId family, absl::string_view start,
                               const Visitor& visit) const {
  if (!family) {
    return absl::InvalidArgumentError("KvStore::ScanFrom: null column family");
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), family.handle_));
  for (it->Seek(ToSlice(start)); it->Valid(); it->Next()) {
    if (!visit(ToView(it->key()), ToView(it->value()))) break;
  }
  return FromRocks(
      it->status(),
      absl::StrCat("scanning ", family.handle_->GetName(), " in ", dir_));
}

absl::StatusOr<std::optional<std::pair<std::string, std::string>>>
KvStore::LastWithPrefix(FamilyId family_id, absl::string_view prefix) const {
  using Result = std::optional<std::pair<std::string, std::string>>;
  rocksdb::ColumnFamilyHandle* family = family_id.handle_;
  if (family == nullptr) {
    return absl::InvalidArgumentError(
        "KvStore::LastWithPrefix: null column family");
  }
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice lower_slice = ToSlice(prefix);
  rocksdb::ReadOptions read_options;
  read_options.iterate_lower_bound = &lower_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, family));
  if (upper.empty()) {
    it->SeekToLast();
  } else {
    // SeekForPrev lands on the last key <= upper; upper itself is outside the
    // prefix.
    it->SeekForPrev(upper);
    if (it->Valid() && ToView(it->key()) == upper) it->Prev();
  }
  Result result;
  if (it->Valid() && absl::StartsWith(ToView(it->key()), prefix)) {
    result.emplace(it->key().ToString(), it->value().ToString());
  }
  absl::Status status =
      FromRocks(it->status(),
                absl::StrCat("seeking in ", family->GetName(), " in ", dir_));
  if (!status.ok()) return status;
  return result;
}

}  // namespace valore::storage
