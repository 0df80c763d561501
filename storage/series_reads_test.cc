#include "storage/series_store.h"

// The reads of the series store (series_reads.cc): against a model of every
// append, across reopens, and batched point reads.
#include <atomic>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "storage/series_store_test_support.h"
#include "storage/test_temp_dir.h"

namespace valore::storage {
namespace {

// What the store must answer, computed from the plain list of appends.
class Model {
 public:
  struct Rev {
    uint64_t revision;
    int64_t commit;
    std::string payload;
  };

  void Apply(const std::vector<CellWrite>& writes, int64_t commit) {
    for (const CellWrite& w : writes) {
      if (entity_ids_.emplace(w.entity, entity_order_.size()).second) {
        entity_order_.push_back(w.entity);
      }
      item_ids_.emplace(w.item, item_ids_.size());
      cells_[{w.entity, w.item, w.period}].push_back(
          {++last_revision_, commit, w.payload});
    }
  }

  std::vector<Tied> Series(const std::string& entity, const std::string& item,
                           PeriodOrdinal from, PeriodOrdinal to,
                           int64_t as_of) const {
    std::vector<Tied> out;
    for (auto it = cells_.lower_bound({entity, item, from});
         it != cells_.end() && std::get<0>(it->first) == entity &&
         std::get<1>(it->first) == item && std::get<2>(it->first) <= to;
         ++it) {
      if (const Rev* rev = Newest(it->second, as_of)) {
        out.emplace_back(entity, item, std::get<2>(it->first), rev->revision,
                         rev->commit, rev->payload);
      }
    }
    return out;
  }

  std::vector<Tied> Period(const std::string& entity, PeriodOrdinal period,
                           int64_t as_of) const {
    std::map<size_t, Tied> by_item_id;
    for (const auto& [item, id] : item_ids_) {
      auto it = cells_.find({entity, item, period});
      if (it == cells_.end()) continue;
      if (const Rev* rev = Newest(it->second, as_of)) {
        by_item_id[id] = Tied(entity, item, period, rev->revision, rev->commit,
                              rev->payload);
      }
    }
    std::vector<Tied> out;
    for (auto& [id, tied] : by_item_id) out.push_back(std::move(tied));
    return out;
  }

  std::vector<Tied> Revisions(const std::string& entity,
                              const std::string& item,
                              PeriodOrdinal period) const {
    std::vector<Tied> out;
    auto it = cells_.find({entity, item, period});
    if (it == cells_.end()) return out;
    for (const Rev& rev : it->second) {
      out.emplace_back(entity, item, period, rev.revision, rev.commit,
                       rev.payload);
    }
    return out;
  }

  uint64_t last_revision() const { return last_revision_; }
  const std::vector<std::string>& entities() const { return entity_order_; }

 private:
  // The highest revision committed at or before `as_of` (0 = any).
  static const Rev* Newest(const std::vector<Rev>& revs, int64_t as_of) {
    const Rev* best = nullptr;
    for (const Rev& rev : revs) {
      if (as_of == 0 || rev.commit <= as_of) best = &rev;
    }
    return best;
  }

