// Prometheus metrics end to end: the three server binaries with
// --metrics_listen on loopback, a known sequence of calls, and GET /metrics
// scraped over HTTP: the counts must be exactly those of the calls, and
// promtool must accept every scrape.
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/scopes.h"
#include "gtest/gtest.h"
#include "importer/import_plan.h"
#include "services/common/channels.h"
#include "services/common/test_metrics_text.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

using Labels = std::map<std::string, std::string>;

// One server binary with its metrics endpoint, its call log in a file.
struct MeteredServer {
  std::optional<ServerProcess> process;
  std::string metrics;  // HOST:PORT of GET /metrics
  const std::string& address() const { return process->address(); }
};

// The address the server logged as "metrics listening on http://A/metrics".
std::string MetricsAddressIn(const std::string& log_path) {
  std::ifstream in(log_path);
  std::stringstream log;
  log << in.rdbuf();
  const std::string text = log.str();
  const std::string kMarker = "metrics listening on http://";
  const size_t at = text.find(kMarker);
  if (at == std::string::npos) return "";
  const size_t start = at + kMarker.size();
  return text.substr(start, text.find("/metrics", start) - start);
}

MeteredServer StartMetered(const std::string& binary,
                           std::vector<std::string> flags,
                           const std::string& log_path) {
  std::vector<std::string> argv = {
      binary,        "--insecure",       "--listen",
      "127.0.0.1:0", "--metrics_listen", "127.0.0.1:0"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  absl::StatusOr<ServerProcess> process =
      ServerProcess::Start(argv, absl::Seconds(30), log_path);
  EXPECT_TRUE(process.ok()) << process.status();
  if (!process.ok()) return {};
  // The metrics line is logged before the gRPC address is printed.
  MeteredServer server{*std::move(process), MetricsAddressIn(log_path)};
  EXPECT_FALSE(server.metrics.empty()) << log_path;
  return server;
}

// GET /metrics over a real HTTP connection.
std::string Scrape(const MeteredServer& server) {
  const size_t colon = server.metrics.rfind(':');
  int port = 0;
  EXPECT_TRUE(absl::SimpleAtoi(server.metrics.substr(colon + 1), &port));
  httplib::Client client(server.metrics.substr(0, colon), port);
  httplib::Result got = client.Get("/metrics");
  EXPECT_TRUE(got) << server.metrics << ": " << httplib::to_string(got.error());
  if (!got) return "";
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->get_header_value("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  return got->body;
}

// `promtool check metrics` on `text` given on its standard input; its
// verdict in `output`. Installed by scripts/install-deps.sh: without it the
// test fails.
int PromtoolCheck(const std::string& text, const std::string& dir,
                  std::string* output) {
  const std::string path = absl::StrCat(dir, "/scrape-", std::rand(), ".txt");
  std::ofstream(path) << text;
  return RunProgram({"/bin/sh", "-c", "exec \"$0\" check metrics < \"$1\" 2>&1",
                     VALORE_PROMTOOL, path},
                    output);
}

// The change of every series of interest between two scrapes; a series not
// there yet counts as 0.
class Scrapes {
 public:
  explicit Scrapes(const MeteredServer* server) : server_(server) {}
  void Before() { before_ = ParseMetricsText(Scrape(*server_)); }
  void After() {
    after_text_ = Scrape(*server_);
    after_ = ParseMetricsText(after_text_);
  }
  double Delta(absl::string_view name, const Labels& labels = {}) const {
    return SampleValue(after_, name, labels).value_or(0) -
           SampleValue(before_, name, labels).value_or(0);
  }
  std::optional<double> Now(absl::string_view name,
                            const Labels& labels = {}) const {
    return SampleValue(after_, name, labels);
  }
  const std::string& text() const { return after_text_; }

 private:
  const MeteredServer* server_;
  std::vector<MetricSample> before_;
  std::vector<MetricSample> after_;
  std::string after_text_;
};

Labels Method(const std::string& type, const std::string& service,
              const std::string& method) {
  return {
      {"grpc_type", type}, {"grpc_service", service}, {"grpc_method", method}};
}

Labels WithCode(Labels labels, const std::string& code) {
  labels["grpc_code"] = code;
  return labels;
}

class MetricsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A lease long enough that a loaded machine never lets a watch lapse
    // between heartbeats: the counts below must not depend on its speed.
    catalog_ =
        StartMetered(VALORE_CATALOG_BINARY,
                     {"--data", dir_.Sub("catalog"), "--watch_lease", "120s"},
                     dir_.Sub("catalog.log"));
    ASSERT_FALSE(catalog_.metrics.empty());
    capture_ = StartMetered(VALORE_CAPTURE_BINARY,
                            {"--data", dir_.Sub("capture"), "--catalog",
                             catalog_.address(), "--watch_lease", "120s"},
                            dir_.Sub("capture.log"));
    ASSERT_FALSE(capture_.metrics.empty());
    aggregation_ =
        StartMetered(VALORE_AGGREGATION_BINARY,
                     {"--data", dir_.Sub("aggregation"), "--catalog",
                      catalog_.address(), "--capture", capture_.address()},
                     dir_.Sub("aggregation.log"));
    ASSERT_FALSE(aggregation_.metrics.empty());
    catalog_stub_ =
        v1::CatalogService::NewStub(MakeChannel(catalog_.address()));
    capture_stub_ =
        v1::CaptureService::NewStub(MakeChannel(capture_.address()));
    aggregation_stub_ =
        v1::AggregationService::NewStub(MakeChannel(aggregation_.address()));
  }

  v1::Report Report(const std::string& scope) {
    v1::GetReportRequest request;
    request.set_period("2023S2");
    request.set_scope(scope);
    v1::Report report;
    const grpc::Status status =
        aggregation_stub_->GetReport(Deadline().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  // Asks for the report of `scope` until the version watches answer it
  // (they open as the aggregation starts); whether they did.
  bool AnsweredByTheWatches(const std::string& scope) {
    Scrapes aggregation(&aggregation_);
    for (int i = 0; i < 600; ++i) {
      aggregation.Before();
      Report(scope);
      aggregation.After();
      if (aggregation.Delta("valore_report_cache_watched_hits_total") == 1) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  void ExpectPromtoolAccepts(const std::string& text) {
    std::string output;
    EXPECT_EQ(PromtoolCheck(text, dir_.path(), &output), 0)
        << "promtool (" << VALORE_PROMTOOL << "): " << output << "\n"
        << text;
  }

  TempDir dir_;
  MeteredServer catalog_;
  MeteredServer capture_;
  MeteredServer aggregation_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_stub_;
  std::unique_ptr<v1::CaptureService::Stub> capture_stub_;
  std::unique_ptr<v1::AggregationService::Stub> aggregation_stub_;
};

TEST_F(MetricsE2eTest, CountsEveryCallAndEvent) {
  const import::DataFolder data = ReadShippedData();
  ImportThroughServices(data, *catalog_stub_, *capture_stub_);
  Scrapes catalog(&catalog_);
  Scrapes capture(&capture_);
  Scrapes aggregation(&aggregation_);
  catalog.Before();
  capture.Before();
  aggregation.Before();

  // Catalog: two entities found, one not.
  for (const char* name : {"entities/carpi", "entities/soliera"}) {
    v1::GetEntityRequest request;
    request.set_name(name);
    v1::Entity entity;
    ASSERT_TRUE(
        catalog_stub_->GetEntity(Deadline().get(), request, &entity).ok());
  }
  v1::GetEntityRequest missing;
  missing.set_name("entities/nowhere");
  v1::Entity entity;
  EXPECT_EQ(
      catalog_stub_->GetEntity(Deadline().get(), missing, &entity).error_code(),
      grpc::StatusCode::NOT_FOUND);

  // Capture: five records, then the same request again (answered as the
  // first time, nothing stored).
  constexpr int kRecords = 5;
  import::PlanOptions plan_options;
  plan_options.author = "metrics-test";
  const import::ImportPlan plan = import::PlanImport(data, plan_options);
  ASSERT_FALSE(plan.measurements.empty());
  const v1::BatchWriteMeasurementsRequest& imported =
      plan.measurements.front().request;
  ASSERT_GE(imported.measurements_size(), kRecords);
  v1::BatchWriteMeasurementsRequest write;
  write.set_request_id("metrics-test-write");
  write.set_author("metrics-test");
  for (int i = 0; i < kRecords; ++i) {
    *write.add_measurements() = imported.measurements(i);
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    v1::BatchWriteMeasurementsResponse written;
    const grpc::Status status = capture_stub_->BatchWriteMeasurements(
        Deadline().get(), write, &written);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Aggregation: a report is kept from the second time it is asked, so the
  // third is the first answered from the cache.
  v1::GetReportRequest report_request;
  report_request.set_period("2023S2");
  report_request.set_scope(std::string(kUnionScope));
  for (int i = 0; i < 3; ++i) {
    v1::Report report;
    const grpc::Status status =
        aggregation_stub_->GetReport(Deadline().get(), report_request, &report);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  // A snapshot builds its report as of its moment; taken again while the
  // period stays locked, it is the same one.
  for (const char* id :
       {"metrics-test-snapshot-1", "metrics-test-snapshot-2"}) {
    v1::TakeSnapshotRequest take;
    take.set_period("2023S2");
    take.set_request_id(id);
    v1::Snapshot snapshot;
    const grpc::Status status =
        aggregation_stub_->TakeSnapshot(Deadline(30).get(), take, &snapshot);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(snapshot.version(), 1);
  }

  catalog.After();
  const Labels get_entity =
      Method("unary", "valore.v1.CatalogService", "GetEntity");
  EXPECT_EQ(catalog.Delta("grpc_server_started_total", get_entity), 3);
  EXPECT_EQ(
      catalog.Delta("grpc_server_handled_total", WithCode(get_entity, "OK")),
      2);
  EXPECT_EQ(catalog.Delta("grpc_server_handled_total",
                          WithCode(get_entity, "NotFound")),
            1);
  EXPECT_EQ(catalog.Delta("grpc_server_msg_received_total", get_entity), 3);
  EXPECT_EQ(catalog.Delta("grpc_server_msg_sent_total", get_entity), 2);
  EXPECT_EQ(catalog.Delta("grpc_server_handling_seconds_count", get_entity), 3);
  EXPECT_EQ(catalog.Now("valore_build_info", {{"server", "valore-catalog"},
                                              {"version", VALORE_VERSION}}),
            1);
  // Read from its database at each scrape.
  EXPECT_TRUE(catalog.Now("valore_rocksdb_sst_files_bytes").has_value());
  EXPECT_TRUE(
      catalog.Now("valore_rocksdb_pending_compaction_bytes").has_value());
  ExpectPromtoolAccepts(catalog.text());

  capture.After();
  const Labels batch_write =
      Method("unary", "valore.v1.CaptureService", "BatchWriteMeasurements");
  EXPECT_EQ(capture.Delta("valore_measurements_written_total"), kRecords);
  EXPECT_EQ(
      capture.Delta("grpc_server_handled_total", WithCode(batch_write, "OK")),
      2);
  EXPECT_EQ(capture.Now("valore_dependency_errors_total",
                        {{"dependency", "catalog"}}),
            0);
  ExpectPromtoolAccepts(capture.text());

  aggregation.After();
  EXPECT_EQ(aggregation.Delta("valore_reports_built_total"), 3);
  EXPECT_EQ(aggregation.Delta("valore_report_cache_misses_total"), 3);
  EXPECT_EQ(aggregation.Delta("valore_report_cache_hits_total"), 1);
  EXPECT_EQ(aggregation.Delta("valore_snapshots_taken_total"), 1);
  EXPECT_EQ(aggregation.Now("valore_dependency_errors_total",
                            {{"dependency", "catalog"}}),
            0);
  EXPECT_EQ(aggregation.Now("valore_dependency_errors_total",
                            {{"dependency", "capture"}}),
            0);
  const Labels get_report =
      Method("unary", "valore.v1.AggregationService", "GetReport");
  EXPECT_EQ(aggregation.Delta("grpc_server_handled_total",
                              WithCode(get_report, "OK")),
            3);
  EXPECT_EQ(aggregation.Delta("grpc_server_msg_sent_total", get_report), 3);
  ExpectPromtoolAccepts(aggregation.text());
}

TEST_F(MetricsE2eTest, CachedReportsAreAnsweredWithoutACallWhileWatched) {
  ImportThroughServices(ReadShippedData(), *catalog_stub_, *capture_stub_);
  const std::string scope(kUnionScope);
  ASSERT_TRUE(AnsweredByTheWatches(scope));

  Scrapes catalog(&catalog_);
  Scrapes capture(&capture_);
  Scrapes aggregation(&aggregation_);
  catalog.Before();
  capture.Before();
  aggregation.Before();
  constexpr int kReads = 20;
  for (int i = 0; i < kReads; ++i) Report(scope);
  catalog.After();
  capture.After();
  aggregation.After();
  EXPECT_EQ(aggregation.Delta("valore_report_cache_hits_total"), kReads);
  EXPECT_EQ(aggregation.Delta("valore_report_cache_watched_hits_total"),
            kReads);
  EXPECT_EQ(aggregation.Delta("valore_reports_built_total"), 0);
  // Nothing was asked of the catalog or of capture.
  EXPECT_EQ(catalog.Delta(
                "grpc_server_started_total",
                Method("unary", "valore.v1.CatalogService", "ExportCatalog")),
            0);
  EXPECT_EQ(capture.Delta("grpc_server_started_total",
                          Method("unary", "valore.v1.CaptureService",
                                 "BatchGetMeasurements")),
            0);
}

TEST_F(MetricsE2eTest, AReportReadRightAfterAWriteShowsIt) {
  const import::DataFolder data = ReadShippedData();
  ImportThroughServices(data, *catalog_stub_, *capture_stub_);
  // A percentage in 2023S2, rewritten with new values below.
  const v1::Measurement* cell = nullptr;
  for (const v1::Measurement& m : data.measurements) {
    const std::string& text = m.value_text();
    if (m.period() == "2023S2" && text.size() > 1 && text.back() == '%' &&
        text.find_first_not_of("0123456789,") == text.size() - 1) {
      cell = &m;
      break;
    }
  }
  ASSERT_NE(cell, nullptr);
  const std::string scope = ScopeOf(cell->entity());
  ASSERT_TRUE(AnsweredByTheWatches(scope));
  auto value_in = [&](const v1::Report& report) -> double {
    for (const v1::IndicatorResult& i : report.indicators()) {
      if (i.code() != cell->item()) continue;
      for (const v1::EntityValue& v : i.entity_values()) {
        if (v.entity() == cell->entity()) return v.value().number().value();
      }
    }
    ADD_FAILURE() << cell->item() << " has no value of " << cell->entity();
    return -1;
  };

  Scrapes aggregation(&aggregation_);
  aggregation.Before();
  constexpr int kWrites = 30;
  for (int i = 1; i <= kWrites; ++i) {
    v1::WriteMeasurementRequest write;
    *write.mutable_measurement() = *cell;
    write.mutable_measurement()->set_value_text(absl::StrCat(i, "%"));
    write.set_author("metrics-test");
    v1::Measurement written;
    ASSERT_TRUE(
        capture_stub_->WriteMeasurement(Deadline().get(), write, &written)
            .ok());
    // At once, no pause: the write was acknowledged only once the watch
    // knew of it.
    EXPECT_EQ(value_in(Report(scope)), i);
    // Asked again, it is the cache's, told current by the watches.
    EXPECT_EQ(value_in(Report(scope)), i);
  }
  aggregation.After();
  EXPECT_EQ(aggregation.Delta("valore_reports_built_total"), kWrites);
  EXPECT_EQ(aggregation.Delta("valore_report_cache_watched_hits_total"),
            kWrites);
}

TEST_F(MetricsE2eTest, CountsFailedCallsToTheCatalog) {
  ImportThroughServices(ReadShippedData(), *catalog_stub_, *capture_stub_);
  Scrapes capture(&capture_);
  Scrapes aggregation(&aggregation_);
  capture.Before();
  aggregation.Before();
  // Our own channel closed first: the catalog's drain would wait for it.
  catalog_stub_.reset();
  catalog_.process->Terminate();
  // Past capture's least interval between two asks to the catalog (500 ms).
  std::this_thread::sleep_for(std::chrono::milliseconds(700));

  // Aggregation: one catalog call, failed.
  v1::GetReportRequest report_request;
  report_request.set_period("2023S2");
  report_request.set_scope(std::string(kUnionScope));
  v1::Report report;
  EXPECT_EQ(
      aggregation_stub_->GetReport(Deadline().get(), report_request, &report)
          .error_code(),
      grpc::StatusCode::UNAVAILABLE);
  // Capture: an entity it does not know sends it to the catalog, once.
  v1::BatchWriteMeasurementsRequest write;
  v1::Measurement* m = write.add_measurements();
  m->set_entity("nowhere");
  m->set_item("00002");
  m->set_period("2023S2");
  m->set_value_text("1");
  v1::BatchWriteMeasurementsResponse written;
  EXPECT_EQ(
      capture_stub_->BatchWriteMeasurements(Deadline().get(), write, &written)
          .error_code(),
      grpc::StatusCode::UNAVAILABLE);

  aggregation.After();
  EXPECT_EQ(aggregation.Delta("valore_dependency_errors_total",
                              {{"dependency", "catalog"}}),
            1);
  EXPECT_EQ(aggregation.Delta("valore_dependency_errors_total",
                              {{"dependency", "capture"}}),
            0);
  EXPECT_EQ(aggregation.Delta("valore_report_cache_misses_total"), 1);
  EXPECT_EQ(aggregation.Delta("valore_reports_built_total"), 0);
  EXPECT_EQ(
      aggregation.Delta(
          "grpc_server_handled_total",
          WithCode(Method("unary", "valore.v1.AggregationService", "GetReport"),
                   "Unavailable")),
      1);
  ExpectPromtoolAccepts(aggregation.text());
  capture.After();
  EXPECT_EQ(capture.Delta("valore_dependency_errors_total",
                          {{"dependency", "catalog"}}),
            1);
  EXPECT_EQ(capture.Delta("valore_measurements_written_total"), 0);
}

// valore-gateway: HTTP requests by route and code, and the calls a service
// did not answer, as dependency errors.
TEST_F(MetricsE2eTest, GatewayCountsRequestsByRouteAndCode) {
  MeteredServer gateway = StartMetered(
      VALORE_GATEWAY_BINARY,
      {"--catalog", catalog_.address(), "--capture", capture_.address(),
       "--aggregation", aggregation_.address()},
      dir_.Sub("gateway.log"));
  ASSERT_FALSE(gateway.metrics.empty());
  ImportThroughServices(ReadShippedData(), *catalog_stub_, *capture_stub_);
  const size_t colon = gateway.address().rfind(':');
  httplib::Client rest(gateway.address().substr(0, colon),
                       std::stoi(gateway.address().substr(colon + 1)));
  Scrapes scrapes(&gateway);
  scrapes.Before();
  for (const char* path :
       {"/rest/valore/v1/entities/carpi", "/rest/valore/v1/entities/carpi",
        "/rest/valore/v1/entities/nowhere"}) {
    ASSERT_TRUE(rest.Get(path));
  }
  capture_.process->Terminate();
  httplib::Result down =
      rest.Get("/rest/valore/v1/entities/carpi/items/00002/periods/2023S2");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);
  scrapes.After();

  const Labels entity = {{"method", "GET"}, {"route", "/v1/entities/{entity}"}};
  Labels ok = entity;
  ok["code"] = "200";
  Labels missing = entity;
  missing["code"] = "404";
  EXPECT_EQ(scrapes.Delta("http_requests_total", ok), 2);
  EXPECT_EQ(scrapes.Delta("http_requests_total", missing), 1);
  EXPECT_EQ(scrapes.Delta("http_request_duration_seconds_count", entity), 3);
  EXPECT_EQ(scrapes.Delta("http_requests_total",
                          {{"method", "GET"},
                           {"route",
                            "/v1/entities/{entity}/items/{item}/"
                            "periods/{period}"},
                           {"code", "503"}}),
            1);
  EXPECT_EQ(scrapes.Delta("valore_dependency_errors_total",
                          {{"dependency", "capture"}}),
            1);
  EXPECT_EQ(scrapes.Delta("valore_dependency_errors_total",
                          {{"dependency", "catalog"}}),
            0);
  EXPECT_EQ(scrapes.Now("valore_build_info", {{"server", "valore-gateway"},
                                              {"version", VALORE_VERSION}}),
            1);
  ExpectPromtoolAccepts(scrapes.text());
}

}  // namespace
}  // namespace valore::testing
