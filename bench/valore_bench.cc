// valore-bench: measures the services against their baselines and prints
// the figures (see BENCHMARKS.md). Run by `make bench` through
// bench/run-bench.sh, which provides PostgreSQL; it can also run alone:
//
//   valore-bench --build_dir build-bench --out bench/results/latest.json
//
// Every service is a real binary started as a child process on a free
// loopback port, with its data in a temporary folder, and stopped at the end.
#include <grpcpp/grpcpp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/clients.h"
#include "bench/dataset.h"
#include "bench/figures.h"
#include "bench/postgres.h"
#include "bench/process.h"
#include "bench/raw_rocksdb.h"
#include "google/protobuf/arena.h"
#include "valore/v1/aggregation.grpc.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

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
ABSL_FLAG(int, batch, 1000, "records per BatchWriteMeasurements call");
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

namespace valore::bench {
namespace {

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

// Paths and credentials shared by the phases.
struct Env {
  std::string catalog_bin, capture_bin, aggregation_bin, cli_bin;
  std::string data_dir;
  std::string work;  // temporary folder of the run
  std::string certs;
  std::string tokens;
  std::string admin_token;
  std::string editor_token;  // editor of the five Terre d'Argine entities
};

std::string CreateToken(const Env& env, const std::string& principal,
                        const std::string& role, const std::string& entities) {
  std::string command =
      absl::StrCat(env.cli_bin, " token create --tokens ", env.tokens,
                   " --principal ", principal, " --role ", role);
  if (!entities.empty()) absl::StrAppend(&command, " --entities ", entities);
  CommandResult r = RunCommand(command + " 2>/dev/null");
  if (r.exit_code != 0) {
    Die(absl::InternalError(r.output), "valore token create");
  }
  return std::string(absl::StripAsciiWhitespace(r.output));
}

void Prepare(Env* env) {
  env->certs = env->work + "/certs";
  const std::string command = absl::StrCat(
      absl::GetFlag(FLAGS_source_dir), "/deploy/dev-certs/make-dev-certs.sh ",
      env->certs, " >/dev/null 2>&1");
  if (RunCommand(command).exit_code != 0) {
    Die(absl::InternalError("failed"), command);
  }
  env->tokens = env->work + "/tokens";
  env->admin_token = CreateToken(*env, "bench-importer", "admin", "");
  env->editor_token =
      CreateToken(*env, "bench-editor", "editor",
                  "unione,campogalliano,carpi,novi-di-modena,soliera");
  std::ofstream tokens(env->tokens, std::ios::app);
  // Services know each other by their certificates.
  tokens << "cert:valore-capture\tvalore-capture\tviewer\t-\n";
  tokens << "cert:valore-aggregation\tvalore-aggregation\tjob\t-\n";
}

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

std::vector<std::string> SecurityArgs(const Env& env, bool secure,
                                      const std::string& name) {
  if (!secure) return {"--insecure"};
  return {"--tls_cert=" + env.certs + "/" + name + ".pem",
          "--tls_key=" + env.certs + "/" + name + ".key",
          "--tls_ca=" + env.certs + "/ca.pem", "--auth_tokens=" + env.tokens};
}

void StartSuite(const Env& env, const std::string& dir, bool secure,
                bool with_aggregation, Suite* suite) {
  suite->secure = secure;
  std::filesystem::create_directories(dir);
  // Certificates name localhost.
  const std::string listen = secure ? "localhost:0" : "127.0.0.1:0";
  std::vector<std::string> args = SecurityArgs(env, secure, "catalog");
  args.insert(args.end(), {"--listen=" + listen, "--data=" + dir + "/catalog"});
  Check(suite->catalog.Start(env.catalog_bin, args, dir + "/catalog.log"),
        "starting valore-catalog");
  args = SecurityArgs(env, secure, "capture");
  args.insert(args.end(), {"--listen=" + listen, "--data=" + dir + "/capture",
                           "--catalog=" + suite->catalog.address()});
  Check(suite->capture.Start(env.capture_bin, args, dir + "/capture.log"),
        "starting valore-capture");
  if (!with_aggregation) return;
  args = SecurityArgs(env, secure, "aggregation");
  args.insert(args.end(),
              {"--listen=" + listen, "--data=" + dir + "/aggregation",
               "--catalog=" + suite->catalog.address(),
               "--capture=" + suite->capture.address()});
  Check(suite->aggregation.Start(env.aggregation_bin, args,
                                 dir + "/aggregation.log"),
        "starting valore-aggregation");
}

void ImportCatalog(const Env& env, const Suite& suite,
                   const v1::Catalog& catalog) {
  auto stub = v1::CatalogService::NewStub(NewChannel(
      suite.catalog.address(), suite.Client(env, env.admin_token), 100));
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = catalog;
  request.set_request_id("bench-catalog");
  v1::ImportCatalogResponse response;
  grpc::ClientContext context;
  context.set_deadline(In(120));
  grpc::Status status = stub->ImportCatalog(&context, request, &response);
  if (!status.ok()) {
    Die(absl::InternalError(status.error_message().substr(0, 2000)),
        "ImportCatalog");
  }
}

// ---------------------------------------------------------------- report

// Union report of the shipped catalog, 5 entities x 10 semesters, against a
// health check of the same aggregation server.
void ReportLatency(const Env& env, Figures* figures) {
  Log("report latency: shipped catalog, 5 entities x 10 semesters");
  const std::string dir = env.work + "/report";
  Suite suite;
  StartSuite(env, dir, /*secure=*/false, /*with_aggregation=*/true, &suite);
  ShippedHistory history = MakeShippedHistory(env.data_dir);
  ImportCatalog(env, suite, history.catalog);
  std::vector<v1::BatchWriteMeasurementsRequest> batches;
  for (size_t k = 0; k < history.measurements.size(); ++k) {
    if (k % 1000 == 0) {
      batches.emplace_back();
      batches.back().set_request_id(absl::StrCat("history-", k / 1000));
      batches.back().set_author("bench");
    }
    *batches.back().add_measurements() = history.measurements[k];
  }
  IngestOptions ingest;
  ingest.batches = batches.size();
  ingest.concurrency = 1;
  absl::StatusOr<IngestResult> written = Ingest(
      suite.capture.address(), suite.Client(env, ""),
      [&](int64_t b, v1::BatchWriteMeasurementsRequest*) {
        return &batches[b];
      },
      ingest);
  Check(written.status(), "writing the history");

  auto channel = NewChannel(suite.aggregation.address(), ClientSecurity(), 1);
  auto stub = v1::AggregationService::NewStub(channel);
  v1::GetReportRequest request;
  request.set_period("2023S2");
  // The report is read into an arena, as a client that reads reports often
  // would: one allocation block instead of one per field.
  auto report_once = [&](bool arena) -> double {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    google::protobuf::Arena pool;
    v1::Report plain;
    v1::Report* report =
        arena ? google::protobuf::Arena::CreateMessage<v1::Report>(&pool)
              : &plain;
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status = stub->GetReport(&context, request, report);
    const auto end = std::chrono::steady_clock::now();
    if (!status.ok() || report->indicators_size() == 0) {
      Die(absl::InternalError(status.error_message()), "GetReport");
    }
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  auto health_once = [&]() -> double {
    const auto start = std::chrono::steady_clock::now();
    Check(HealthCheck(channel.get()), "health");
    const auto end = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  // Warm both paths (connections, caches), then alternate short runs so
  // that both see the same machine.
  for (int i = 0; i < 50; ++i) {
    report_once(true);
    report_once(false);
    health_once();
  }
  const int calls = absl::GetFlag(FLAGS_report_calls);
  std::vector<double> report_us, plain_us, health_us;
  for (int done = 0; done < calls; done += 100) {
    for (int i = 0; i < 100; ++i) report_us.push_back(report_once(true));
    for (int i = 0; i < 100; ++i) health_us.push_back(health_once());
    for (int i = 0; i < 100; ++i) plain_us.push_back(report_once(false));
  }
  // What a report costs the client by itself: parsing its bytes.
  size_t report_bytes = 0;
  double parse_us = 0;
  double serialize_us = 0;
  {
    grpc::ClientContext context;
    v1::Report report;
    if (stub->GetReport(&context, request, &report).ok()) {
      const std::string bytes = report.SerializeAsString();
      report_bytes = bytes.size();
      std::vector<double> parse, serialize, copy_us;
      for (int i = 0; i < 200; ++i) {
        v1::Report parsed;
        auto t0 = std::chrono::steady_clock::now();
        parsed.ParseFromString(bytes);
        auto t1 = std::chrono::steady_clock::now();
        std::string again = parsed.SerializeAsString();
        auto t2 = std::chrono::steady_clock::now();
        v1::Report copy = parsed;
        auto t3 = std::chrono::steady_clock::now();
        copy_us.push_back(
            std::chrono::duration<double, std::micro>(t3 - t2).count());
        parse.push_back(
            std::chrono::duration<double, std::micro>(t1 - t0).count());
        serialize.push_back(
            std::chrono::duration<double, std::micro>(t2 - t1).count());
      }
      parse_us = Percentile(parse, 50);
      serialize_us = Percentile(serialize, 50);
      figures->Note("report_copy_us",
                    absl::StrFormat("%.1f", Percentile(copy_us, 50)));
    }
  }
  figures->Note("report_parse_us", absl::StrFormat("%.1f", parse_us));
  figures->Note("report_serialize_us", absl::StrFormat("%.1f", serialize_us));
  const double health_p50 = Percentile(health_us, 50);
  const double report_p50 = Percentile(report_us, 50);
  const double report_p99 = Percentile(report_us, 99);
  figures->AddAtMost("report_p50_vs_health", report_p50 / health_p50, 5, "x",
                     "Union report p50 / health Check p50");
  figures->Add("report_p99_vs_health", report_p99 / health_p50, "x",
               "Union report p99 / health Check p50");
  figures->Add("report_p50_us", report_p50, "us",
               "Union report 2023S2, shipped catalog, 5 entities x 10 "
               "semesters");
  figures->Add("report_p99_us", report_p99, "us", "same, p99");
  figures->Add("report_plain_p50_us", Percentile(plain_us, 50), "us",
               "same, read without an arena");
  figures->Add("health_p50_us", health_p50, "us",
               "grpc.health.v1 Check round trip, same server");
  figures->Add("health_p99_us", Percentile(health_us, 99), "us", "same, p99");
  figures->Note("report_bytes", absl::StrCat(report_bytes));
  figures->Note("report_history_records",
                absl::StrCat(history.measurements.size()));
  suite.aggregation.Stop();
  suite.capture.Stop();
  suite.catalog.Stop();
}

// -------------------------------------------------------------- national

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
}

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

// Per-entity one-period reports for every entity, `concurrency` in flight.
void SweepReports(const std::string& address, const ClientSecurity& security,
                  int entities, const std::string& period, int concurrency,
                  ScaleResult* out) {
  std::atomic<int> next{0};
  absl::Mutex mu;
  std::vector<double> latencies;
  absl::Status failure;
  const absl::Time start = absl::Now();
  std::vector<std::thread> workers;
  for (int w = 0; w < concurrency; ++w) {
    workers.emplace_back([&, w] {
      auto stub =
          v1::AggregationService::NewStub(NewChannel(address, security, w));
      std::vector<double> mine;
      for (;;) {
        const int e = next.fetch_add(1);
        if (e >= entities) break;
        v1::GetReportRequest request;
        request.set_period(period);
        request.set_entity(EntityId(e));
        // Read into an arena, as for the latency figure.
        google::protobuf::Arena arena;
        v1::Report& report =
            *google::protobuf::Arena::CreateMessage<v1::Report>(&arena);
        grpc::ClientContext context;
        context.set_deadline(In(60));
        const auto t0 = std::chrono::steady_clock::now();
        grpc::Status status = stub->GetReport(&context, request, &report);
        const auto t1 = std::chrono::steady_clock::now();
        if (!status.ok() || report.indicators_size() == 0) {
          absl::MutexLock lock(&mu);
          failure = absl::InternalError(absl::StrCat(
              "GetReport ", EntityId(e), ": ", status.error_message(), " (",
              report.indicators_size(), " indicators)"));
          break;
        }
        mine.push_back(
            std::chrono::duration<double, std::micro>(t1 - t0).count());
      }
      absl::MutexLock lock(&mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& t : workers) t.join();
  Check(failure, "report sweep");
  out->report_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  out->reports_per_second = entities / out->report_seconds;
  out->report_p50_us = Percentile(latencies, 50);
}

// One StreamEntitySummaries call for every entity of the catalog: the
// one-period outcome table of each entity.
void SweepSummaries(const std::string& address, const ClientSecurity& security,
                    int entities, int lines, const std::string& period,
                    ScaleResult* out) {
  auto stub = v1::AggregationService::NewStub(NewChannel(address, security, 0));
  v1::StreamEntitySummariesRequest request;
  request.set_period(period);
  grpc::ClientContext context;
  context.set_deadline(In(600));
  const absl::Time start = absl::Now();
  std::unique_ptr<grpc::ClientReader<v1::StreamEntitySummariesResponse>>
      reader = stub->StreamEntitySummaries(&context, request);
  int summaries = 0;
  int64_t lines_counted = 0;
  v1::StreamEntitySummariesResponse chunk;
  while (reader->Read(&chunk)) {
    for (const v1::EntitySummary& s : chunk.summaries()) {
      ++summaries;
      if (s.outcome_table_size() > 0) {
        lines_counted += s.outcome_table(0).total();
      }
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) {
    Die(absl::InternalError(status.error_message()), "StreamEntitySummaries");
  }
  out->overview_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  // Every entity once, each with every line of the catalog counted.
  if (summaries != entities ||
      lines_counted != static_cast<int64_t>(entities) * lines) {
    Die(absl::InternalError(absl::StrCat(summaries, " summaries, ",
                                         lines_counted, " lines for ", entities,
                                         " entities")),
        "StreamEntitySummaries");
  }
  out->overview_per_second = entities / out->overview_seconds;
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
  figures->AddAtLeast("ingest_vs_rocksdb", n.ingest_rate / n.raw_rate, 0.5,
                      "capture BatchWriteMeasurements records/s / raw "
                      "RocksDB WriteBatch(1000) records/s");
  figures->Add("ingest_records_per_s", n.ingest_rate, "records/s",
               "national import through CaptureService (TLS, token, audit, "
               "sync)");
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
    figures->AddAtLeast("ingest_vs_postgres",
                        n.ingest_rate / load->records_per_second(), 1,
                        "capture import records/s / PostgreSQL COPY + "
                        "primary key records/s");
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

}  // namespace
}  // namespace valore::bench

int main(int argc, char** argv) {
  using namespace valore::bench;
  absl::SetProgramUsageMessage("valore-bench [--phases report,national]");
  absl::ParseCommandLine(argc, argv);
  const std::string build = absl::GetFlag(FLAGS_build_dir);
  Env env;
  env.catalog_bin = build + "/services/catalog/valore-catalog";
  env.capture_bin = build + "/services/capture/valore-capture";
  env.aggregation_bin = build + "/services/aggregation/valore-aggregation";
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
