#include "services/web/session_store.h"

#include <gtest/gtest.h>

namespace valore::web {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

TEST(SessionStoreTest, FindsASessionByItsIdWithItsToken) {
  SessionStore store;
  v1::Caller caller;
  caller.set_principal("m.rossi");
  absl::StatusOr<Session> created =
      store.Create("Bearer secret", caller, kStart);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_NE(created->id, created->csrf_token);
  EXPECT_EQ(created->id.find("secret"), std::string::npos);
  std::optional<Session> found = store.Find(created->id, kStart);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->authorization, "Bearer secret");
  EXPECT_EQ(found->caller.principal(), "m.rossi");
  EXPECT_FALSE(store.Find("unknown", kStart).has_value());
}

TEST(SessionStoreTest, EndsAnIdleSessionButNotAnActiveOne) {
  SessionStore::Options options;
  options.idle_timeout = absl::Minutes(30);
  options.max_age = absl::Hours(2);
  SessionStore store(options);
  absl::StatusOr<Session> active = store.Create("Bearer a", {}, kStart);
  absl::StatusOr<Session> idle = store.Create("Bearer b", {}, kStart);
  ASSERT_TRUE(active.ok() && idle.ok());
  for (int minutes = 20; minutes <= 100; minutes += 20) {
    EXPECT_TRUE(
        store.Find(active->id, kStart + absl::Minutes(minutes)).has_value())
        << minutes;
  }
  EXPECT_FALSE(store.Find(idle->id, kStart + absl::Minutes(31)).has_value());
  // However active, a session ends at its maximum age.
  EXPECT_FALSE(
      store.Find(active->id, kStart + absl::Hours(2) + absl::Minutes(1))
          .has_value());
  EXPECT_EQ(store.size(), 0u);
}

TEST(SessionStoreTest, RemoveSignsOut) {
  SessionStore store;
  absl::StatusOr<Session> session = store.Create("Bearer a", {}, kStart);
  ASSERT_TRUE(session.ok());
  store.Remove(session->id);
  EXPECT_FALSE(store.Find(session->id, kStart).has_value());
}

TEST(SessionStoreTest, AFlashIsShownOnce) {
  SessionStore store;
  absl::StatusOr<Session> session = store.Create("Bearer a", {}, kStart);
  ASSERT_TRUE(session.ok());
  EXPECT_FALSE(store.TakeFlash(session->id).has_value());
  store.SetFlash(session->id, Flash{"Periodo bloccato.", "", false});
  std::optional<Flash> flash = store.TakeFlash(session->id);
  ASSERT_TRUE(flash.has_value());
  EXPECT_EQ(flash->text, "Periodo bloccato.");
  EXPECT_FALSE(flash->is_error);
  EXPECT_FALSE(store.TakeFlash(session->id).has_value());
}

TEST(SessionStoreTest, OnePrincipalCannotPushOthersOut) {
  SessionStore::Options options;
  options.max_sessions = 4;
  options.max_sessions_per_principal = 2;
  SessionStore store(options);
  v1::Caller other;
  other.set_principal("revisore");
  absl::StatusOr<Session> kept = store.Create("Bearer r", other, kStart);
  ASSERT_TRUE(kept.ok());
  v1::Caller flooding;
  flooding.set_principal("m.rossi");
  std::vector<std::string> ids;
  for (int i = 1; i <= 10; ++i) {
    absl::StatusOr<Session> made =
        store.Create("Bearer m", flooding, kStart + absl::Seconds(i));
    ASSERT_TRUE(made.ok());
    ids.push_back(made->id);
  }
  EXPECT_EQ(store.size(), 3u);
  EXPECT_TRUE(store.Find(kept->id, kStart + absl::Seconds(20)).has_value());
  EXPECT_TRUE(store.Find(ids.back(), kStart + absl::Seconds(20)).has_value());
  EXPECT_FALSE(store.Find(ids.front(), kStart + absl::Seconds(20)).has_value());
}

TEST(SessionStoreTest, MakesRoomByEndingTheLeastRecentlyUsed) {
  SessionStore::Options options;
  options.max_sessions = 2;
  SessionStore store(options);
  absl::StatusOr<Session> first = store.Create("Bearer 1", {}, kStart);
  absl::StatusOr<Session> second =
      store.Create("Bearer 2", {}, kStart + absl::Seconds(1));
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(store.Find(first->id, kStart + absl::Seconds(2)).has_value());
  absl::StatusOr<Session> third =
      store.Create("Bearer 3", {}, kStart + absl::Seconds(3));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(store.size(), 2u);
  EXPECT_TRUE(store.Find(first->id, kStart + absl::Seconds(4)).has_value());
  EXPECT_FALSE(store.Find(second->id, kStart + absl::Seconds(4)).has_value());
}

}  // namespace
}  // namespace valore::web
