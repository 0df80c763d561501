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
#include "absl/synchronization/blocking_counter.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "google/protobuf/arena.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

using internal::CaptureName;
using internal::FanOut;
using internal::ParseVersion;

absl::StatusOr<FetchedValues> RemoteSources::Values(
    Period period, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline) {
  FetchedValues out;
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  for (const std::string& e : unrouted) {
    out.unavailable[e] = absl::UnavailableError(absl::StrCat(
        "no capture service is routed for entity ", QuoteForMessage(e)));
  }
  struct Call {
    grpc::ClientContext context;
    v1::BatchGetMeasurementsRequest request;
    v1::BatchGetMeasurementsResponse response;
    grpc::Status status;
  };
  std::map<std::string, Call> calls;
  std::vector<std::string> addresses;
  for (const auto& [address, served] : groups) {
    Call& c = calls[address];
    c.context.set_deadline(absl::ToChronoTime(deadline));
    c.request.set_period(period.ToString());
    for (const std::string& e : served) c.request.add_entities(e);
    if (as_of_micros > 0) {
      *c.request.mutable_as_of() = TimestampFromMicros(as_of_micros);
    }
    addresses.push_back(address);
  }
  FanOut(addresses,
         [&](const std::string& address, std::function<void()> done) {
           Call& c = calls[address];
           Capture(address)->async()->BatchGetMeasurements(
               &c.context, &c.request, &c.response, [&c, done](grpc::Status s) {
                 c.status = std::move(s);
                 done();
               });
         });
  for (auto& [address, c] : calls) {
    if (!c.status.ok()) {
      const absl::Status why = FromDependency(c.status, CaptureName(address));
      for (const std::string& e : c.request.entities())
        out.unavailable[e] = why;
      continue;
    }
    for (v1::Measurement& m : *c.response.mutable_measurements()) {
      out.values[m.entity()][m.item()] = std::move(*m.mutable_value());
    }
  }
  return out;
}

absl::Status RemoteSources::StreamValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline,
    const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
        sink) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty()) {
    return absl::UnavailableError(
        absl::StrCat("no capture service is routed for entity ",
                     QuoteForMessage(unrouted.front())));
  }
  for (const auto& [address, served] : groups) {
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
      return FromDependency(
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
    const std::vector<std::string>& entities,
    const std::vector<std::string>* known, absl::Time deadline) {
  std::vector<FetchedValues> out(periods.size());
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  struct Call {
    size_t period = 0;
    // A conditional call standing for every period (see below).
    bool all_periods = false;
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
  // One call per (period, capture service), all in flight together.
  auto run = [&](std::vector<std::unique_ptr<Call>>& calls) {
    absl::BlockingCounter pending(static_cast<int>(calls.size()));
    for (std::unique_ptr<Call>& c : calls) {
      Call* call = c.get();
      Capture(call->address)
          ->async()
          ->BatchGetMeasurements(&call->context, &call->request,
                                 &call->response,
                                 [call, &pending](grpc::Status status) {
                                   call->status = std::move(status);
                                   pending.DecrementCount();
                                 });
    }
    pending.Wait();
  };
  auto make = [&](size_t p, const std::string& address,
                  const std::vector<std::string>& served,
                  const std::string& if_none_match) {
    auto c = std::make_unique<Call>();
    c->period = p;
    c->address = address;
    c->context.set_deadline(absl::ToChronoTime(deadline));
    c->request.set_period(periods[p].ToString());
    for (const std::string& e : served) c->request.add_entities(e);
    if (as_of_micros > 0) {
      *c->request.mutable_as_of() = TimestampFromMicros(as_of_micros);
    }
    c->request.set_if_none_match(if_none_match);
    return c;
  };
  std::vector<std::map<std::string, std::string>> etags(periods.size());
  for (size_t p = 0; known != nullptr && p < periods.size(); ++p) {
    if (p < known->size()) etags[p] = ParseVersion((*known)[p]);
  }
  std::vector<std::unique_ptr<Call>> calls;
  for (const auto& group : groups) {
    const std::string& address = group.first;
    const std::vector<std::string>& served = group.second;
    // An etag names the whole state of a capture service, not one answer:
    // when every period was read at the same etag, one conditional call
    // tells whether any of them changed.
    auto etag_of = [&](size_t p) {
      auto it = etags[p].find(address);
      return it == etags[p].end() ? std::string() : it->second;
    };
    bool same = known != nullptr && !periods.empty() && !etag_of(0).empty();
    for (size_t p = 1; same && p < periods.size(); ++p) {
      same = etag_of(p) == etag_of(0);
    }
    if (same) {
      calls.push_back(make(0, address, served, etag_of(0)));
      calls.back()->all_periods = true;
      continue;
    }
    for (size_t p = 0; p < periods.size(); ++p) {
      calls.push_back(make(p, address, served, etag_of(p)));
    }
  }
  run(calls);

  // A period is unchanged only when every one of its services says so; a
  // changed period whose services answered in part not_modified has only
  // part of its values, and its caller must ask again without `known`.
  std::vector<bool> unchanged(
      periods.size(), known != nullptr && !groups.empty() && unrouted.empty());
  for (const std::unique_ptr<Call>& c : calls) {
    if (!c->status.ok() || !c->response.not_modified()) {
      if (c->all_periods) {
        std::fill(unchanged.begin(), unchanged.end(), false);
      } else {
        unchanged[c->period] = false;
      }
    }
  }

  std::vector<std::map<std::string, std::string>> versions(periods.size());
  std::vector<bool> versioned(periods.size(), unrouted.empty());
  for (const std::unique_ptr<Call>& c : calls) {
    FetchedValues& f = out[c->period];
    if (!c->status.ok()) {
      const absl::Status why =
          FromDependency(c->status, CaptureName(c->address));
      for (const std::string& e : c->request.entities()) f.unavailable[e] = why;
      versioned[c->period] = false;
      continue;
    }
    if (c->response.etag().empty()) versioned[c->period] = false;
    versions[c->period][c->address] = c->response.etag();
    if (c->all_periods && c->response.not_modified()) {
      for (size_t p = 0; p < periods.size(); ++p) {
        versions[p][c->address] = c->response.etag();
      }
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
    out[p].unchanged = unchanged[p];
    if (versioned[p]) {
      for (const auto& [address, etag] : versions[p]) {
        absl::StrAppend(&out[p].version, out[p].version.empty() ? "" : "\n",
                        address, "=", etag);
      }
    }
  }
  return out;
}

}  // namespace valore::aggregation
