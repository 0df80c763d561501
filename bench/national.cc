// The national phase: the growth runs of the national data set, their
// figures against the raw RocksDB baselines, and the PostgreSQL peer.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "bench/dataset.h"
#include "bench/figures.h"
#include "bench/postgres.h"
#include "bench/valore_bench_internal.h"

namespace valore::bench::internal {

void National(const Env& env, Figures* figures) {
  std::vector<int> scales;
  for (absl::string_view s :
       absl::StrSplit(absl::GetFlag(FLAGS_growth), ',', absl::SkipEmpty())) {
    int v = 0;
    if (!absl::SimpleAtoi(s, &v) || v <= 0) {
      Die(absl::InvalidArgumentError(std::string(s)), "--growth");
    }
    scales.push_back(v);
  }
  std::vector<ScaleResult> results;
  for (int scale : scales) {
    NationalShape shape;
    shape.entities = std::max(1, absl::GetFlag(FLAGS_entities) * scale / 16);
    results.push_back(RunScale(env, shape, absl::StrCat("scale", scale)));
  }
  const ScaleResult& n = results.back();
  NationalShape last;
  last.entities = n.entities;
  const double plain_rate =
      ImportAgain(env, last, "plaintext", /*secure=*/false,
                  /*encoded_beforehand=*/false)
          .rate;
  const SeparateImport encoded = ImportAgain(
      env, last, "encoded", /*secure=*/true, /*encoded_beforehand=*/true);
  figures->AddAtLeast("ingest_vs_rocksdb", n.ingest_rate / n.raw_rate, 0.5,
                      "capture BatchWriteMeasurements records/s / raw "
                      "RocksDB WriteBatch(1000) records/s");
  figures->Add("ingest_records_per_s", n.ingest_rate, "records/s",
               "national import through CaptureService (TLS, token, audit, "
               "sync)");
  figures->Add("ingest_plaintext_records_per_s", plain_rate, "records/s",
               "the same import over plaintext loopback (no TLS, no token)");
  figures->Add("ingest_tls_share", 1 - n.ingest_rate / plain_rate, "ratio",
               "share of the plaintext import rate that TLS and the token "
               "cost");
  figures->Add("ingest_encoded_records_per_s", encoded.rate, "records/s",
               "the same import (TLS, token, audit, sync) with every request "
               "encoded before the clock starts, as COPY's CSV file is");
  figures->Note("encoded_import_cpu_s",
                absl::StrFormat("capture %.1f, client %.1f",
                                encoded.capture_cpu, encoded.client_cpu));
  figures->Add("raw_rocksdb_records_per_s", n.raw_rate, "records/s",
               "raw RocksDB WriteBatch(1000), WAL synced per batch, "
               "generating the records as the client does");
  figures->Add("ingest_vs_rocksdb_writes_only",
               n.ingest_rate / n.raw_storage_rate, "ratio",
               "the same, against the raw writes alone (records generated "
               "beforehand, off the clock)");
  figures->Add("raw_rocksdb_writes_only_records_per_s", n.raw_storage_rate,
               "records/s", "WriteBatch puts and DB::Write only");
  figures->Add("national_import_s", n.import_seconds, "s",
               absl::StrCat(n.records, " records, ", n.entities, " entities"));
  figures->AddAtLeast("national_report_vs_scan",
                      n.overview_per_second / n.raw_scan_per_second, 0.5,
                      "one-period outcome tables entities/s "
                      "(StreamEntitySummaries) / raw scan-and-parse "
                      "entities/s");
  figures->Add("national_summaries_per_s", n.overview_per_second, "entities/s",
               "StreamEntitySummaries(period): every entity in one call");
  figures->Add("national_getreport_vs_scan",
               n.reports_per_second / n.raw_scan_per_second, "ratio",
               "full per-entity reports, one GetReport per entity / raw "
               "scan-and-parse entities/s");
  figures->Add("national_reports_per_s", n.reports_per_second, "entities/s",
               "GetReport(period, entity) for every entity");
  figures->Add("raw_scan_entities_per_s", n.raw_scan_per_second, "entities/s",
               "raw RocksDB prefix scan + parse of one entity's period");
  figures->AddAtMost("capture_rss_mib", n.capture_peak_kib / 1024.0, 512, "MiB",
                     "capture VmHWM after the national import");
  figures->Note("national_import_cpu_s",
                absl::StrFormat("capture %.1f, client %.1f", n.capture_cpu,
                                n.client_cpu));
  figures->Note("national_capture_disk_mib",
                absl::StrFormat("%.0f", n.capture_disk_bytes / 1048576.0));
  if (!absl::GetFlag(FLAGS_pg_socket).empty()) {
    PostgresServer pg;
    pg.bin_dir = absl::GetFlag(FLAGS_pg_bin);
    pg.socket_dir = absl::GetFlag(FLAGS_pg_socket);
    pg.port = absl::GetFlag(FLAGS_pg_port);
    pg.user = absl::GetFlag(FLAGS_pg_user);
    NationalShape shape;
    shape.entities = n.entities;
    Log(absl::StrCat("postgres: loading ", shape.records(), " records"));
    absl::StatusOr<PostgresLoad> load =
        LoadIntoPostgres(pg, shape, env.work + "/measurements.csv");
    Check(load.status(), "PostgreSQL load");
    Log(absl::StrFormat(
        "postgres: COPY %.1f s, primary key %.1f s, ANALYZE "
        "%.1f s",
        load->copy_seconds, load->primary_key_seconds, load->analyze_seconds));
    absl::StatusOr<PostgresAggregation> aggregation =
        AggregateInPostgres(pg, shape, 3);
    Check(aggregation.status(), "PostgreSQL aggregation");
    Log(absl::StrFormat("postgres: aggregation %.2f s", aggregation->seconds));
    // Both sides start from their input encoded beforehand: the CSV file
    // COPY reads, the requests the import sends.
    figures->AddAtLeast("ingest_vs_postgres",
                        encoded.rate / load->records_per_second(), 1,
                        "capture import of requests encoded beforehand "
                        "records/s / PostgreSQL COPY of a CSV file written "
                        "beforehand + primary key records/s");
    figures->Add("ingest_generated_vs_postgres",
                 n.ingest_rate / load->records_per_second(), "ratio",
                 "the import with each request built and encoded as it goes "
                 "(the client's work on the clock) / the same COPY");
    figures->AddAtLeast(
        "aggregate_vs_postgres",
        n.overview_per_second / aggregation->entities_per_second(), 1,
        "one-period outcome tables entities/s (StreamEntitySummaries) / one "
        "SQL query entities/s");
    figures->Add("getreport_vs_postgres",
                 n.reports_per_second / aggregation->entities_per_second(),
                 "ratio",
                 "full per-entity reports (one GetReport each) entities/s / "
                 "one SQL query entities/s");
    figures->Add(
        "postgres_load_records_per_s", load->records_per_second(), "records/s",
        absl::StrFormat("COPY %.1f s + primary key %.1f s", load->copy_seconds,
                        load->primary_key_seconds));
    figures->Add(
        "postgres_aggregate_entities_per_s", aggregation->entities_per_second(),
        "entities/s",
        absl::StrFormat("one query, %.2f s (best of 3)", aggregation->seconds));
  }
  for (const ScaleResult& r : results) {
    const std::string x = absl::StrCat(r.entities * 16 / n.entities, "x");
    figures->Add(absl::StrCat("growth_", x, "_import_s"), r.import_seconds, "s",
                 absl::StrCat(r.records, " records"));
    figures->Add(absl::StrCat("growth_", x, "_reports_s"), r.report_seconds,
                 "s", absl::StrCat(r.entities, " one-period reports"));
    figures->Add(absl::StrCat("growth_", x, "_report_p50_us"), r.report_p50_us,
                 "us", "one entity's one-period report");
    figures->Add(absl::StrCat("growth_", x, "_summaries_s"), r.overview_seconds,
                 "s",
                 absl::StrCat(r.entities, " outcome tables in one stream"));
  }
}

}  // namespace valore::bench::internal
