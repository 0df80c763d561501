// Importing a catalog again does not keep the memory of the one before: the
// catalog service, a process of its own, is measured as the system sees it.
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/catalog/catalog_limits.h"
#include "services/common/channels.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

// Resident memory of `pid` in bytes, from /proc.
int64_t ResidentBytes(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) << 10;
  }
  return -1;
}

TEST(CatalogMemoryTest, ImportingAgainDoesNotKeepThePreviousCatalog) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer keeps freed memory in quarantine";
#endif
  TempDir dir;
  absl::StatusOr<ServerProcess> server = ServerProcess::Start(
      {VALORE_CATALOG_BINARY, "--insecure", "--listen=127.0.0.1:0",
       absl::StrCat("--data=", dir.Sub("catalog"))},
      absl::Seconds(20));
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::CatalogService::NewStub(MakeChannel(server->address()));

  // A catalog near the limits: every indicator allowed, long titles.
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = ReadShippedData().catalog;
  const v1::Indicator model = import.catalog().indicators(0);
  for (int i = import.catalog().indicators_size(); i < catalog::kMaxIndicators;
       ++i) {
    v1::Indicator* indicator = import.mutable_catalog()->add_indicators();
    *indicator = model;
    indicator->set_code(absl::StrCat(90000 + i));
    indicator->set_title(std::string(1400, 't'));
  }
  const int64_t size = import.catalog().ByteSizeLong();
  ASSERT_GT(size, 10 << 20);
  ASSERT_LT(size, static_cast<int64_t>(catalog::kMaxCatalogBytes));

  int64_t after_first = 0;
  for (int n = 1; n <= 5; ++n) {
    v1::ImportCatalogResponse response;
    grpc::Status s =
        stub->ImportCatalog(Deadline(120).get(), import, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
    if (n == 1) after_first = ResidentBytes(server->pid());
  }
  const int64_t after_last = ResidentBytes(server->pid());
  RecordProperty("catalog_bytes", static_cast<int>(size));
  RecordProperty("rss_after_first", static_cast<int>(after_first >> 10));
  RecordProperty("rss_after_fifth", static_cast<int>(after_last >> 10));
  // Four more imports may leave a memtable and a cache behind, not four
  // more catalogs (before the fix: over 13 times the catalog's size).
  EXPECT_LT(after_last - after_first, 2 * size)
      << "after the first import " << (after_first >> 20)
      << " MiB, after the fifth " << (after_last >> 20) << " MiB";
}

}  // namespace
}  // namespace valore::testing
