#include "services/common/token_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
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
  // Nothing left beside it but the lock.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_TRUE(entry.path() == path_ || entry.path() == path_ + ".lock")
        << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2);
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

TEST_F(TokenFileTest, KeepsTheFilesOwner) {
  if (geteuid() != 0) GTEST_SKIP() << "only root can give a file away";
  ASSERT_TRUE(
      AddToTokenFile(path_, TokenHash("a"), TokenEntry{"x", Role::kViewer, {}})
          .ok());
  ASSERT_EQ(chown(path_.c_str(), 4321, 8765), 0);  // the servers' user
  ASSERT_TRUE(
      AddToTokenFile(path_, TokenHash("b"), TokenEntry{"y", Role::kViewer, {}})
          .ok());
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 4321u);
  EXPECT_EQ(st.st_gid, 8765u);
}

TEST_F(TokenFileTest, ChangesAtOnceAllLand) {
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      EXPECT_TRUE(
          AddToTokenFile(path_, TokenHash(std::to_string(i)),
                         TokenEntry{absl::StrCat("p", i), Role::kViewer, {}})
              .ok());
    });
  }
  for (std::thread& t : writers) t.join();
  absl::StatusOr<TokenTable> table = ReadTokenFile(path_);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->size(), 8u);
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
