#include "storage/series_store.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/series_store_internal.h"
#include "storage/series_store_test_support.h"
#include "storage/test_temp_dir.h"

namespace valore::storage {
namespace {

TEST(SeriesStoreTest, RevisionsAndIdsContinueAfterReopen) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/true);
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(db.store().last_revision(), 0u);
  EXPECT_TRUE(db.store().Entities().empty());

  // "zeta" gets the lower item id, so it comes first in a period.
  EXPECT_EQ(Must(db.store().Append({{"carpi", "zeta", 4047, "1"},
                                    {"carpi", "alpha", 4047, "2"},
                                    {"modena", "zeta", 4047, "3"}},
                                   100, nullptr)),
            (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(
      Must(db.store().Append({{"carpi", "alpha", 4047, "4"}}, 100, nullptr)),
      (std::vector<uint64_t>{4}));

  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(db.Open().ok());
    EXPECT_EQ(db.store().last_revision(), 4u + round);
    std::vector<std::string> entities = {"carpi", "modena"};
    if (round == 1) entities.push_back("reggio");
    EXPECT_EQ(db.store().Entities(), entities);
    std::vector<Tied> period =
        TieAll(Must(db.store().ReadPeriod("carpi", 4047, 0)));
    ASSERT_EQ(period.size(), 2u);
    EXPECT_EQ(std::get<1>(period[0]), "zeta");
    EXPECT_EQ(std::get<1>(period[1]), "alpha");
    EXPECT_EQ(std::get<3>(period[1]), 4u);
    EXPECT_EQ(
        Must(db.store().Append({{"reggio", "alpha", 4048, "x"}}, 200, nullptr)),
        (std::vector<uint64_t>{5u + round}));
  }
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(db.store().Entities(),
            (std::vector<std::string>{"carpi", "modena", "reggio"}));
  // Without the last-revision record (never missing in practice) opening
  // finds the last revision among the stored ones.
  Transaction drop(nullptr, absl::Now());
  drop.Delete(db.kv().Family("dictionary"), "R");
  ASSERT_TRUE(db.kv().Commit(&drop).ok());
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(db.store().last_revision(), 6u);
  EXPECT_EQ(TieAll(Must(db.store().ListRevisions("reggio", "alpha", 4048))),
            (std::vector<Tied>{{"reggio", "alpha", 4048, 5, 200, "x"},
                               {"reggio", "alpha", 4048, 6, 200, "x"}}));
}

TEST(SeriesStoreTest, FailingPrepareStoresNothing) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/true);
  ASSERT_TRUE(db.Open().ok());
  ASSERT_TRUE(db.store().Append({{"known", "k", 1, "p"}}, 10, nullptr).ok());
  const std::vector<std::string> dictionary = db.DictionaryKeys();

  Transaction extra(nullptr, absl::Now());
  extra.Put(db.kv().Family("default"), "before", "x");
  std::vector<uint64_t> seen;
  absl::StatusOr<std::vector<uint64_t>> result = db.store().Append(
      {{"new-entity", "new-item", 2, "v"}, {"known", "new-item2", 1, "w"}}, 20,
      &extra, [&](const std::vector<uint64_t>& revisions, Transaction* batch) {
        seen = revisions;
        batch->Put(db.kv().Family("default"), "from-prepare", "y");
        return absl::AbortedError("refused");
      });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(seen, (std::vector<uint64_t>{2, 3}));

  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "before reopen" : "after reopen");
    EXPECT_EQ(db.store().last_revision(), 1u);
    EXPECT_EQ(db.store().Entities(), (std::vector<std::string>{"known"}));
    EXPECT_TRUE(
        Must(db.store().ReadSeries("new-entity", "new-item", 0, 65535, 0))
            .empty());
    EXPECT_TRUE(Must(db.store().ReadPeriod("new-entity", 2, 0)).empty());
    EXPECT_TRUE(
        Must(db.store().ListRevisions("known", "new-item2", 1)).empty());
    EXPECT_EQ(Must(db.store().ReadPeriod("known", 1, 0)).size(), 1u);
    EXPECT_EQ(db.DictionaryKeys(), dictionary);
    EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "before")),
              std::nullopt);
    EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "from-prepare")),
              std::nullopt);
    ASSERT_TRUE(db.Open().ok());
  }

  // The same commit with a willing `prepare` takes the same revisions, and
  // what it added commits with them.
  Transaction extra2(nullptr, absl::Now());
  extra2.Put(db.kv().Family("default"), "before", "x");
  result = db.store().Append(
      {{"new-entity", "new-item", 2, "v"}, {"known", "new-item2", 1, "w"}}, 30,
      &extra2, [&](const std::vector<uint64_t>& revisions, Transaction* batch) {
        batch->Put(db.kv().Family("default"), "from-prepare",
                   absl::StrCat(revisions.front()));
        return absl::OkStatus();
      });
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, (std::vector<uint64_t>{2, 3}));
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "before")),
            std::optional<std::string>("x"));
  EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "from-prepare")),
            std::optional<std::string>("2"));
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("new-entity", 2, 0))),
            (std::vector<Tied>{{"new-entity", "new-item", 2, 2, 30, "v"}}));
}

