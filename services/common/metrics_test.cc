#include "services/common/metrics.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/test_metrics_text.h"
#include "storage/kv_store.h"
#include "storage/test_temp_dir.h"
#include "storage/transaction.h"

namespace valore {
namespace {

using ::testing::HasSubstr;
using testing::ParseMetricsText;
using testing::SampleValue;

TEST(MetricsTest, NamedCountersCountWithTheirHelp) {
  Metrics metrics("valore-test");
  const CounterRef written = metrics.measurements_written();
  written.Increment(3);
  metrics.measurements_written().Increment();  // the same series
  metrics.report_cache_hits().Increment();
  metrics.dependency_errors(Metrics::kCatalog).Increment(2);
  metrics.dependency_errors(Metrics::kCapture).Increment();
  metrics.reports_built();
  metrics.report_cache_misses();
  metrics.snapshots_taken();

  const std::string text = metrics.Scrape();
  const auto samples = ParseMetricsText(text);
  EXPECT_EQ(SampleValue(samples, "valore_measurements_written_total"), 4);
  EXPECT_EQ(SampleValue(samples, "valore_report_cache_hits_total"), 1);
  EXPECT_EQ(SampleValue(samples, "valore_report_cache_misses_total"), 0);
  EXPECT_EQ(SampleValue(samples, "valore_reports_built_total"), 0);
  EXPECT_EQ(SampleValue(samples, "valore_snapshots_taken_total"), 0);
  EXPECT_EQ(SampleValue(samples, "valore_dependency_errors_total",
                        {{"dependency", "catalog"}}),
            2);
  EXPECT_EQ(SampleValue(samples, "valore_dependency_errors_total",
                        {{"dependency", "capture"}}),
            1);
  EXPECT_THAT(text, HasSubstr("# TYPE valore_measurements_written_total "
                              "counter\n"));
  EXPECT_THAT(text, HasSubstr("# HELP valore_measurements_written_total "
                              "Measurement records stored"));
}

TEST(MetricsTest, BuildInfoNamesVersionAndServer) {
  Metrics metrics("valore-catalog");
  const auto samples = ParseMetricsText(metrics.Scrape());
  EXPECT_EQ(
      SampleValue(samples, "valore_build_info",
                  {{"version", VALORE_VERSION}, {"server", "valore-catalog"}}),
      1);
}

TEST(MetricsTest, ADefaultCounterRefCountsNothing) {
  CounterRef none;
  none.Increment();  // must not crash: components run without metrics
  Metrics metrics("valore-test");
  const auto samples = ParseMetricsText(metrics.Scrape());
  EXPECT_EQ(SampleValue(samples, "valore_measurements_written_total"),
            std::nullopt);
}

TEST(MetricsTest, StorageGaugesAreReadAtEachScrape) {
  storage::TestTempDir dir;
  storage::KvOptions options;
  options.column_families = {"values"};
  options.block_cache_mib = 8;
  auto kv = storage::KvStore::Open(dir.path(), options);
  ASSERT_TRUE(kv.ok()) << kv.status();
  Metrics metrics("valore-test");
  metrics.WatchStorage(kv->get());
  auto before = ParseMetricsText(metrics.Scrape());
  EXPECT_EQ(SampleValue(before, "valore_rocksdb_sst_files_bytes"), 0);
  EXPECT_EQ(SampleValue(before, "valore_rocksdb_live_sst_files_bytes"), 0);
  EXPECT_EQ(SampleValue(before, "valore_rocksdb_pending_compaction_bytes"), 0);

  storage::Transaction batch(nullptr, absl::Now());
  for (int i = 0; i < 100; ++i) {
    batch.Put((*kv)->Family("values"), absl::StrCat("key", i),
              std::string(100, 'v'));
  }
  ASSERT_TRUE((*kv)->Commit(&batch).ok());
  ASSERT_TRUE((*kv)->Flush((*kv)->Family("values")).ok());
  absl::StatusOr<storage::KvStore::DiskUsage> usage = (*kv)->GetDiskUsage();
  ASSERT_TRUE(usage.ok()) << usage.status();
  ASSERT_GT(usage->sst_bytes, 0u);
  auto after = ParseMetricsText(metrics.Scrape());
  EXPECT_EQ(SampleValue(after, "valore_rocksdb_sst_files_bytes"),
            static_cast<double>(usage->sst_bytes));
  EXPECT_EQ(SampleValue(after, "valore_rocksdb_live_sst_files_bytes"),
            static_cast<double>(usage->live_sst_bytes));
}

}  // namespace
}  // namespace valore
