#include "services/catalog/catalog_core.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "storage/test_temp_dir.h"

namespace valore::catalog {
namespace {

// Imports while other threads read the current catalog. Under
// `make test-tsan` this is where the core's own locking is checked without
// gRPC in between.
TEST(CatalogCoreTest, ReadersSeeWholeVersionsWhileImportsGoOn) {
  storage::TestTempDir dir;
  storage::KvOptions options;
  options.sync_writes = false;
  absl::StatusOr<std::unique_ptr<CatalogCore>> core =
      CatalogCore::Open(dir.path(), options);
  ASSERT_TRUE(core.ok()) << core.status();

  constexpr int kImports = 10;
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      while (!done.load()) {
        std::shared_ptr<const v1::Catalog> current = (*core)->Current();
        // Versions only go forward, and each is a whole catalog.
        EXPECT_GE(current->version(), last);
        EXPECT_EQ(current->entities_size(), 5);
        last = current->version();
      }
    });
  }
  for (int i = 0; i < kImports; ++i) {
    v1::ImportCatalogRequest request;
    *request.mutable_catalog() = DefaultCatalog();
    request.mutable_catalog()->mutable_entities(1)->set_display_name(
        "Comune di Campogalliano " + std::to_string(i));
    absl::StatusOr<v1::ImportCatalogResponse> imported =
        (*core)->Import(request, "admin", absl::Now());
    ASSERT_TRUE(imported.ok()) << imported.status();
    EXPECT_EQ(imported->version(), i + 1);
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ((*core)->Current()->version(), kImports);
}

}  // namespace
}  // namespace valore::catalog
