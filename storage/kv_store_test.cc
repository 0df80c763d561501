#include "storage/kv_store.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/status.h"
#include "storage/test_temp_dir.h"
#include "storage/transaction.h"

namespace valore::storage {
namespace {

using TempDir = TestTempDir;

KvOptions Families(std::vector<std::string> names) {
  KvOptions options;
  options.column_families = std::move(names);
  options.block_cache_mib = 8;
  return options;
}

std::optional<std::string> MustGet(const KvStore& kv, absl::string_view family,
                                   absl::string_view key) {
  absl::StatusOr<std::optional<std::string>> got =
      kv.Get(kv.Family(family), key);
  EXPECT_TRUE(got.ok()) << got.status();
  return got.ok() ? *got : std::nullopt;
}

TEST(KvStoreTest, WritesSurviveReopen) {
  TempDir dir;
  const std::string db_dir = dir.path() + "/nested/db";  // created on open
  {
    auto kv = KvStore::Open(db_dir, Families({"a", "b"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    ASSERT_TRUE((*kv)->Family("default"));
    ASSERT_TRUE((*kv)->Family("a"));
    ASSERT_TRUE((*kv)->Family("b"));
    EXPECT_FALSE((*kv)->Family("c"));
    EXPECT_EQ((*kv)->dir(), db_dir);

    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("a"), "k", "in a");
    batch.Put((*kv)->Family("b"), "k", std::string("b\0b", 3));
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
    EXPECT_EQ(MustGet(**kv, "a", "k"), "in a");
  }
  auto kv = KvStore::Open(db_dir, Families({"a", "b"}));
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(MustGet(**kv, "a", "k"), "in a");
  EXPECT_EQ(MustGet(**kv, "b", "k"), std::string("b\0b", 3));
  EXPECT_EQ(MustGet(**kv, "a", "missing"), std::nullopt);
  EXPECT_EQ(MustGet(**kv, "default", "k"), std::nullopt);
}

TEST(KvStoreTest, DiskUsageCountsEveryFamilysFiles) {
  TempDir dir;
  auto kv = KvStore::Open(dir.path(), Families({"a"}));
  ASSERT_TRUE(kv.ok()) << kv.status();
  absl::StatusOr<KvStore::DiskUsage> empty = (*kv)->GetDiskUsage();
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->sst_bytes, 0u);
  EXPECT_EQ(empty->live_sst_bytes, 0u);

  // Written to a family other than "default", which a plain property read
  // would miss.
  Transaction batch(nullptr, absl::Now());
  for (int i = 0; i < 100; ++i) {
    batch.Put((*kv)->Family("a"), absl::StrCat("key", i),
              std::string(100, 'v'));
  }
  ASSERT_TRUE((*kv)->Commit(&batch).ok());
  ASSERT_TRUE((*kv)->Flush((*kv)->Family("a")).ok());
  absl::StatusOr<KvStore::DiskUsage> flushed = (*kv)->GetDiskUsage();
  ASSERT_TRUE(flushed.ok()) << flushed.status();
  uintmax_t sst_on_disk = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().extension() == ".sst") sst_on_disk += entry.file_size();
  }
  EXPECT_GT(sst_on_disk, 0u);
  EXPECT_EQ(flushed->sst_bytes, sst_on_disk);
  EXPECT_EQ(flushed->live_sst_bytes, sst_on_disk);
}

// Bytes of the write-ahead log files in `dir`. RocksDB deletes obsolete
// logs in the background: one gone between listing and sizing counts as 0.
uintmax_t WalBytes(const std::string& dir) {
  uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".log") continue;
    std::error_code gone;
    const uintmax_t size = entry.file_size(gone);
    if (!gone) bytes += size;
  }
  return bytes;
}

