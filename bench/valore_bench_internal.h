// Pieces shared by the files of valore-bench: the flags that the phases
// read, exiting and logging, the run's environment and the three services
// under test, and the phases and sweeps that main (valore_bench.cc) runs.
#ifndef VALORE_BENCH_VALORE_BENCH_INTERNAL_H_
#define VALORE_BENCH_VALORE_BENCH_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "bench/clients.h"
#include "bench/dataset.h"
#include "bench/figures.h"
#include "bench/process.h"
#include "valore/v1/catalog.pb.h"

// Defined in valore_bench.cc.
ABSL_DECLARE_FLAG(std::string, source_dir);
ABSL_DECLARE_FLAG(int, entities);
ABSL_DECLARE_FLAG(std::string, growth);
ABSL_DECLARE_FLAG(int, concurrency);
ABSL_DECLARE_FLAG(int, batch);
ABSL_DECLARE_FLAG(int, report_calls);
ABSL_DECLARE_FLAG(std::string, pg_bin);
ABSL_DECLARE_FLAG(std::string, pg_socket);
ABSL_DECLARE_FLAG(int, pg_port);
ABSL_DECLARE_FLAG(std::string, pg_user);
ABSL_DECLARE_FLAG(bool, keep);

namespace valore::bench::internal {

// --- Exiting, logging and timing (valore_bench.cc) --------------------------

void Die(const absl::Status& s, const std::string& where);
void Check(const absl::Status& s, const std::string& where);
void Log(const std::string& line);
double SelfCpuSeconds();
std::chrono::system_clock::time_point In(int seconds);

// --- The run's environment and the services under test (suite.cc) ----------

// Paths and credentials shared by the phases.
struct Env {
  std::string catalog_bin, capture_bin, aggregation_bin, gateway_bin, cli_bin;
  std::string data_dir;
  std::string work;  // temporary folder of the run
  std::string certs;
  std::string tokens;
  std::string admin_token;
  std::string editor_token;  // editor of the five Terre d'Argine entities
};

// Certificates and tokens of the run, in env->work.
void Prepare(Env* env);

// The three services on loopback, TLS and tokens or plain text.
struct Suite {
  ServiceProcess catalog, capture, aggregation;
  bool secure = false;
  ClientSecurity Client(const Env& env, const std::string& token) const {
    ClientSecurity s;
    if (secure) {
      s.ca_pem_path = env.certs + "/ca.pem";
      s.token = token;
    }
    return s;
  }
};

void StartSuite(const Env& env, const std::string& dir, bool secure,
                bool with_aggregation, Suite* suite);
void ImportCatalog(const Env& env, const Suite& suite,
                   const v1::Catalog& catalog);

// --- The report phase (report_latency.cc) -----------------------------------

// Union report of the shipped catalog, 5 entities x 10 semesters, against a
// health check of the same aggregation server.
void ReportLatency(const Env& env, Figures* figures);

// --- The national phase -----------------------------------------------------

// The figures of one scale of the national data set.
struct ScaleResult {
  int entities = 0;
  int64_t records = 0;
  double import_seconds = 0;
  double ingest_rate = 0;
  double raw_rate = 0;          // generating and writing, as the client
  double raw_storage_rate = 0;  // writing only
  double report_seconds = 0;    // every entity's one-period report
  double reports_per_second = 0;
  double report_p50_us = 0;
  double raw_scan_per_second = 0;
  double overview_seconds = 0;  // StreamEntitySummaries of every entity
  double overview_per_second = 0;
  long capture_peak_kib = 0;
  double capture_cpu = 0;  // CPU seconds of the capture service during import
  double client_cpu = 0;   // and of the importing client
  long long capture_disk_bytes = 0;
};

// Report and overview sweeps (sweeps.cc).

// Per-entity one-period reports for every entity, `concurrency` in flight.
void SweepReports(const std::string& address, const ClientSecurity& security,
                  int entities, const std::string& period, int concurrency,
                  ScaleResult* out);
// One StreamEntitySummaries call for every entity of the catalog: the
// one-period outcome table of each entity.
void SweepSummaries(const std::string& address, const ClientSecurity& security,
                    int entities, int lines, const std::string& period,
                    ScaleResult* out);

// One scale: import, sweeps and raw RocksDB baselines (national_scale.cc).
// The import of RunScale again, over plaintext loopback (no TLS, no token):
// records/s, so that TLS's share of the import shows.
// An import of the national data set into a suite of its own, beside the
// scale runs: over plaintext loopback (secure false), or with every request
// encoded before the clock starts.
struct SeparateImport {
  double rate = 0;  // records/s
  double capture_cpu = 0;
  double client_cpu = 0;
};
SeparateImport ImportAgain(const Env& env, const NationalShape& shape,
                           const std::string& name, bool secure,
                           bool encoded_beforehand);
ScaleResult RunScale(const Env& env, const NationalShape& shape,
                     const std::string& name);

// The growth runs, their figures and the PostgreSQL peer (national.cc).
void National(const Env& env, Figures* figures);

}  // namespace valore::bench::internal

#endif  // VALORE_BENCH_VALORE_BENCH_INTERNAL_H_
