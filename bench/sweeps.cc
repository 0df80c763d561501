// The report and overview benchmarks of a national scale: one GetReport per
// entity with several calls in flight, and one StreamEntitySummaries call
// for every entity.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/clients.h"
#include "bench/dataset.h"
#include "bench/valore_bench_internal.h"
#include "common/scopes.h"
#include "google/protobuf/arena.h"
#include "valore/v1/aggregation.grpc.pb.h"

namespace valore::bench::internal {

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
        request.set_scope(ScopeOf(EntityId(e)));
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
      // The Union-wide scope comes too (no entity id): counted apart.
      if (s.entity().empty()) continue;
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

}  // namespace valore::bench::internal
