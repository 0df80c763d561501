// Test support for the series store: a store reopened at will, revisions
// as comparable tuples, and a way into a Transaction's batch.
#ifndef VALORE_STORAGE_SERIES_STORE_TEST_SUPPORT_H_
#define VALORE_STORAGE_SERIES_STORE_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/write_batch.h"
#include "storage/series_store.h"
#include "storage/transaction.h"

namespace valore::storage {

// Reaches into a Transaction for what only a test needs: a batch RocksDB
// will refuse, and how many records the transaction holds.
class TransactionTestPeer {
 public:
  static Transaction FromRepresentation(const std::string& rep) {
    Transaction tx(nullptr, absl::Now());
    *tx.batch() = rocksdb::WriteBatch(rep);
    return tx;
  }
  static uint32_t Count(Transaction& tx) { return tx.batch()->Count(); }
};

// entity, item, period, revision, commit_micros, payload.
using Tied =
    std::tuple<std::string, std::string, int, uint64_t, int64_t, std::string>;

inline std::vector<Tied> TieAll(const std::vector<StoredRevision>& revisions) {
  std::vector<Tied> out;
  for (const StoredRevision& r : revisions) {
    out.emplace_back(r.entity, r.item, r.period, r.revision, r.commit_micros,
                     r.payload);
  }
  return out;
}

template <typename T>
T Must(absl::StatusOr<T> result) {
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : T();
}

// A KvStore and the SeriesStore on it; Open() closes both first, so it is
// also the reopen.
class Db {
 public:
  Db(std::string dir, bool sync_writes, bool tuned = false)
      : dir_(std::move(dir)) {
    options_.sync_writes = sync_writes;
    options_.block_cache_mib = 8;
    options_.column_families = SeriesStore::ColumnFamilies();
    if (tuned) SeriesStore::TuneOptions(&options_);
  }

  absl::Status Open() {
    store_.reset();
    kv_.reset();
    absl::StatusOr<std::unique_ptr<KvStore>> kv = KvStore::Open(dir_, options_);
    if (!kv.ok()) return kv.status();
    kv_ = *std::move(kv);
    absl::StatusOr<std::unique_ptr<SeriesStore>> store =
        SeriesStore::Create(kv_.get());
    if (!store.ok()) return store.status();
    store_ = *std::move(store);
    return absl::OkStatus();
  }

  SeriesStore& store() { return *store_; }
  KvStore& kv() { return *kv_; }

  std::vector<std::string> DictionaryKeys() {
    std::vector<std::string> keys;
    EXPECT_TRUE(kv_->ScanPrefix(kv_->Family("dictionary"), "",
                                [&](absl::string_view key, absl::string_view) {
                                  keys.emplace_back(key);
                                  return true;
                                })
                    .ok());
    return keys;
  }

 private:
  std::string dir_;
  KvOptions options_;
  std::unique_ptr<KvStore> kv_;
  std::unique_ptr<SeriesStore> store_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_SERIES_STORE_TEST_SUPPORT_H_