TEST(SeriesStoreTest, FailedWriteKeepsStateAndBlocksAppendsUntilReopen) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/true);
  ASSERT_TRUE(db.Open().ok());
  ASSERT_TRUE(db.store().Append({{"known", "k", 1, "p"}}, 10, nullptr).ok());
  const std::vector<std::string> dictionary = db.DictionaryKeys();

  // A batch naming a column family the database does not have: RocksDB
  // rejects the whole write. Representation: sequence (8 bytes), count (4),
  // then one record: type kTypeColumnFamilyValue, family id, key, value.
  std::string rep(12, '\0');
  rep[8] = 1;
  rep += std::string("\x05\x4d\x01k\x01v", 6);
  Transaction bad = TransactionTestPeer::FromRepresentation(rep);
  absl::StatusOr<std::vector<uint64_t>> result =
      db.store().Append({{"new-entity", "new-item", 2, "v"}}, 20, &bad);
  ASSERT_FALSE(result.ok());

  // Nothing in memory changed...
  EXPECT_EQ(db.store().last_revision(), 1u);
  EXPECT_EQ(db.store().Entities(), (std::vector<std::string>{"known"}));
  EXPECT_TRUE(Must(db.store().ReadPeriod("new-entity", 2, 0)).empty());
  EXPECT_EQ(db.DictionaryKeys(), dictionary);
  // ...but RocksDB may have logged the batch, so appending must wait for a
  // reopen rather than hand out revision 2 and entity id 1 again.
  EXPECT_EQ(
      db.store().Append({{"other", "k", 1, "o"}}, 25, nullptr).status().code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Must(db.store().ReadPeriod("known", 1, 0)).size() == 1);

  // After the reopen the failed commit is either wholly there or wholly
  // absent, and appends continue after whatever is there.
  ASSERT_TRUE(db.Open().ok());
  const uint64_t last = db.store().last_revision();
  ASSERT_TRUE(last == 1 || last == 2) << last;
  std::vector<Tied> period =
      TieAll(Must(db.store().ReadPeriod("new-entity", 2, 0)));
  if (last == 1) {
    EXPECT_TRUE(period.empty());
    EXPECT_EQ(db.store().Entities(), (std::vector<std::string>{"known"}));
    EXPECT_EQ(db.DictionaryKeys(), dictionary);
  } else {
    EXPECT_EQ(period,
              (std::vector<Tied>{{"new-entity", "new-item", 2, 2, 20, "v"}}));
    EXPECT_EQ(db.store().Entities(),
              (std::vector<std::string>{"known", "new-entity"}));
  }
  EXPECT_EQ(Must(db.store().Append({{"other", "k", 1, "o"}}, 30, nullptr)),
            (std::vector<uint64_t>{last + 1}));
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("other", 1, 0))),
            (std::vector<Tied>{{"other", "k", 1, last + 1, 30, "o"}}));
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("known", 1, 0))),
            (std::vector<Tied>{{"known", "k", 1, 1, 10, "p"}}));
}

TEST(SeriesStoreTest, PayloadIsOpaqueBytes) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  const std::string binary("\0\xff\0payload\0", 11);
  ASSERT_TRUE(db.store()
                  .Append({{"e", "empty", 3, ""}, {"e", "binary", 3, binary}},
                          5, nullptr)
                  .ok());
  ASSERT_TRUE(db.Open().ok());
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("e", 3, 0))),
            (std::vector<Tied>{{"e", "empty", 3, 1, 5, ""},
                               {"e", "binary", 3, 2, 5, binary}}));
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("e", 3, 5))),
            TieAll(Must(db.store().ReadPeriod("e", 3, 0))));
  EXPECT_TRUE(Must(db.store().ReadPeriod("e", 3, 4)).empty());
}

