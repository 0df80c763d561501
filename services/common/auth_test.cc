#include "services/common/auth.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore {
namespace {

using ::testing::HasSubstr;

TokenTable Table() {
  TokenTable table;
  table["sha256:" + TokenHash("admin-token")] = {"m.rossi", Role::kAdmin, {}};
  table["sha256:" + TokenHash("carpi-token")] = {
      "l.bianchi", Role::kEditor, {"carpi"}};
  table["cert:valore-aggregation"] = {"valore-aggregation", Role::kJob, {}};
  return table;
}

TEST(AuthenticateTest, ATokenNamesItsPrincipal) {
  absl::StatusOr<Principal> p =
      Authenticate(Table(), {"Bearer carpi-token"}, {});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->name, "l.bianchi");
  EXPECT_EQ(p->role, Role::kEditor);
  EXPECT_EQ(p->entities, std::vector<std::string>{"carpi"});
}

TEST(AuthenticateTest, ATokenWinsOverTheCertificate) {
  absl::StatusOr<Principal> p =
      Authenticate(Table(), {"Bearer admin-token"}, {"valore-aggregation"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->name, "m.rossi");
  // An unknown token is refused even on a known certificate's connection.
  EXPECT_EQ(Authenticate(Table(), {"Bearer nope"}, {"valore-aggregation"})
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(AuthenticateTest, ACertificateAloneStandsForItsPrincipal) {
  absl::StatusOr<Principal> p =
      Authenticate(Table(), {}, {"someone", "valore-aggregation"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->name, "valore-aggregation");
  EXPECT_EQ(p->role, Role::kJob);
}

TEST(AuthenticateTest, RefusesWhatItCannotTellApart) {
  EXPECT_THAT(Authenticate(Table(), {}, {}).status().message(),
              HasSubstr("no credentials"));
  EXPECT_THAT(Authenticate(Table(), {"admin-token"}, {}).status().message(),
              HasSubstr("Bearer"));
  // Two tokens on one call: which one is the caller is not ours to guess.
  EXPECT_EQ(
      Authenticate(Table(), {"Bearer admin-token", "Bearer carpi-token"}, {})
          .status()
          .code(),
      absl::StatusCode::kUnauthenticated);
}

TEST(RequireTest, RolesAndEntities) {
  Principal editor{"l.bianchi", Role::kEditor, {"carpi"}};
  EXPECT_TRUE(RequireEntityWriter(editor, "carpi").ok());
  EXPECT_THAT(RequireEntityWriter(editor, "soliera").message(),
              HasSubstr("soliera"));
  Principal viewer{"revisore", Role::kViewer, {}};
  EXPECT_EQ(RequireEntityWriter(viewer, "carpi").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Require(viewer, {Role::kAdmin, Role::kJob}, "lock").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Require(Principal{"job", Role::kJob, {}},
                      {Role::kAdmin, Role::kJob}, "lock")
                  .ok());
}

TEST(ParseTokenFileTest, NamesTheLineAtFault) {
  const std::string good = TokenFileLine(
      TokenHash("t"), TokenEntry{"a", Role::kEditor, {"carpi", "soliera"}});
  absl::StatusOr<TokenTable> table =
      ParseTokenFile("# comment\n\n" + good, "tokens");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->at("sha256:" + TokenHash("t")).entities.size(), 2u);
  EXPECT_THAT(
      ParseTokenFile(good + "x\ty\tboss\t-\n", "tokens").status().message(),
      HasSubstr("tokens line 2"));
}

}  // namespace
}  // namespace valore
