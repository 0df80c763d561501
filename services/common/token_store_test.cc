#include "services/common/token_store.h"

#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "storage/test_temp_dir.h"

namespace valore {
namespace {

std::string Line(const std::string& token, const std::string& principal) {
  return TokenFileLine(TokenHash(token),
                       TokenEntry{principal, Role::kViewer, {}});
}

// Replaces the file whole, as `valore token` does: a reader sees the old
// file or the new one.
void WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".new";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
  }
  ASSERT_EQ(std::rename(temp.c_str(), path.c_str()), 0);
}

void WriteInPlace(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

bool Knows(const TokenStore& store, const std::string& token) {
  return store.Current()->contains("sha256:" + TokenHash(token));
}

// Waits until the store's generation passes `after`, at most 30 s.
bool WaitForReload(const TokenStore& store, int64_t after) {
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (store.generation() <= after) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path());
    WriteAtomically(path_, Line("old", "a"));
  }
  storage::TestTempDir dir_;
  const std::string path_ = dir_.path() + "/tokens";
};

TEST_F(TokenStoreTest, ReloadPutsTheNewFileInForce) {
  auto store = TokenStore::Open(path_, {});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_TRUE(Knows(**store, "old"));
  WriteAtomically(path_, Line("new", "b"));
  ASSERT_TRUE((*store)->Reload().ok());
  EXPECT_FALSE(Knows(**store, "old"));  // revoked
  EXPECT_TRUE(Knows(**store, "new"));
  EXPECT_EQ((*store)->generation(), 1);
}

TEST_F(TokenStoreTest, AHalfWrittenOrBadFileLeavesTheTokensInForce) {
  auto store = TokenStore::Open(path_, {});
  ASSERT_TRUE(store.ok()) << store.status();
  std::string full = Line("old", "a") + Line("new", "b");
  WriteInPlace(path_, full.substr(0, full.size() - 10));
  EXPECT_EQ((*store)->Reload().code(), absl::StatusCode::kFailedPrecondition);
  WriteInPlace(path_, "");  // truncated, about to be written
  EXPECT_EQ((*store)->Reload().code(), absl::StatusCode::kFailedPrecondition);
  WriteInPlace(path_, "not a token line\n");
  EXPECT_EQ((*store)->Reload().code(), absl::StatusCode::kInvalidArgument);
  std::filesystem::remove(path_);
  EXPECT_EQ((*store)->Reload().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(Knows(**store, "old"));
  EXPECT_EQ((*store)->generation(), 0);
  EXPECT_EQ((*store)->refusals(), 4);
  // A file for nobody is a file with a comment.
  WriteAtomically(path_, "# nessuno\n");
  ASSERT_TRUE((*store)->Reload().ok());
  EXPECT_FALSE(Knows(**store, "old"));
}

TEST_F(TokenStoreTest, TheWatcherFollowsTheFile) {
  TokenStore::Options options;
  options.poll = absl::Milliseconds(10);
  options.settle = absl::Milliseconds(20);
  auto store = TokenStore::Open(path_, options);
  ASSERT_TRUE(store.ok()) << store.status();
  (*store)->StartWatching();
  WriteAtomically(path_, Line("new", "b"));
  ASSERT_TRUE(WaitForReload(**store, 0));
  EXPECT_FALSE(Knows(**store, "old"));
  EXPECT_TRUE(Knows(**store, "new"));
}

TEST_F(TokenStoreTest, AReloadAskedForIsDoneWithoutAChange) {
  TokenStore::Options options;
  options.poll = absl::Hours(1);  // only the request can wake it
  auto store = TokenStore::Open(path_, options);
  ASSERT_TRUE(store.ok()) << store.status();
  (*store)->StartWatching();
  (*store)->RequestReload();
  ASSERT_TRUE(WaitForReload(**store, 0));
}

// Readers never see a table being built: run under ThreadSanitizer by
// `make test-tsan`.
TEST_F(TokenStoreTest, ReadersAndReloadsRunTogether) {
  TokenStore::Options options;
  options.poll = absl::Milliseconds(1);
  options.settle = absl::ZeroDuration();
  auto store = TokenStore::Open(path_, options);
  ASSERT_TRUE(store.ok()) << store.status();
  (*store)->StartWatching();
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        std::shared_ptr<const TokenTable> table = (*store)->Current();
        // Either file, never a mix: one token or the other.
        EXPECT_EQ(table->size(), 1u);
      }
    });
  }
  for (int round = 0; round < 20; ++round) {
    const int64_t before = (*store)->generation();
    WriteAtomically(path_, Line(round % 2 ? "old" : "new", "a"));
    (*store)->RequestReload();
    ASSERT_TRUE(WaitForReload(**store, before));
  }
  stop = true;
  for (std::thread& t : readers) t.join();
}

}  // namespace
}  // namespace valore
