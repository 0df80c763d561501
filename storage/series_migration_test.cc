// Opening a database of SeriesStore's earlier layout ("series" and "latest",
// written here byte for byte as that version wrote them): every read
// answers as on a database written in today's layout, the earlier families
// are gone, and an opening interrupted by a crash completes on the next one.
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/key_codec.h"
#include "storage/kv_store.h"
#include "storage/series_store.h"
#include "storage/series_store_internal.h"
#include "storage/series_store_test_support.h"
#include "storage/test_temp_dir.h"
#include "storage/transaction.h"

namespace valore::storage {
namespace {

const std::vector<std::string> kEntities = {"carpi", "soliera", "unione"};
const std::vector<std::string> kItems = {"00002", "00003", "00017", "00040"};
const std::vector<PeriodOrdinal> kPeriods = {4045, 4046, 4047, 0, 65535};

using internal::EncodeU32;
using internal::EncodeU64;

std::string EncodeU16(uint16_t v) {
  std::string out;
  AppendU16(&out, v);
  return out;
}

// Stores appends as the earlier version did: ids in order of first use,
// "series" entity | item | period | revision -> commit | payload, "latest"
// entity | period | item -> revision | commit | payload, and "R".
class LegacyWriter {
 public:
  void Append(const std::vector<CellWrite>& writes, int64_t commit, KvStore& kv,
              Transaction* tx) {
    const FamilyId dictionary = kv.Family("dictionary");
    for (const CellWrite& w : writes) {
      const uint32_t entity = Id(w.entity, 'e', 'E', &entities_, kv, tx);
      const uint32_t item = Id(w.item, 'i', 'I', &items_, kv, tx);
      const uint64_t revision = ++last_;
      const std::string head = EncodeU64(static_cast<uint64_t>(commit));
      tx->Put(kv.Family("series"),
              EncodeU32(entity) + EncodeU32(item) + EncodeU16(w.period) +
                  EncodeU64(revision),
              head + w.payload);
      tx->Put(kv.Family("latest"),
              EncodeU32(entity) + EncodeU16(w.period) + EncodeU32(item),
              EncodeU64(revision) + head + w.payload);
      copies_.push_back({entity, w.period, item, revision, head + w.payload});
    }
    tx->Put(dictionary, "R", EncodeU64(last_));
  }

  // What an interrupted migration had done: every other revision moved to
  // "cells" (put there, deleted from "series"), and some others put there
  // but still in "series" too.
  void MoveSomeToCells(KvStore& kv, Transaction* tx) const {
    for (size_t k = 0; k < copies_.size(); ++k) {
      if (k % 2 == 1 && k % 3 != 0) continue;
      const Copy& c = copies_[k];
      std::string key;
      internal::AppendCellKey(&key, c.entity, c.period, c.item, c.revision);
      tx->Put(kv.Family("cells"), key, c.value);
      if (k % 2 == 0) {
        tx->Delete(kv.Family("series"),
                   EncodeU32(c.entity) + EncodeU32(c.item) +
                       EncodeU16(c.period) + EncodeU64(c.revision));
      }
    }
  }

 private:
  uint32_t Id(const std::string& name, char by_name, char by_id,
              std::map<std::string, uint32_t>* ids, KvStore& kv,
              Transaction* tx) {
    auto [it, added] = ids->emplace(name, static_cast<uint32_t>(ids->size()));
    if (added) {
      tx->Put(kv.Family("dictionary"), std::string(1, by_name) + name,
              EncodeU32(it->second));
      tx->Put(kv.Family("dictionary"),
              std::string(1, by_id) + EncodeU32(it->second), name);
    }
    return it->second;
  }

  struct Copy {
    uint32_t entity;
    PeriodOrdinal period;
    uint32_t item;
    uint64_t revision;
    std::string value;
  };
  std::map<std::string, uint32_t> entities_, items_;
  uint64_t last_ = 0;
  std::vector<Copy> copies_;
};

std::set<std::string> FamiliesOf(const std::string& dir) {
  std::vector<std::string> names;
  rocksdb::Status s =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::set<std::string>(names.begin(), names.end());
}

// The same random appends in a database of today's layout (`today`) and in
// one of the earlier layout at `legacy_dir`, whose families `families` holds
// ("cells" too for an interrupted migration, which then also gets part of
// the revisions).
class SeriesMigrationTest : public ::testing::Test {
 protected:
  void WriteBoth(const std::vector<std::string>& families,
                 bool move_some = false) {
    KvOptions options;
    options.column_families = families;
    absl::StatusOr<std::unique_ptr<KvStore>> legacy =
        KvStore::Open(legacy_dir_.path(), options);
    ASSERT_TRUE(legacy.ok()) << legacy.status();
    ASSERT_TRUE(today_.Open().ok());
    std::mt19937 rng(11);
    for (int step = 0; step < 60; ++step) {
      std::vector<CellWrite> writes(1 + rng() % 6);
      for (CellWrite& w : writes) {
        w.entity = kEntities[rng() % kEntities.size()];
        w.item = kItems[rng() % kItems.size()];
        w.period = kPeriods[rng() % kPeriods.size()];
        w.payload = absl::StrCat("v", step, "-", rng() % 1000);
      }
      const int64_t commit = 1000 + step;
      Transaction tx(nullptr, absl::Now());
      writer_.Append(writes, commit, **legacy, &tx);
      ASSERT_TRUE((*legacy)->Commit(&tx).ok());
      ASSERT_TRUE(today_.store().Append(writes, commit, nullptr).ok());
    }
    if (move_some) {
      Transaction tx(nullptr, absl::Now());
      writer_.MoveSomeToCells(**legacy, &tx);
      ASSERT_TRUE((*legacy)->Commit(&tx).ok());
    }
  }

