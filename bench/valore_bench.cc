// valore-bench: measures the services against their baselines and prints
// the figures (see BENCHMARKS.md). Run by `make bench` through
// bench/run-bench.sh, which provides PostgreSQL; it can also run alone:
//
//   valore-bench --build_dir build-bench --out bench/results/latest.json
//
// Every service is a real binary started as a child process on a free
// loopback port, with its data in a temporary folder, and stopped at the end.
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/dataset.h"
#include "bench/figures.h"
#include "bench/process.h"
#include "bench/valore_bench_internal.h"
#include "common/record_checks.h"

ABSL_FLAG(std::string, build_dir, "build-bench",
          "build folder holding services/*/valore-* and cli/valore");
ABSL_FLAG(std::string, source_dir, ".",
          "source folder (data/terre-d-argine-2023, deploy/dev-certs)");
ABSL_FLAG(std::string, out, "bench/results/latest.json",
          "where to write the figures as JSON");
ABSL_FLAG(std::string, phases, "report,national",
          "comma-separated: report (latency vs health), national (import, "
          "reports, raw baselines, PostgreSQL, growth)");
ABSL_FLAG(int, entities, valore::bench::kItalianComuni,
          "entities of the national data set (the 16x scale)");
ABSL_FLAG(std::string, growth, "1,4,16",
          "scales of the growth runs, in 16ths of --entities; the last one "
          "is the national run");
ABSL_FLAG(int, concurrency, 4, "calls in flight during imports and sweeps");
// A bulk load sends the largest requests the contract takes, as COPY reads
// its whole file in one statement.
ABSL_FLAG(int, batch, valore::kMaxBatchRecords,
          "records per BatchWriteMeasurements call (and per raw RocksDB "
          "WriteBatch)");
ABSL_FLAG(int, report_calls, 2000,
          "timed Union report calls (and as many health checks)");
ABSL_FLAG(std::string, pg_bin, "/usr/lib/postgresql/15/bin",
          "PostgreSQL bin folder (its psql)");
ABSL_FLAG(std::string, pg_socket, "",
          "folder of the running PostgreSQL's unix socket (bench/run-bench.sh "
          "starts one); empty skips the PostgreSQL figures");
ABSL_FLAG(int, pg_port, 5432, "port number naming the PostgreSQL socket");
ABSL_FLAG(std::string, pg_user, "postgres", "PostgreSQL role to connect as");
ABSL_FLAG(bool, keep, false, "keep the temporary folder (for inspection)");

namespace valore::bench::internal {

void Die(const absl::Status& s, const std::string& where) {
  std::cerr << "valore-bench: " << where << ": " << s << "\n";
  std::exit(1);
}

void Check(const absl::Status& s, const std::string& where) {
  if (!s.ok()) Die(s, where);
}

void Log(const std::string& line) {
  std::cerr << absl::FormatTime("%H:%M:%S ", absl::Now(), absl::LocalTimeZone())
            << line << std::endl;
}

double SelfCpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

}  // namespace valore::bench::internal

int main(int argc, char** argv) {
  using namespace valore::bench;
  using namespace valore::bench::internal;
  absl::SetProgramUsageMessage("valore-bench [--phases report,national]");
  absl::ParseCommandLine(argc, argv);
  const std::string build = absl::GetFlag(FLAGS_build_dir);
  Env env;
  env.catalog_bin = build + "/services/catalog/valore-catalog";
  env.capture_bin = build + "/services/capture/valore-capture";
  env.aggregation_bin = build + "/services/aggregation/valore-aggregation";
  env.gateway_bin = build + "/services/gateway/valore-gateway";
  env.cli_bin = build + "/cli/valore";
  env.data_dir = absl::GetFlag(FLAGS_source_dir) + "/data/terre-d-argine-2023";
  TempDir work("valore-bench");
  env.work = work.path();
  Prepare(&env);

  Figures figures;
  const std::vector<std::string> phases =
      absl::StrSplit(absl::GetFlag(FLAGS_phases), ',', absl::SkipEmpty());
  for (const std::string& phase : phases) {
    if (phase == "report") {
      ReportLatency(env, &figures);
    } else if (phase == "national") {
      National(env, &figures);
    } else {
      Die(absl::InvalidArgumentError(phase), "--phases");
    }
  }
  std::cout << figures.Text();
  Check(figures.WriteJson(absl::GetFlag(FLAGS_out)), "writing JSON");
  if (absl::GetFlag(FLAGS_keep)) {
    const std::string kept = env.work + ".kept";
    std::error_code ec;
    std::filesystem::rename(env.work, kept, ec);
    std::cerr << "kept " << kept << "\n";
  }
  return 0;
}
