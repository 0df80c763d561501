// RemoteSources' values: read from the capture services of the entities, all
// at once, conditionally on their etags, or streamed.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "google/protobuf/arena.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

using internal::CaptureName;
using internal::FanOut;
using internal::kEntitiesPerValuesCall;

absl::Status RemoteSources::StreamValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline,
    const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
        sink) {
  std::vector<std::string> unrouted;
  const auto runs = Runs(entities, &unrouted);
  if (!unrouted.empty()) {
    return absl::UnavailableError(
        absl::StrCat("no capture service is routed for entity ",
                     QuoteForMessage(unrouted.front())));
  }
  for (const auto& [address, served] : runs) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(deadline));
    v1::StreamPeriodValuesRequest request;
    for (const Period& p : periods) request.add_periods(p.ToString());
    for (const std::string& e : served) request.add_entities(e);
    if (as_of_micros > 0) {
      *request.mutable_as_of() = TimestampFromMicros(as_of_micros);
    }
    std::unique_ptr<grpc::ClientReader<v1::StreamPeriodValuesResponse>> reader =
        Capture(address)->StreamPeriodValues(&context, request);
    // Each message on an arena: thousands of small values, freed at once.
    absl::Status failed;
    for (;;) {
      google::protobuf::Arena arena;
      auto* chunk = google::protobuf::Arena::CreateMessage<
          v1::StreamPeriodValuesResponse>(&arena);
      if (!reader->Read(chunk)) break;
      failed = sink(*chunk);
      if (!failed.ok()) {
        context.TryCancel();
        break;
      }
    }
    grpc::Status status = reader->Finish();
    if (!failed.ok()) return failed;
    if (!status.ok()) {
      // Named with the entities it serves, as a report names them.
      return CaptureFailed(
          status,
          absl::StrCat(CaptureName(address), " (entity ",
                       QuoteForMessage(served.front()),
                       served.size() > 1
                           ? absl::StrCat(" and ", served.size() - 1, " more")
                           : "",
                       ")"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<FetchedValues>> RemoteSources::PeriodsValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline) {
  std::vector<FetchedValues> out(periods.size());
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  struct Call {
    size_t period = 0;
    std::string address;
    grpc::ClientContext context;
    v1::BatchGetMeasurementsRequest request;
    // Read into an arena: thousands of small messages, of which only the
    // values are kept.
    google::protobuf::Arena arena;
    v1::BatchGetMeasurementsResponse& response =
        *google::protobuf::Arena::CreateMessage<
            v1::BatchGetMeasurementsResponse>(&arena);
    grpc::Status status;
  };
  // Calls per (period, capture service) of at most kEntitiesPerValuesCall
  // entities each, all in flight together.
  std::vector<std::unique_ptr<Call>> calls;
  for (const auto& [address, served] : groups) {
    for (size_t p = 0; p < periods.size(); ++p) {
      for (size_t first = 0; first < served.size();
           first += kEntitiesPerValuesCall) {
        const size_t end =
            std::min(served.size(), first + kEntitiesPerValuesCall);
        auto c = std::make_unique<Call>();
        c->period = p;
        c->address = address;
        c->context.set_deadline(absl::ToChronoTime(deadline));
        c->request.set_period(periods[p].ToString());
        for (size_t e = first; e < end; ++e) {
          c->request.add_entities(served[e]);
        }
        if (as_of_micros > 0) {
          *c->request.mutable_as_of() = TimestampFromMicros(as_of_micros);
        }
        calls.push_back(std::move(c));
      }
    }
  }
  FanOut(calls.size(), [&](size_t i, std::function<void()> done) {
    Call* call = calls[i].get();
    Capture(call->address)
        ->async()
        ->BatchGetMeasurements(&call->context, &call->request, &call->response,
                               [call, done](grpc::Status status) {
                                 call->status = std::move(status);
                                 done();
                               });
  });

  std::vector<bool> versioned(periods.size(), unrouted.empty());
  for (const std::unique_ptr<Call>& c : calls) {
    FetchedValues& f = out[c->period];
    if (!c->status.ok()) {
      const absl::Status why =
          CaptureFailed(c->status, CaptureName(c->address));
      for (const std::string& e : c->request.entities()) f.unavailable[e] = why;
      versioned[c->period] = false;
      continue;
    }
    // The values of an address are of one state only if every call to it
    // answered the same etag: a write between two of them leaves them
    // unversioned, so the report they make is not kept.
    const std::string& etag = c->response.etag();
    auto [kept, first] = f.version.try_emplace(c->address, etag);
    if (etag.empty() || (!first && kept->second != etag)) {
      versioned[c->period] = false;
    }
    for (const v1::Measurement& m : c->response.measurements()) {
      f.values[m.entity()][m.item()] = m.value();
    }
  }
  for (size_t p = 0; p < periods.size(); ++p) {
    for (const std::string& e : unrouted) {
      out[p].unavailable[e] = absl::UnavailableError(absl::StrCat(
          "no capture service is routed for entity ", QuoteForMessage(e)));
    }
    if (!versioned[p]) out[p].version.clear();
  }
  return out;
}

}  // namespace valore::aggregation