  uint64_t last_revision_ = 0;
  std::vector<std::string> entity_order_;
  std::map<std::string, size_t> entity_ids_;
  std::map<std::string, size_t> item_ids_;  // name -> id (first use order)
  std::map<std::tuple<std::string, std::string, PeriodOrdinal>,
           std::vector<Rev>>
      cells_;
};

const std::vector<std::string>& Entities() {
  static const auto* names =
      new std::vector<std::string>{"e0", std::string("ent\0ity", 7), "\xff\xfe",
                                   "an entity with a long name", "e4"};
  return *names;
}
const std::vector<std::string>& Items() {
  static const auto* names = new std::vector<std::string>{
      "i0", std::string("x\0y", 3), "z", "\xff", "population"};
  return *names;
}
const std::vector<PeriodOrdinal>& Periods() {
  static const auto* periods =
      new std::vector<PeriodOrdinal>{0, 4046, 4047, 4048, 65535};
  return *periods;
}

// Compares every read the store offers with the model.
constexpr int64_t kFirstCommitMicros = 1'000'000;

void CheckAgainstModel(Db& db, const Model& model, std::mt19937& rng,
                       int64_t now) {
  SeriesStore& store = db.store();
  ASSERT_EQ(store.last_revision(), model.last_revision());
  ASSERT_EQ(store.Entities(), model.entities());

  std::vector<std::string> entities = Entities();
  entities.push_back("ghost");  // never written: empty answers, no errors
  std::vector<std::string> items = Items();
  items.push_back("ghost");

  std::vector<int64_t> as_ofs = {0, 1};
  for (int k = 0; k < 3; ++k) {
    // Mostly inside the history, sometimes just before or after it.
    as_ofs.push_back(std::uniform_int_distribution<int64_t>(
        kFirstCommitMicros - 1, now + 1)(rng));
  }
  std::uniform_int_distribution<int> any_period(0, 65535);

  for (const std::string& e : entities) {
    for (const std::string& i : items) {
      for (int64_t as_of : as_ofs) {
        ASSERT_EQ(TieAll(Must(store.ReadSeries(e, i, 0, 65535, as_of))),
                  model.Series(e, i, 0, 65535, as_of))
            << "entity " << e << " item " << i << " as_of " << as_of;
      }
      int a = any_period(rng), b = any_period(rng);
      if (rng() % 2 == 0) a = Periods()[rng() % Periods().size()];
      if (rng() % 2 == 0) b = Periods()[rng() % Periods().size()];
      const PeriodOrdinal from = static_cast<PeriodOrdinal>(std::min(a, b));
      const PeriodOrdinal to = static_cast<PeriodOrdinal>(std::max(a, b));
      const int64_t as_of = as_ofs[rng() % as_ofs.size()];
      ASSERT_EQ(TieAll(Must(store.ReadSeries(e, i, from, to, as_of))),
                model.Series(e, i, from, to, as_of))
          << "entity " << e << " item " << i << " [" << from << ", " << to
          << "] as_of " << as_of;
      for (PeriodOrdinal p : Periods()) {
        const std::vector<Tied> revisions = model.Revisions(e, i, p);
        ASSERT_EQ(TieAll(Must(store.ListRevisions(e, i, p))), revisions)
            << "entity " << e << " item " << i << " period " << p;
        std::optional<StoredRevision> latest = Must(store.Latest(e, i, p));
        ASSERT_EQ(latest.has_value(), !revisions.empty());
        if (latest.has_value()) {
          ASSERT_EQ(TieAll({*latest}), std::vector<Tied>{revisions.back()});
        }
      }
    }
    for (PeriodOrdinal p : Periods()) {
      for (int64_t as_of : as_ofs) {
        ASSERT_EQ(TieAll(Must(store.ReadPeriod(e, p, as_of))),
                  model.Period(e, p, as_of))
            << "entity " << e << " period " << p << " as_of " << as_of;
        // The same rows, visited without copies.
        std::vector<StoredRevision> visited;
        ASSERT_TRUE(
            store
                .VisitPeriod(e, p, as_of,
                             [&](absl::string_view item, uint64_t revision,
                                 int64_t commit, absl::string_view payload) {
                               visited.push_back({e, std::string(item), p,
                                                  revision, commit,
                                                  std::string(payload)});
                             })
                .ok());
        ASSERT_EQ(TieAll(visited), model.Period(e, p, as_of));
      }
    }
  }
}

std::string RandomBytes(std::mt19937& rng, int max_len) {
  std::string out(std::uniform_int_distribution<int>(0, max_len)(rng), '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xff);
  return out;
}

// Random appends to the store and to a std::map model; at random points and
// at the end the store is reopened and every read is compared with the model.
TEST(SeriesStorePropertyTest, MatchesModelAcrossReopens) {
  TestTempDir dir;
  // Durability against power loss is not what this checks; reopening after a
  // clean close is.
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  std::mt19937 rng(20240611);
  Model model;
  int64_t now = kFirstCommitMicros;
  std::vector<std::string> request_keys;
  constexpr int kSteps = 4000;
  for (int step = 0; step < kSteps; ++step) {
    std::vector<CellWrite> writes(
        std::uniform_int_distribution<int>(1, 20)(rng));
    // Few entities early on, so ids are assigned over time, not all at once.
    const size_t entity_span =
        std::min<size_t>(Entities().size(), 2 + step / 400);
    for (CellWrite& w : writes) {
      w.entity = Entities()[rng() % entity_span];
      w.item = Items()[rng() % Items().size()];
      w.period = Periods()[rng() % Periods().size()];
      w.payload = RandomBytes(rng, 24);
    }
    now += std::uniform_int_distribution<int>(0, 2)(rng);  // ties included

    Transaction extra(nullptr, absl::Now());
    std::string request_key;
    if (rng() % 4 == 0) {
      request_key = absl::StrCat("request/", step);
      extra.Put(db.kv().Family("default"), request_key, "done");
    }
    std::vector<uint64_t> expected;
    for (size_t k = 0; k < writes.size(); ++k) {
      expected.push_back(model.last_revision() + 1 + k);
    }
    absl::StatusOr<std::vector<uint64_t>> revisions =
        db.store().Append(writes, now, &extra);
    ASSERT_TRUE(revisions.ok()) << revisions.status();
    ASSERT_EQ(*revisions, expected);
    model.Apply(writes, now);
    if (!request_key.empty()) request_keys.push_back(request_key);

    const unsigned roll = rng() % 1000;
    if (roll < 5) {
      ASSERT_TRUE(db.Open().ok());
      ASSERT_NO_FATAL_FAILURE(CheckAgainstModel(db, model, rng, now));
    } else if (roll < 8) {
      ASSERT_NO_FATAL_FAILURE(CheckAgainstModel(db, model, rng, now));
    }
  }
  ASSERT_TRUE(db.Open().ok());
  ASSERT_NO_FATAL_FAILURE(CheckAgainstModel(db, model, rng, now));
  // What `extra` held committed with the revisions.
  for (const std::string& key : request_keys) {
    ASSERT_EQ(Must(db.kv().Get(db.kv().Family("default"), key)),
              std::optional<std::string>("done"))
        << key;
  }
}

TEST(SeriesStoreTest, ReadRevisionGivesTheRevisionAndTheOneBeforeIt) {
  TestTempDir dir;
  Db db(dir.path(), /*sync_writes=*/false);
  ASSERT_TRUE(db.Open().ok());
  // Revisions 1..4; then 5 on another cell and 6, a third value of carpi/a.
  ASSERT_TRUE(db.store()
                  .Append({{"carpi", "a", 10, "a1"},
                           {"carpi", "b", 10, "b1"},
                           {"carpi", "a", 10, "a2"},
                           {"carpi", "a", 11, "next period"}},
                          100, nullptr)
                  .ok());
  ASSERT_TRUE(
      db.store()
          .Append({{"soliera", "a", 10, "s1"}, {"carpi", "a", 10, "a3"}}, 200,
                  nullptr)
          .ok());
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "memtable" : "after reopen");
    SeriesStore::RevisionAndPrevious first =
        Must(db.store().ReadRevision("carpi", "a", 10, 1));
    EXPECT_EQ(TieAll({first.revision}),
              (std::vector<Tied>{{"carpi", "a", 10, 1, 100, "a1"}}));
    EXPECT_FALSE(first.previous.has_value());
    // Within one batch, the revision before is the batch's earlier write.
    SeriesStore::RevisionAndPrevious second =
        Must(db.store().ReadRevision("carpi", "a", 10, 3));
    EXPECT_EQ(second.revision.payload, "a2");
    ASSERT_TRUE(second.previous.has_value());
    EXPECT_EQ(TieAll({*second.previous}),
              (std::vector<Tied>{{"carpi", "a", 10, 1, 100, "a1"}}));
    SeriesStore::RevisionAndPrevious third =
        Must(db.store().ReadRevision("carpi", "a", 10, 6));
    EXPECT_EQ(TieAll({third.revision}),
              (std::vector<Tied>{{"carpi", "a", 10, 6, 200, "a3"}}));
    ASSERT_TRUE(third.previous.has_value());
    EXPECT_EQ(third.previous->revision, 3u);
    // Another period of the same series is another cell.
    EXPECT_FALSE(Must(db.store().ReadRevision("carpi", "a", 11, 4))
                     .previous.has_value());
    // A revision the cell does not have, or a cell unknown.
    EXPECT_EQ(db.store().ReadRevision("carpi", "a", 10, 2).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(db.store().ReadRevision("carpi", "a", 10, 7).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(db.store().ReadRevision("nowhere", "a", 10, 1).status().code(),
              absl::StatusCode::kNotFound);
    ASSERT_TRUE(db.Open().ok());
  }
}

}  // namespace
}  // namespace valore::storage