TEST(KvStoreTest, ARarelyWrittenFamilyDoesNotKeepTheWholeLog) {
  TempDir dir;
  KvOptions options = Families({"bulk", "rare"});
  options.sync_writes = false;
  options.max_wal_mib = 2;
  auto kv = KvStore::Open(dir.path(), options);
  ASSERT_TRUE(kv.ok()) << kv.status();
  // 32 MiB into one family, a few bytes into the other now and then: all of
  // it fits the memtables, so only the bound makes RocksDB flush.
  const std::string value(4096, 'v');
  for (int i = 0; i < 8192; ++i) {
    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("bulk"), absl::StrCat("k", i), value);
    if (i % 1024 == 0) {
      batch.Put((*kv)->Family("rare"), "last", "x");
    }
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
  }
  // RocksDB checks the bound on each write and flushes in the background:
  // on a loaded machine the last files go with the writes that follow.
  // Without the bound they stay whatever is written.
  for (int wait = 0; wait < 100 && WalBytes(dir.path()) >= (8u << 20); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("rare"), "last", "x");
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
  }
  EXPECT_LT(WalBytes(dir.path()), uintmax_t{8} << 20);
  EXPECT_EQ(MustGet(**kv, "rare", "last"), "x");
}

TEST(KvStoreTest, OpensDatabaseWithFamiliesItDoesNotKnow) {
  TempDir dir;
  {
    auto kv = KvStore::Open(dir.path(), Families({"a", "newer"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("newer"), "k", "v");
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
  }
  {
    auto kv = KvStore::Open(dir.path(), Families({"a"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    EXPECT_FALSE((*kv)->Family("newer"));
  }
  auto kv = KvStore::Open(dir.path(), Families({"a", "newer"}));
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(MustGet(**kv, "newer", "k"), "v");
}

// A family not asked for can be read (to migrate out of it) and dropped;
// asked-for families cannot be dropped this way.
TEST(KvStoreTest, DropsAFamilyItWasNotAskedFor) {
  TempDir dir;
  {
    auto kv = KvStore::Open(dir.path(), Families({"a", "older"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("older"), "k", "v");
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
  }
  {
    auto kv = KvStore::Open(dir.path(), Families({"a"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    const FamilyId older = (*kv)->UnrequestedFamily("older");
    ASSERT_TRUE(older);
    absl::StatusOr<std::optional<std::string>> got = (*kv)->Get(older, "k");
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, "v");
    EXPECT_FALSE((*kv)->UnrequestedFamily("a"));
    EXPECT_EQ((*kv)->DropUnrequestedFamily("a").code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ((*kv)->DropUnrequestedFamily("missing").code(),
              absl::StatusCode::kNotFound);
    ASSERT_TRUE((*kv)->DropUnrequestedFamily("older").ok());
    EXPECT_FALSE((*kv)->UnrequestedFamily("older"));
  }
  auto kv = KvStore::Open(dir.path(), Families({"a"}));
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_FALSE((*kv)->UnrequestedFamily("older"));
  EXPECT_EQ(MustGet(**kv, "a", "k"), std::nullopt);
}

TEST(KvStoreTest, SecondOpenOfSameDirectoryFails) {
  TempDir dir;
  auto first = KvStore::Open(dir.path(), Families({"a"}));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = KvStore::Open(dir.path(), Families({"a"}));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition)
      << second.status();
  EXPECT_NE(second.status().message().find(dir.path()), absl::string_view::npos)
      << second.status();
  first->reset();
  // Released on close.
  auto third = KvStore::Open(dir.path(), Families({"a"}));
  EXPECT_TRUE(third.ok()) << third.status();
}

TEST(KvStoreTest, UnusableDirectoryIsAnError) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  const std::string file = dir.path() + "/plain_file";
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_TRUE(f);
    std::fclose(f);
  }
  auto kv = KvStore::Open(file + "/db", Families({}));
  EXPECT_FALSE(kv.ok());
  EXPECT_FALSE(KvStore::Open("", Families({})).ok());
}

TEST(KvStoreTest, SyncWritesFlagIsAccepted) {
  for (bool sync : {true, false}) {
    TempDir dir;
    KvOptions options = Families({"a"});
    options.sync_writes = sync;
    auto kv = KvStore::Open(dir.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    Transaction batch(nullptr, absl::Now());
    batch.Put((*kv)->Family("a"), "k", "v");
    ASSERT_TRUE((*kv)->Commit(&batch).ok());
    EXPECT_EQ(MustGet(**kv, "a", "k"), "v");
  }
}

class KvStoreScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kv = KvStore::Open(dir_.path(), Families({"a"}));
    ASSERT_TRUE(kv.ok()) << kv.status();
    kv_ = *std::move(kv);
    Transaction batch(nullptr, absl::Now());
    for (const std::string& key :
         {std::string("a"), std::string("b"), std::string("p1"),
          std::string("p2"), std::string("p3"), std::string("q"),
          std::string("r\xff\x01", 3), std::string("r\xff\xff", 3),
          std::string("\xff\xff\x01", 3), std::string("\xff\xff\xff\x02", 4)}) {
      batch.Put(kv_->Family("a"), key, "v" + key);
    }
    ASSERT_TRUE(kv_->Commit(&batch).ok());
  }

  std::vector<std::string> Scan(absl::string_view prefix, int limit = 1000) {
    std::vector<std::string> keys;
    absl::Status status =
        kv_->ScanPrefix(kv_->Family("a"), prefix,
                        [&](absl::string_view key, absl::string_view value) {
                          EXPECT_EQ(value, absl::StrCat("v", key));
                          keys.emplace_back(key);
                          return static_cast<int>(keys.size()) < limit;
                        });
    EXPECT_TRUE(status.ok()) << status;
    return keys;
  }

  std::optional<std::string> Last(absl::string_view prefix) {
    auto last = kv_->LastWithPrefix(kv_->Family("a"), prefix);
    EXPECT_TRUE(last.ok()) << last.status();
    if (!last.ok() || !last->has_value()) return std::nullopt;
    EXPECT_EQ((*last)->second, "v" + (*last)->first);
    return (*last)->first;
  }

  TempDir dir_;
  std::unique_ptr<KvStore> kv_;
};

TEST_F(KvStoreScanTest, ScanPrefixVisitsInOrder) {
  EXPECT_EQ(Scan("p"), (std::vector<std::string>{"p1", "p2", "p3"}));
  EXPECT_EQ(Scan("p2"), (std::vector<std::string>{"p2"}));
  EXPECT_TRUE(Scan("x").empty());
  EXPECT_EQ(Scan("r\xff"),
            (std::vector<std::string>{std::string("r\xff\x01", 3),
                                      std::string("r\xff\xff", 3)}));
  EXPECT_EQ(Scan("\xff\xff").size(), 2u);
  EXPECT_EQ(Scan("").size(), 10u);
}

TEST_F(KvStoreScanTest, ScanPrefixStopsWhenVisitReturnsFalse) {
  EXPECT_EQ(Scan("p", 2), (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(Scan("", 1), (std::vector<std::string>{"a"}));
}

TEST_F(KvStoreScanTest, LastWithPrefix) {
  EXPECT_EQ(Last("p"), "p3");
  EXPECT_EQ(Last("a"), "a");  // its successor "b" is a key too
  EXPECT_EQ(Last("r"), std::string("r\xff\xff", 3));
  EXPECT_EQ(Last("\xff\xff"), std::string("\xff\xff\xff\x02", 4));
  EXPECT_EQ(Last(""), std::string("\xff\xff\xff\x02", 4));
  EXPECT_EQ(Last("o"), std::nullopt);
  EXPECT_EQ(Last("z"), std::nullopt);
  EXPECT_EQ(Last("p4"), std::nullopt);
}

TEST_F(KvStoreScanTest, NullFamilyIsInvalidArgument) {
  EXPECT_EQ(kv_->Get(FamilyId(), "k").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      kv_->ScanPrefix(FamilyId(), "", [](auto, auto) { return true; }).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(kv_->LastWithPrefix(FamilyId(), "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(kv_->Commit(nullptr).code(), absl::StatusCode::kInvalidArgument);
}

TEST(FromRocksTest, MapsCodesAndKeepsContext) {
  EXPECT_TRUE(FromRocks(rocksdb::Status::OK(), "ctx").ok());
  absl::Status s = FromRocks(rocksdb::Status::NotFound("gone"), "reading x");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(s.message().find("reading x"), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("gone"), absl::string_view::npos) << s;
  EXPECT_EQ(FromRocks(rocksdb::Status::Corruption("c"), "x").code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(FromRocks(rocksdb::Status::InvalidArgument("c"), "x").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FromRocks(rocksdb::Status::IOError("c"), "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(FromRocks(rocksdb::Status::Busy("c"), "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(FromRocks(rocksdb::Status::TimedOut("c"), "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(FromRocks(rocksdb::Status::TryAgain("c"), "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(FromRocks(rocksdb::Status::NotSupported("c"), "x").code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(FromRocks(rocksdb::Status::Aborted("c"), "x").code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace valore::storage