TEST(SeriesStoreTest, RejectsInvalidArguments) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  SeriesStore& store = db.store();
  EXPECT_EQ(store.Append({{"", "i", 1, ""}}, 1, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.Append({{"e", "", 1, ""}}, 1, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.Append({{"e", "i", 1, ""}}, -1, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.ReadSeries("e", "i", 5, 4, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.ReadSeries("e", "i", 4, 5, -1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.ReadPeriod("e", 4, -1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.last_revision(), 0u);
  EXPECT_TRUE(db.DictionaryKeys().empty());
  // No writes: nothing to number, but `extra` still commits.
  Transaction extra(nullptr, absl::Now());
  extra.Put(db.kv().Family("default"), "k", "v");
  EXPECT_TRUE(Must(store.Append({}, 1, &extra)).empty());
  EXPECT_EQ(store.last_revision(), 0u);
  EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "k")),
            std::optional<std::string>("v"));
}

TEST(SeriesStoreTest, CreateNeedsItsColumnFamilies) {
  TestTempDir dir;
  auto kv = KvStore::Open(dir.path(), KvOptions());
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(SeriesStore::Create(kv->get()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(SeriesStore::Create(nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// What an append has committed is readable before it publishes its new
// names in memory: a reader that sees an audit record of new cells (and so
// the cells) must find them. Here the append's batch is written directly,
// as if its publish had not happened yet.
TEST(SeriesStoreTest, ReadsFindNamesCommittedButNotYetPublished) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  ASSERT_TRUE(db.store().Append({{"e", "a", 1, "old"}}, 10, nullptr).ok());
  const FamilyId dictionary = db.kv().Family("dictionary");
  const FamilyId cells = db.kv().Family(internal::kCells);
  Transaction tx(nullptr, absl::Now());
  tx.Put(dictionary, internal::NameKey('e', "new"), internal::EncodeU32(1));
  tx.Put(dictionary, internal::IdKey('E', 1), "new");
  tx.Put(dictionary, internal::NameKey('i', "b"), internal::EncodeU32(1));
  tx.Put(dictionary, internal::IdKey('I', 1), "b");
  std::string key;
  internal::AppendCellKey(&key, 1, 1, 1, 2);
  tx.Put(cells, key, internal::EncodeU64(20) + "fresh");
  ASSERT_TRUE(db.kv().Commit(&tx).ok());

  SeriesStore& store = db.store();
  std::optional<StoredRevision> latest = Must(store.Latest("new", "b", 1));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->payload, "fresh");
  EXPECT_EQ(latest->revision, 2u);
  std::vector<StoredRevision> period = Must(store.ReadPeriod("new", 1, 0));
  ASSERT_EQ(period.size(), 1u);
  EXPECT_EQ(period[0].item, "b");
  absl::StatusOr<SeriesStore::RevisionAndPrevious> revision =
      store.ReadRevision("new", "b", 1, 2);
  ASSERT_TRUE(revision.ok()) << revision.status();
  EXPECT_EQ(revision->revision.payload, "fresh");
  // A name nobody wrote is still absent.
  EXPECT_FALSE(Must(store.Latest("nobody", "b", 1)).has_value());
}

// A dictionary entry that cannot be an id is damage, reported as such: the
// reads must not answer as if the name had no data.
TEST(SeriesStoreTest, DamagedDictionaryEntryIsDataLossNotAbsence) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  ASSERT_TRUE(db.store().Append({{"e", "a", 1, "old"}}, 10, nullptr).ok());
  const FamilyId dictionary = db.kv().Family("dictionary");
  Transaction tx(nullptr, absl::Now());
  tx.Put(dictionary, internal::NameKey('e', "torn"), "\x01\x02");
  tx.Put(dictionary, internal::NameKey('i', "torn"), "\x01\x02\x03\x04\x05");
  ASSERT_TRUE(db.kv().Commit(&tx).ok());

  SeriesStore& store = db.store();
  absl::StatusOr<std::optional<StoredRevision>> latest =
      store.Latest("torn", "a", 1);
  EXPECT_EQ(latest.status().code(), absl::StatusCode::kDataLoss)
      << latest.status();
  EXPECT_THAT(std::string(latest.status().message()),
              testing::HasSubstr("entity \"torn\""));
  EXPECT_EQ(store.ReadPeriod("torn", 1, 0).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(store.ReadSeries("torn", "a", 1, 2, 0).status().code(),
            absl::StatusCode::kDataLoss);
  absl::StatusOr<std::vector<StoredRevision>> series =
      store.ReadSeries("e", "torn", 1, 2, 0);
  EXPECT_EQ(series.status().code(), absl::StatusCode::kDataLoss)
      << series.status();
  EXPECT_THAT(std::string(series.status().message()),
              testing::HasSubstr("item \"torn\""));
  // The names that are whole still read.
  EXPECT_EQ(Must(store.ReadPeriod("e", 1, 0)).size(), 1u);
}

// Eight writers on the same cells, plus a reader: every revision is stored
// exactly once, revisions are unique and dense, a period read gives the
// newest.
TEST(SeriesStoreTest, ConcurrentAppendsKeepEveryRevision) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/true);
  ASSERT_TRUE(db.Open().ok());
  SeriesStore& store = db.store();

  struct Cell {
    std::string entity, item;
    PeriodOrdinal period;
  };
  const std::vector<Cell> cells = {
      {"e", "a", 1}, {"e", "b", 1}, {"f", "a", 2}, {"f", "c", 2}};
  constexpr int kThreads = 8;
  constexpr int kAppends = 30;
  std::atomic<int64_t> clock{1};
  // Per writer: revision -> (cell index, payload).
  std::vector<std::map<uint64_t, std::pair<size_t, std::string>>> written(
      kThreads);
  std::atomic<bool> done{false};

  std::thread reader([&] {
    std::map<std::pair<std::string, std::string>, uint64_t> seen;
    while (!done.load()) {
      for (const auto& [entity, period] :
           std::vector<std::pair<std::string, PeriodOrdinal>>{{"e", 1},
                                                              {"f", 2}}) {
        absl::StatusOr<std::vector<StoredRevision>> got =
            store.ReadPeriod(entity, period, 0);
        ASSERT_TRUE(got.ok()) << got.status();
        for (const StoredRevision& r : *got) {
          ASSERT_FALSE(r.item.empty());
          uint64_t& last = seen[{entity, r.item}];
          ASSERT_GE(r.revision, last) << "latest went back in time";
          last = r.revision;
        }
      }
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      std::mt19937 rng(t);
      for (int a = 0; a < kAppends; ++a) {
        std::vector<CellWrite> writes;
        std::vector<size_t> which;
        for (int k = 1 + rng() % 3; k > 0; --k) {
          const size_t c = rng() % cells.size();
          which.push_back(c);
          writes.push_back({cells[c].entity, cells[c].item, cells[c].period,
                            absl::StrCat("t", t, "a", a, "k", k)});
        }
        absl::StatusOr<std::vector<uint64_t>> revisions =
            store.Append(writes, clock.fetch_add(1), nullptr);
        ASSERT_TRUE(revisions.ok()) << revisions.status();
        ASSERT_EQ(revisions->size(), writes.size());
        for (size_t k = 0; k < writes.size(); ++k) {
          written[t][(*revisions)[k]] = {which[k], writes[k].payload};
        }
      }
    });
  }
  for (std::thread& w : writers) w.join();
  done = true;
  reader.join();
  ASSERT_FALSE(::testing::Test::HasFailure());

  std::map<uint64_t, std::pair<size_t, std::string>> all;
  for (const auto& per_writer : written) {
    for (const auto& entry : per_writer) {
      ASSERT_TRUE(all.insert(entry).second)
          << "revision " << entry.first << " given twice";
    }
  }
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.begin()->first, 1u);
  EXPECT_EQ(all.rbegin()->first, all.size());  // dense: 1..N
  EXPECT_EQ(store.last_revision(), all.size());

  ASSERT_TRUE(db.Open().ok());
  size_t stored = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    std::vector<StoredRevision> revisions = Must(db.store().ListRevisions(
        cells[c].entity, cells[c].item, cells[c].period));
    uint64_t newest = 0;
    for (const StoredRevision& r : revisions) {
      auto it = all.find(r.revision);
      ASSERT_NE(it, all.end()) << r.revision;
      EXPECT_EQ(it->second.first, c) << r.revision;
      EXPECT_EQ(it->second.second, r.payload) << r.revision;
      EXPECT_GT(r.revision, newest);
      newest = r.revision;
      ++stored;
    }
    std::vector<StoredRevision> latest = Must(db.store().ReadSeries(
        cells[c].entity, cells[c].item, cells[c].period, cells[c].period, 0));
    ASSERT_EQ(latest.size(), newest == 0 ? 0u : 1u);
    if (newest != 0) {
      EXPECT_EQ(latest[0].revision, newest);
    }
  }
  EXPECT_EQ(stored, all.size());
}

TEST(SeriesStoreTest, AppendLeavesTheCallersBatchAsGiven) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  Transaction extra(nullptr, absl::Now());
  extra.Put(db.kv().Family("default"), "mine", "x");
  ASSERT_TRUE(
      db.store()
          .Append({{"carpi", "a", 10, "v"}}, 5, &extra,
                  [&](const std::vector<uint64_t>&, Transaction* batch) {
                    batch->Put(db.kv().Family("default"), "prepared", "y");
                    return absl::OkStatus();
                  })
          .ok());
  // What the caller and `prepare` put, and nothing of the store's.
  EXPECT_EQ(TransactionTestPeer::Count(extra), 2u);
  EXPECT_EQ(Must(db.kv().Get(db.kv().Family("default"), "mine")),
            std::optional<std::string>("x"));
  EXPECT_EQ(TieAll(Must(db.store().ReadPeriod("carpi", 10, 0))),
            (std::vector<Tied>{{"carpi", "a", 10, 1, 5, "v"}}));
}

