// One RocksDB database per service instance, with named column families.
#ifndef VALORE_STORAGE_KV_STORE_H_
#define VALORE_STORAGE_KV_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// RocksDB stays behind this interface: services name families and hand over
// transactions, and never see its types.
namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Status;
}  // namespace rocksdb

namespace valore::storage {

class Transaction;

// A column family of one KvStore, named in KvOptions; false when the store
// has no family of that name.
class FamilyId {
 public:
  FamilyId() = default;
  explicit operator bool() const { return handle_ != nullptr; }

 private:
  friend class KvStore;
  friend class Transaction;
  friend class SeriesStore;
  explicit FamilyId(rocksdb::ColumnFamilyHandle* handle) : handle_(handle) {}
  rocksdb::ColumnFamilyHandle* handle_ = nullptr;
};

struct KvOptions {
  // fsync the WAL before a write is acknowledged. RocksDB groups concurrent
  // synced writes into one fsync, so this stays cheap under load; the series
  // store's appends are the exception, serialized so that revisions become
  // visible in order, one fsync each. Turning it off keeps writes safe from a
  // process crash but not from a power loss.
  bool sync_writes = true;
  // Column families besides "default"; created when missing.
  std::vector<std::string> column_families;
  // RocksDB block cache in MiB (shared by all column families).
  size_t block_cache_mib = 64;
  // Bound of the write-ahead log in MiB. A family written only now and then
  // (the dictionary, locks, idempotency records) would otherwise keep every
  // log file since its oldest unflushed write: gigabytes on disk, and as
  // much to replay when the service restarts after a crash. Past the bound
  // RocksDB flushes the families holding the oldest file.
  size_t max_wal_mib = 256;
  // Per-family tuning, by family name.
  struct Family {
    // Keys mostly arrive in order after the last key with the same first N
    // bytes (an append-only log: N = 0; a series per prefix): the memtable
    // keeps an insert position per prefix, so such an insert does not search
    // the whole skip list. -1: off.
    int insert_hint_prefix = -1;
  };
  std::map<std::string, Family> families;
};

class KvStore {
 public:
  static absl::StatusOr<std::unique_ptr<KvStore>> Open(
      const std::string& dir, const KvOptions& options);
  ~KvStore();
  KvStore(const KvStore&) = delete;
  KvStore& operator=(const KvStore&) = delete;

  // A column family named in KvOptions (or "default"); false for an
  // unknown name.
  FamilyId Family(absl::string_view name) const;
  // A family the database holds that was not named in KvOptions (one of an
  // earlier layout, to migrate out of); false when there is none.
  FamilyId UnrequestedFamily(absl::string_view name) const;
  // Drops a family not named in KvOptions, with all it holds, for good.
  absl::Status DropUnrequestedFamily(absl::string_view name);

  // Applies the transaction's writes atomically, synced when
  // KvOptions::sync_writes. The transaction is left holding them.
  absl::Status Commit(Transaction* transaction);
  // Moves what `family` holds in memory to disk, and waits for it.
  absl::Status Flush(FamilyId family);

  // std::nullopt when the key is absent.
  absl::StatusOr<std::optional<std::string>> Get(FamilyId family,
                                                 absl::string_view key) const;

  using Visitor =
      std::function<bool(absl::string_view key, absl::string_view value)>;
  // Calls `visit` for each key starting with `prefix`, in key order, until it
  // returns false.
  absl::Status ScanPrefix(FamilyId family, absl::string_view prefix,
                          const Visitor& visit) const;
  // Calls `visit` for each key from `start` on, in key order, until it
  // returns false.
  absl::Status ScanFrom(FamilyId family, absl::string_view start,
                        const Visitor& visit) const;

  // The last key (in order) that starts with `prefix`, with its value.
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>>
  LastWithPrefix(FamilyId family, absl::string_view prefix) const;

  // Grows with every committed write: tells whether anything changed.
  uint64_t LatestSequence() const;

  // What the database holds on disk, summed over its column families, for
  // monitoring (RocksDB's own estimates, cheap to read).
  struct DiskUsage {
    uint64_t sst_bytes = 0;       // every SST file, obsolete ones included
    uint64_t live_sst_bytes = 0;  // the SST files of the current version
    uint64_t pending_compaction_bytes = 0;  // left for compaction to rewrite
  };
  absl::StatusOr<DiskUsage> GetDiskUsage() const;

  // For the storage classes built on this store (series, backups).
  rocksdb::DB* db() const { return db_.get(); }
  const std::string& dir() const { return dir_; }

 private:
  KvStore() = default;
  std::string dir_;
  KvOptions options_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> by_name_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> unrequested_;
  std::unique_ptr<rocksdb::DB> db_;
};

// Maps a RocksDB status to an absl::Status with `context` in the message.
absl::Status FromRocks(const rocksdb::Status& s, absl::string_view context);

}  // namespace valore::storage

#endif  // VALORE_STORAGE_KV_STORE_H_
