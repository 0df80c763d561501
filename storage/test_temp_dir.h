// A fresh directory for one test, removed when it goes out of scope.
#ifndef VALORE_STORAGE_TEST_TEMP_DIR_H_
#define VALORE_STORAGE_TEST_TEMP_DIR_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace valore::storage {

class TestTempDir {
 public:
  TestTempDir() {
    // The pid and a counter keep parallel test processes and repeated
    // fixtures apart.
    static std::atomic<int> counter{0};
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name =
        info != nullptr
            ? absl::StrCat(info->test_suite_name(), ".", info->name())
            : "none";
    path_ =
        (std::filesystem::temp_directory_path() /
         absl::StrCat("valore_storage_", name, "_", getpid(), "_", counter++))
            .string();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ~TestTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace valore::storage

#endif  // VALORE_STORAGE_TEST_TEMP_DIR_H_
