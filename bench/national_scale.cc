// One scale of the national data set: the import through CaptureService,
// the report and overview sweeps, and the raw RocksDB baselines on the same
// records.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/clients.h"
#include "bench/dataset.h"
#include "bench/process.h"
#include "bench/raw_rocksdb.h"
#include "bench/valore_bench_internal.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::bench::internal {

namespace {

// Batch `b` of the national data set, built in the calling worker.
void NationalBatch(const NationalShape& shape, int batch_size, int64_t b,
                   const std::string& run,
                   v1::BatchWriteMeasurementsRequest* r) {
  r->Clear();
  const int64_t first = b * batch_size;
  const int64_t end = std::min(shape.records(), first + batch_size);
  for (int64_t k = first; k < end; ++k) {
    NationalRecordAt(shape, k, r->add_measurements());
  }
  r->set_request_id(absl::StrCat(run, "-", b));
  // An import holds what it sent: it asks only for the revisions, as
  // `valore import` does.
  r->set_view(v1::BATCH_WRITE_VIEW_BASIC);
}

}  // namespace

SeparateImport ImportAgain(const Env& env, const NationalShape& shape,
                           const std::string& name, bool secure,
                           bool encoded_beforehand) {
  const std::string dir = env.work + "/" + name;
  const int batch_size = absl::GetFlag(FLAGS_batch);
  IngestOptions options;
  options.batches = (shape.records() + batch_size - 1) / batch_size;
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  // Like the CSV file PostgreSQL's COPY reads, written before its clock
  // starts: every request encoded before the import's.
  std::vector<EncodedBatch> encoded;
  if (encoded_beforehand) {
    v1::BatchWriteMeasurementsRequest request;
    encoded.reserve(options.batches);
    for (int64_t b = 0; b < options.batches; ++b) {
      NationalBatch(shape, batch_size, b, name, &request);
      absl::StatusOr<EncodedBatch> batch = EncodeBatch(request);
      Check(batch.status(), "encoding the import");
      encoded.push_back(*std::move(batch));
    }
  }
  Log(absl::StrCat(
      name, ": the same import", secure ? "" : " over plaintext loopback",
      encoded_beforehand ? ", every request encoded beforehand" : ""));
  Suite suite;
  StartSuite(env, dir, secure, /*with_aggregation=*/true, &suite);
  ImportCatalog(env, suite, NationalCatalog(shape));
  const ClientSecurity security = suite.Client(env, env.admin_token);
  const double capture_cpu0 = suite.capture.CpuSeconds();
  const double self_cpu0 = SelfCpuSeconds();
  absl::StatusOr<IngestResult> ingest =
      encoded_beforehand
          ? IngestEncoded(suite.capture.address(), security, encoded, options)
          : Ingest(
                suite.capture.address(), security,
                [&](int64_t b, v1::BatchWriteMeasurementsRequest* scratch) {
                  NationalBatch(shape, batch_size, b, name, scratch);
                  return scratch;
                },
                options);
  Check(ingest.status(), absl::StrCat(name, " import"));
  SeparateImport out;
  out.rate = ingest->records_per_second();
  out.capture_cpu = suite.capture.CpuSeconds() - capture_cpu0;
  out.client_cpu = SelfCpuSeconds() - self_cpu0;
  Log(absl::StrFormat(
      "%s: import %.1f s, %.0f records/s; cpu capture %.1f s, "
      "client %.1f s",
      name, ingest->seconds, out.rate, out.capture_cpu, out.client_cpu));
  suite.aggregation.Stop();
  suite.capture.Stop();
  suite.catalog.Stop();
  std::error_code ec;
  if (!absl::GetFlag(FLAGS_keep)) std::filesystem::remove_all(dir, ec);
  return out;
}