// The memtable insert hints change how keys are found, never what is found:
// writes in every order read back as with defaults.
TEST(SeriesStoreTest, TunedFamiliesAnswerAsDefaultOnes) {
  TestTempDir tuned_dir, plain_dir;
  Db tuned(tuned_dir.path(), /*sync_writes=*/false, /*tuned=*/true);
  Db plain(plain_dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(tuned.Open().ok());
  ASSERT_TRUE(plain.Open().ok());
  std::mt19937 random(7);
  std::vector<CellWrite> cells;
  for (int e = 0; e < 4; ++e) {
    for (int i = 0; i < 6; ++i) {
      for (int p = 0; p < 3; ++p) {
        cells.push_back({absl::StrCat("e", e), absl::StrCat("i", i),
                         static_cast<PeriodOrdinal>(4040 + p), ""});
      }
    }
  }
  for (int round = 0; round < 30; ++round) {
    std::vector<CellWrite> batch;
    const int n = 1 + random() % 20;
    for (int k = 0; k < n; ++k) {
      CellWrite w = cells[random() % cells.size()];
      w.payload = absl::StrCat("r", round, "k", k);
      batch.push_back(w);
    }
    ASSERT_TRUE(tuned.store().Append(batch, 100 + round, nullptr).ok());
    ASSERT_TRUE(plain.store().Append(batch, 100 + round, nullptr).ok());
  }
  for (int reopen = 0; reopen < 2; ++reopen) {
    for (int e = 0; e < 4; ++e) {
      for (int p = 0; p < 3; ++p) {
        const std::string entity = absl::StrCat("e", e);
        EXPECT_EQ(TieAll(Must(tuned.store().ReadPeriod(entity, 4040 + p, 0))),
                  TieAll(Must(plain.store().ReadPeriod(entity, 4040 + p, 0))));
      }
    }
    for (const CellWrite& c : cells) {
      EXPECT_EQ(
          TieAll(Must(tuned.store().ListRevisions(c.entity, c.item, c.period))),
          TieAll(
              Must(plain.store().ListRevisions(c.entity, c.item, c.period))));
    }
    for (const CellWrite& c : cells) {
      std::optional<StoredRevision> a =
          Must(tuned.store().Latest(c.entity, c.item, c.period));
      std::optional<StoredRevision> b =
          Must(plain.store().Latest(c.entity, c.item, c.period));
      ASSERT_EQ(a.has_value(), b.has_value());
      if (a.has_value()) {
        EXPECT_EQ(TieAll({*a}), TieAll({*b}));
      }
    }
    ASSERT_TRUE(tuned.Open().ok());
    ASSERT_TRUE(plain.Open().ok());
  }
}

}  // namespace
}  // namespace valore::storage
