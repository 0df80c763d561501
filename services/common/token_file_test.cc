#include "services/common/token_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "services/common/security.h"
#include "storage/test_temp_dir.h"

namespace valore {
namespace {

class TokenFileTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_.path()); }
  storage::TestTempDir dir_;
  const std::string path_ = dir_.path() + "/auth_tokens";
};

TEST_F(TokenFileTest, AddsAndRevokesWholeLines) {
  ASSERT_TRUE(AddToTokenFile(path_, TokenHash("a"),
                             TokenEntry{"m.rossi", Role::kAdmin, {}})
                  .ok());
  ASSERT_TRUE(AddToTokenFile(path_, TokenHash("b"),
                             TokenEntry{"l.bianchi", Role::kEditor, {"carpi"}})
                  .ok());
  ASSERT_TRUE(AddToTokenFile(path_, TokenHash("c"),
                             TokenEntry{"l.bianchi", Role::kEditor, {"carpi"}})
                  .ok());
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // nobody else's business

  absl::StatusOr<int> removed = RevokeFromTokenFile(path_, "l.bianchi");
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 2);
  absl::StatusOr<TokenTable> table = ReadTokenFile(path_);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->size(), 1u);
  EXPECT_EQ(table->begin()->second.principal, "m.rossi");
  EXPECT_EQ(RevokeFromTokenFile(path_, "l.bianchi").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".new"));
}

TEST_F(TokenFileTest, KeepsCommentsAndTheFilesMode) {
  {
    std::ofstream out(path_);
    out << "# tokens of the Union\n"
        << TokenFileLine(TokenHash("a"), TokenEntry{"x", Role::kViewer, {}});
  }
  chmod(path_.c_str(), 0640);
  ASSERT_TRUE(RevokeFromTokenFile(path_, "x").ok());
  EXPECT_EQ(*ReadFileToString(path_, "test"), "# tokens of the Union\n");
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(TokenFileTest, LeavesABadFileAlone) {
  { std::ofstream(path_) << "not a token line\n"; }
  EXPECT_EQ(
      AddToTokenFile(path_, TokenHash("a"), TokenEntry{"x", Role::kViewer, {}})
          .code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*ReadFileToString(path_, "test"), "not a token line\n");
}

}  // namespace
}  // namespace valore
