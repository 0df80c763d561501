// The report phase: Union report latency against a health check of the same
// server, the same report over REST through valore-gateway, the web app's
// Panoramica page, and what parsing and copying a report costs the client.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/clients.h"
#include "bench/dataset.h"
#include "bench/figures.h"
#include "bench/valore_bench_internal.h"
#include "google/protobuf/arena.h"
#include "valore/v1/aggregation.grpc.pb.h"
#include "valore/v1/capture.pb.h"

namespace valore::bench::internal {

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
  request.set_scope("scopes/union");
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
  // The same question in the basic view: the tables without the items.
  v1::GetReportRequest basic_request = request;
  basic_request.set_view(v1::REPORT_VIEW_BASIC);
  auto basic_once = [&]() -> double {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    google::protobuf::Arena pool;
    auto* report = google::protobuf::Arena::CreateMessage<v1::Report>(&pool);
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status = stub->GetReport(&context, basic_request, report);
    const auto end = std::chrono::steady_clock::now();
    if (!status.ok() || report->outcome_table_size() == 0) {
      Die(absl::InternalError(status.error_message()), "GetReport (basic)");
    }
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  auto health_once = [&]() -> double {
    const auto start = std::chrono::steady_clock::now();
    Check(HealthCheck(channel.get()), "health");
    const auto end = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  // The same report over REST: the gateway in front of the same server,
  // one kept-alive HTTP connection, the JSON body read whole.
  ServiceProcess gateway;
  Check(gateway.Start(
            env.gateway_bin,
            {"--insecure", "--listen=127.0.0.1:0",
             "--catalog=" + suite.catalog.address(),
             "--capture=" + suite.capture.address(),
             "--aggregation=" + suite.aggregation.address(), "--rate_limit=0"},
            dir + "/gateway.log"),
        "starting valore-gateway");
  const size_t colon = gateway.address().rfind(':');
  httplib::Client rest(gateway.address().substr(0, colon),
                       std::stoi(gateway.address().substr(colon + 1)));
  rest.set_keep_alive(true);
  auto rest_once = [&]() -> double {
    const auto start = std::chrono::steady_clock::now();
    httplib::Result result =
        rest.Get("/rest/valore/v1/scopes/union/periods/2023S2/report");
    const auto end = std::chrono::steady_clock::now();
    if (!result || result->status != 200 || result->body.size() < 1000) {
      Die(absl::InternalError(result ? result->body.substr(0, 500)
                                     : httplib::to_string(result.error())),
          "GET report over REST");
    }
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  // Panoramica of the web app, served by the same gateway to a signed-in
  // person: the page whole, as a browser receives it.
  httplib::Result signed_in =
      rest.Post("/accesso", "token=bench", "application/x-www-form-urlencoded");
  if (!signed_in || signed_in->status != 303) {
    Die(absl::InternalError(signed_in ? signed_in->body.substr(0, 500)
                                      : httplib::to_string(signed_in.error())),
        "signing in to the web app");
  }
  std::string cookie = signed_in->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  const httplib::Headers with_cookie = {{"Cookie", cookie}};
  auto web_once = [&]() -> double {
    const auto start = std::chrono::steady_clock::now();
    httplib::Result result =
        rest.Get("/panoramica?periodo=2023S2", with_cookie);
    const auto end = std::chrono::steady_clock::now();
    if (!result || result->status != 200 ||
        result->body.find("Completezza per dirigente") == std::string::npos) {
      Die(absl::InternalError(result ? result->body.substr(0, 500)
                                     : httplib::to_string(result.error())),
          "GET /panoramica");
    }
    return std::chrono::duration<double, std::micro>(end - start).count();
  };
  // Warm every path (connections, caches), then alternate short runs so
  // that all see the same machine.
  for (int i = 0; i < 50; ++i) {
    report_once(true);
    report_once(false);
    basic_once();
    health_once();
    rest_once();
    web_once();
  }
  const int calls = absl::GetFlag(FLAGS_report_calls);
  std::vector<double> report_us, plain_us, health_us, rest_us, web_us, basic_us;
  for (int done = 0; done < calls; done += 100) {
    for (int i = 0; i < 100; ++i) report_us.push_back(report_once(true));
    for (int i = 0; i < 100; ++i) health_us.push_back(health_once());
    for (int i = 0; i < 100; ++i) plain_us.push_back(report_once(false));
    for (int i = 0; i < 100; ++i) basic_us.push_back(basic_once());
    for (int i = 0; i < 100; ++i) rest_us.push_back(rest_once());
    for (int i = 0; i < 100; ++i) web_us.push_back(web_once());
  }
  gateway.Stop();
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
      std::vector<double> parse, serialize, copy_us, arena_parse;
      for (int i = 0; i < 200; ++i) {
        {
          // As report_p50 reads it: into an arena.
          google::protobuf::Arena pool;
          auto* in_arena =
              google::protobuf::Arena::CreateMessage<v1::Report>(&pool);
          auto start = std::chrono::steady_clock::now();
          in_arena->ParseFromString(bytes);
          arena_parse.push_back(std::chrono::duration<double, std::micro>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
        }
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
      figures->Note("report_parse_arena_us",
                    absl::StrFormat("%.1f", Percentile(arena_parse, 50)));
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
  figures->AddAtMost("report_p99_vs_health", report_p99 / health_p50, 10, "x",
                     "Union report p99 / health Check p50");
  figures->Add("report_basic_p50_vs_health",
               Percentile(basic_us, 50) / health_p50, "x",
               "Union report, basic view (tables only) p50 / health p50");
  figures->Add("report_basic_p50_us", Percentile(basic_us, 50), "us",
               "Union report 2023S2, basic view");
  figures->Add("report_p50_us", report_p50, "us",
               "Union report 2023S2, shipped catalog, 5 entities x 10 "
               "semesters");
  figures->Add("report_p99_us", report_p99, "us", "same, p99");
  figures->Add("report_plain_p50_us", Percentile(plain_us, 50), "us",
               "same, read without an arena");
  // Against the gRPC read a REST client compares with: a message of its own,
  // no arena.
  figures->AddAtMost("rest_report_p50_vs_grpc",
                     Percentile(rest_us, 50) / Percentile(plain_us, 50), 1.5,
                     "x", "Union report over REST p50 / over gRPC p50");
  figures->Add("rest_report_p50_us", Percentile(rest_us, 50), "us",
               "Union report 2023S2 over REST through valore-gateway");
  figures->AddAtMost("web_overview_p50_vs_grpc_report",
                     Percentile(web_us, 50) / Percentile(plain_us, 50), 2, "x",
                     "Panoramica page served p50 / Union report over gRPC p50");
  figures->Add("web_overview_p50_us", Percentile(web_us, 50), "us",
               "Panoramica 2023S2 (Union), signed in, through valore-gateway");
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

}  // namespace valore::bench::internal
