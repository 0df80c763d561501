#include "services/aggregation/validated_outcome_store.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "storage/test_audited_db.h"

namespace valore::aggregation {
namespace {

class ValidatedOutcomeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  // Opens the store (again: a restart).
  void Open() {
    store_.reset();
    db_.Open(
        {ValidatedOutcomeStore::kFamily, ValidatedOutcomeStore::kMetaFamily});
    auto store = ValidatedOutcomeStore::Open(db_.kv());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  // Validates `item` of (2023S2, entity) as `outcome` at `seconds`.
  v1::ValidatedOutcome Put(const std::string& entity, const std::string& item,
                           v1::Outcome outcome, int64_t seconds) {
    v1::ValidatedOutcome v;
    v.set_item_type(v1::ITEM_TYPE_INDICATOR);
    v.set_item(item);
    v.set_period("2023S2");
    v.set_outcome(outcome);
    v.set_justification("dato rettificato");
    storage::Transaction tx = db_.Begin(absl::FromUnixSeconds(seconds));
    absl::StatusOr<std::vector<v1::ValidatedOutcome>> put =
        store_->Put({{&v, Period(2023, 2), entity}}, "m.rossi", "r-1",
                    "SetValidatedOutcome", absl::FromUnixSeconds(seconds), tx);
    EXPECT_TRUE(put.ok()) << put.status();
    db_.Commit(tx);
    return put.ok() && put->size() == 1 ? (*put)[0] : v1::ValidatedOutcome();
  }

  storage::TestAuditedDb db_;
  std::unique_ptr<ValidatedOutcomeStore> store_;
};

TEST_F(ValidatedOutcomeStoreTest, NewestAsOfATimeByScopeAcrossARestart) {
  const v1::ValidatedOutcome first =
      Put("", "00002", v1::OUTCOME_NOT_ACHIEVED, 1000);
  EXPECT_EQ(first.revision(), 1);
  EXPECT_EQ(first.scope(), "scopes/union");
  EXPECT_EQ(first.name(),
            "scopes/union/periods/2023S2/validatedOutcomes/00002");
  EXPECT_EQ(first.author(), "m.rossi");
  Put("carpi", "00002", v1::OUTCOME_ACHIEVED, 1500);
  Open();  // revisions go on after a restart
  const v1::ValidatedOutcome second =
      Put("", "00002", v1::OUTCOME_ACHIEVED, 2000);
  EXPECT_EQ(second.revision(), 3);

  absl::StatusOr<std::vector<v1::ValidatedOutcome>> now =
      store_->Load(Period(2023, 2), "", 0);
  ASSERT_TRUE(now.ok()) << now.status();
  ASSERT_EQ(now->size(), 1u);
  EXPECT_EQ((*now)[0].outcome(), v1::OUTCOME_ACHIEVED);
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> then =
      store_->Load(Period(2023, 2), "", 1000 * 1000000LL);
  ASSERT_EQ(then->size(), 1u);
  EXPECT_EQ((*then)[0].outcome(), v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_TRUE(store_->Load(Period(2024, 1), "", 0)->empty());

  auto by_scope = store_->LoadByScope(Period(2023, 2), 0);
  ASSERT_TRUE(by_scope.ok()) << by_scope.status();
  EXPECT_EQ(by_scope->size(), 2u);
  EXPECT_EQ(by_scope->at("carpi").size(), 1u);

  // Each write told the audit trail what it replaced.
  const std::vector<v1::AuditEvent> events = db_.AuditEvents();
  ASSERT_EQ(events.size(), 3u);
  const v1::AuditChange::ValidatedOutcome& change =
      events[2].change().validated_outcome();
  EXPECT_EQ(change.before(), v1::OUTCOME_NOT_ACHIEVED);
  EXPECT_EQ(change.after(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(change.justification(), "dato rettificato");
  EXPECT_EQ(events[1].change().validated_outcome().before(),
            v1::OUTCOME_UNSPECIFIED);
}

TEST_F(ValidatedOutcomeStoreTest, ListAndGetByName) {
  Put("carpi", "00002", v1::OUTCOME_ACHIEVED, 1000);
  v1::ListValidatedOutcomesRequest list;
  list.set_parent("entities/carpi/periods/2023S2");
  absl::StatusOr<v1::ListValidatedOutcomesResponse> listed = store_->List(list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->validated_outcomes_size(), 1);

  v1::GetValidatedOutcomeRequest get;
  get.set_name(listed->validated_outcomes(0).name());
  absl::StatusOr<v1::ValidatedOutcome> got = store_->Get(get);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->outcome(), v1::OUTCOME_ACHIEVED);

  get.set_name("entities/carpi/periods/2023S2/validatedOutcomes/00003");
  EXPECT_EQ(store_->Get(get).status().code(), absl::StatusCode::kNotFound);
  get.set_name("carpi/00002");
  EXPECT_EQ(store_->Get(get).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace valore::aggregation