ScaleResult RunScale(const Env& env, const NationalShape& shape,
                     const std::string& name) {
  ScaleResult result;
  result.entities = shape.entities;
  result.records = shape.records();
  const std::string dir = env.work + "/" + name;
  const int batch_size = absl::GetFlag(FLAGS_batch);
  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  const int64_t batches = (shape.records() + batch_size - 1) / batch_size;
  const std::string period = SemesterName(shape.semesters - 1);

  Log(absl::StrCat(name, ": ", shape.entities, " entities x ", shape.indicators,
                   " indicators x ", shape.semesters,
                   " semesters = ", shape.records(), " records"));
  Suite suite;
  StartSuite(env, dir, /*secure=*/true, /*with_aggregation=*/true, &suite);
  const v1::Catalog catalog = NationalCatalog(shape);
  ImportCatalog(env, suite, catalog);

  IngestOptions options;
  options.batches = batches;
  options.concurrency = concurrency;
  const double capture_cpu0 = suite.capture.CpuSeconds();
  const double self_cpu0 = SelfCpuSeconds();
  absl::StatusOr<IngestResult> ingest = Ingest(
      suite.capture.address(), suite.Client(env, env.admin_token),
      [&](int64_t b, v1::BatchWriteMeasurementsRequest* scratch) {
        NationalBatch(shape, batch_size, b, name, scratch);
        return scratch;
      },
      options);
  Check(ingest.status(), "national import");
  result.import_seconds = ingest->seconds;
  result.ingest_rate = ingest->records_per_second();
  result.capture_peak_kib = suite.capture.PeakRssKib();
  result.capture_cpu = suite.capture.CpuSeconds() - capture_cpu0;
  result.client_cpu = SelfCpuSeconds() - self_cpu0;
  Log(absl::StrFormat("%s: cpu capture %.1f s, client %.1f s", name,
                      result.capture_cpu, result.client_cpu));
  Log(
      absl::StrFormat("%s: import %.1f s, %.0f records/s, capture VmHWM %.0f "
                      "MiB",
                      name, result.import_seconds, result.ingest_rate,
                      result.capture_peak_kib / 1024.0));

  const double sweep_cpu0[4] = {suite.aggregation.CpuSeconds(),
                                suite.capture.CpuSeconds(),
                                suite.catalog.CpuSeconds(), SelfCpuSeconds()};
  SweepReports(suite.aggregation.address(), suite.Client(env, env.admin_token),
               shape.entities, period, concurrency, &result);
  Log(absl::StrFormat("%s: %d reports in %.1f s (%.0f/s, p50 %.0f us)", name,
                      shape.entities, result.report_seconds,
                      result.reports_per_second, result.report_p50_us));
  Log(absl::StrFormat(
      "%s: sweep cpu aggregation %.1f s, capture %.1f s, catalog %.1f s, "
      "client %.1f s",
      name, suite.aggregation.CpuSeconds() - sweep_cpu0[0],
      suite.capture.CpuSeconds() - sweep_cpu0[1],
      suite.catalog.CpuSeconds() - sweep_cpu0[2],
      SelfCpuSeconds() - sweep_cpu0[3]));
  const double overview_cpu0[4] = {
      suite.aggregation.CpuSeconds(), suite.capture.CpuSeconds(),
      suite.catalog.CpuSeconds(), SelfCpuSeconds()};
  SweepSummaries(suite.aggregation.address(),
                 suite.Client(env, env.admin_token), shape.entities,
                 catalog.lines_size(), period, &result);
  Log(absl::StrFormat(
      "%s: %d summaries in one stream in %.2f s (%.0f/s); cpu aggregation "
      "%.1f s, capture %.1f s, catalog %.1f s, client %.1f s",
      name, shape.entities, result.overview_seconds, result.overview_per_second,
      suite.aggregation.CpuSeconds() - overview_cpu0[0],
      suite.capture.CpuSeconds() - overview_cpu0[1],
      suite.catalog.CpuSeconds() - overview_cpu0[2],
      SelfCpuSeconds() - overview_cpu0[3]));
  suite.aggregation.Stop();
  suite.capture.Stop();
  suite.catalog.Stop();
  result.capture_disk_bytes = DirectoryBytes(dir + "/capture");
  std::error_code ec;
  if (!absl::GetFlag(FLAGS_keep)) std::filesystem::remove_all(dir, ec);

  // The raw baselines on the same records.
  const std::string raw_dir = env.work + "/" + name + "-raw";
  absl::StatusOr<RawWriteResult> raw = RawWrite(
      raw_dir, shape.records(), batch_size, /*sync=*/true,
      [&](int64_t k, v1::Measurement* m) { NationalRecordAt(shape, k, m); });
  Check(raw.status(), "raw write");
  result.raw_rate = raw->records_per_second();
  result.raw_storage_rate = raw->storage_records_per_second();
  std::vector<std::string> ids;
  for (int e = 0; e < shape.entities; ++e) ids.push_back(EntityId(e));
  absl::StatusOr<RawScanResult> scan = RawScanPeriod(raw_dir, ids, period);
  Check(scan.status(), "raw scan");
  result.raw_scan_per_second = scan->entities_per_second();
  Log(absl::StrFormat(
      "%s: raw write %.0f records/s (%.0f/s writing only), raw scan %.0f "
      "entities/s",
      name, result.raw_rate, result.raw_storage_rate,
      result.raw_scan_per_second));
  std::filesystem::remove_all(raw_dir, ec);
  return result;
}

}  // namespace valore::bench::internal