  // Every read of the migrated store against today's.
  void ExpectSameReads() {
    SeriesStore& got = migrated_.store();
    SeriesStore& want = today_.store();
    EXPECT_EQ(got.last_revision(), want.last_revision());
    EXPECT_EQ(got.Entities(), want.Entities());
    for (const std::string& e : kEntities) {
      for (int64_t as_of : {int64_t{0}, int64_t{1020}, int64_t{1045}}) {
        for (PeriodOrdinal p : kPeriods) {
          EXPECT_EQ(TieAll(Must(got.ReadPeriod(e, p, as_of))),
                    TieAll(Must(want.ReadPeriod(e, p, as_of))))
              << e << " " << p << " as of " << as_of;
        }
        for (const std::string& i : kItems) {
          EXPECT_EQ(TieAll(Must(got.ReadSeries(e, i, 0, 65535, as_of))),
                    TieAll(Must(want.ReadSeries(e, i, 0, 65535, as_of))))
              << e << " " << i << " as of " << as_of;
        }
      }
      for (const std::string& i : kItems) {
        for (PeriodOrdinal p : kPeriods) {
          EXPECT_EQ(TieAll(Must(got.ListRevisions(e, i, p))),
                    TieAll(Must(want.ListRevisions(e, i, p))))
              << e << " " << i << " " << p;
        }
      }
    }
  }

  void OpenMigratedAndCompare() {
    ASSERT_TRUE(migrated_.Open().ok());
    EXPECT_EQ(FamiliesOf(legacy_dir_.path()),
              (std::set<std::string>{"default", "dictionary", "cells"}));
    ExpectSameReads();
    // Reopened, and written to: revisions and ids go on from the migrated
    // ones.
    ASSERT_TRUE(migrated_.Open().ok());
    const std::vector<CellWrite> more = {{"carpi", "00002", 4047, "later"},
                                         {"novi", "00099", 4047, "new"}};
    EXPECT_EQ(Must(migrated_.store().Append(more, 5000, nullptr)),
              Must(today_.store().Append(more, 5000, nullptr)));
    ExpectSameReads();
  }

  TestTempDir today_dir_, legacy_dir_;
  Db today_{today_dir_.path(), /*sync_writes=*/false};
  Db migrated_{legacy_dir_.path(), /*sync_writes=*/false};
  LegacyWriter writer_;
};

TEST_F(SeriesMigrationTest, EarlierLayoutReadsTheSameAfterOpening) {
  ASSERT_NO_FATAL_FAILURE(WriteBoth({"dictionary", "series", "latest"}));
  ASSERT_NO_FATAL_FAILURE(OpenMigratedAndCompare());
}

TEST_F(SeriesMigrationTest, InterruptedMoveCompletesOnTheNextOpening) {
  ASSERT_NO_FATAL_FAILURE(
      WriteBoth({"dictionary", "series", "latest", "cells"}, true));
  ASSERT_NO_FATAL_FAILURE(OpenMigratedAndCompare());
}

// Interrupted after "series" was dropped: only "latest" is left to drop.
TEST_F(SeriesMigrationTest, LeftoverLatestIsDroppedOnTheNextOpening) {
  ASSERT_NO_FATAL_FAILURE(WriteBoth({"dictionary", "series", "latest"}));
  {
    KvOptions options;
    options.column_families = SeriesStore::ColumnFamilies();
    absl::StatusOr<std::unique_ptr<KvStore>> kv =
        KvStore::Open(legacy_dir_.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    ASSERT_TRUE(
        internal::MigrateLegacyLayout(kv->get(), (*kv)->Family("cells")).ok());
    EXPECT_FALSE((*kv)->UnrequestedFamily("series"));
    EXPECT_FALSE((*kv)->UnrequestedFamily("latest"));
  }
  EXPECT_EQ(FamiliesOf(legacy_dir_.path()),
            (std::set<std::string>{"default", "dictionary", "cells"}));
  ASSERT_NO_FATAL_FAILURE(OpenMigratedAndCompare());
}

// A malformed key of the earlier layout is reported, and nothing is dropped.
TEST_F(SeriesMigrationTest, MalformedEarlierKeyIsDataLoss) {
  ASSERT_NO_FATAL_FAILURE(WriteBoth({"dictionary", "series", "latest"}));
  {
    KvOptions options;
    options.column_families = {"dictionary", "series", "latest"};
    absl::StatusOr<std::unique_ptr<KvStore>> kv =
        KvStore::Open(legacy_dir_.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    Transaction tx(nullptr, absl::Now());
    tx.Put((*kv)->Family("series"), "short", "x");
    ASSERT_TRUE((*kv)->Commit(&tx).ok());
  }
  absl::Status status = migrated_.Open();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_NE(status.message().find("series"), absl::string_view::npos) << status;
  EXPECT_EQ(FamiliesOf(legacy_dir_.path()),
            (std::set<std::string>{"default", "dictionary", "series", "latest",
                                   "cells"}));
}

}  // namespace
}  // namespace valore::storage
