#include "services/aggregation/sources.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/blocking_counter.h"
#include "common/text_util.h"
#include "google/protobuf/arena.h"
#include "services/common/channels.h"
#include "services/common/grpc_status.h"
#include "services/common/security.h"

namespace valore::aggregation {
namespace {

std::string CaptureName(const std::string& address) {
  return absl::StrCat("capture service at ", address);
}

// Runs `call(address, done)` for every address at once and waits for all
// of them to call `done`; gRPC's callback API keeps this off extra threads.
void FanOut(const std::vector<std::string>& addresses,
            const std::function<void(const std::string&,
                                     std::function<void()>)>& call) {
  absl::BlockingCounter pending(static_cast<int>(addresses.size()));
  for (const std::string& address : addresses) {
    call(address, [&pending] { pending.DecrementCount(); });
  }
  pending.Wait();
}

}  // namespace

RemoteSources::RemoteSources(
    const std::string& catalog_address, const std::string& default_capture,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    std::map<std::string, std::string> routes)
    : catalog_address_(catalog_address),
      catalog_name_(absl::StrCat("catalog service at ", catalog_address)),
      default_capture_(default_capture),
      routes_(std::move(routes)),
      credentials_(std::move(credentials)),
      catalog_(v1::CatalogService::NewStub(
          MakeChannel(catalog_address, credentials_))) {}

v1::CaptureService::Stub* RemoteSources::Capture(const std::string& address) {
  absl::MutexLock lock(&mu_);
  auto& stub = captures_[address];
  if (stub == nullptr) {
    stub = v1::CaptureService::NewStub(MakeChannel(address, credentials_));
  }
  return stub.get();
}

std::vector<Dependency> RemoteSources::Dependencies() const {
  std::vector<Dependency> out;
  out.push_back(
      Dependency{catalog_name_, MakeChannel(catalog_address_, credentials_)});
  std::set<std::string> captures;
  for (const auto& [entity, address] : routes_) captures.insert(address);
  if (routes_.empty() && !default_capture_.empty()) {
    captures.insert(default_capture_);
  }
  for (const std::string& address : captures) {
    out.push_back(
        Dependency{CaptureName(address), MakeChannel(address, credentials_)});
  }
  return out;
}

std::map<std::string, std::vector<std::string>> RemoteSources::Group(
    const std::vector<std::string>& entities,
    std::vector<std::string>* unrouted) const {
  std::map<std::string, std::vector<std::string>> by_address;
  for (const std::string& e : entities) {
    auto route = routes_.find(e);
    if (route != routes_.end()) {
      by_address[route->second].push_back(e);
    } else if (!default_capture_.empty()) {
      by_address[default_capture_].push_back(e);
    } else {
      unrouted->push_back(e);
    }
  }
  return by_address;
}

absl::StatusOr<std::shared_ptr<const v1::Catalog>> RemoteSources::Catalog(
    absl::Time deadline) {
  v1::ExportCatalogRequest request;
  std::shared_ptr<const v1::Catalog> cached;
  {
    absl::MutexLock lock(&mu_);
    cached = cached_;
  }
  if (cached != nullptr) request.set_if_none_match(cached->etag());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::ExportCatalogResponse response;
  grpc::Status status = catalog_->ExportCatalog(&context, request, &response);
  if (!status.ok()) return FromDependency(status, catalog_name_);
  if (response.not_modified() && cached != nullptr) return cached;
  auto fresh =
      std::make_shared<v1::Catalog>(std::move(*response.mutable_catalog()));
  absl::MutexLock lock(&mu_);
  cached_ = fresh;
  return std::shared_ptr<const v1::Catalog>(fresh);
}

void Sources::CatalogAsync(
    absl::Time deadline,
    std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
        done) {
  done(Catalog(deadline));
}

void RemoteSources::CatalogAsync(
    absl::Time deadline,
    std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
        done) {
  struct Call {
    grpc::ClientContext context;
    v1::ExportCatalogRequest request;
    v1::ExportCatalogResponse response;
    std::shared_ptr<const v1::Catalog> cached;
  };
  auto call = std::make_shared<Call>();
  {
    absl::MutexLock lock(&mu_);
    call->cached = cached_;
  }
  if (call->cached != nullptr) {
    call->request.set_if_none_match(call->cached->etag());
  }
  call->context.set_deadline(absl::ToChronoTime(deadline));
  catalog_->async()->ExportCatalog(
      &call->context, &call->request, &call->response,
      [this, call, done = std::move(done)](grpc::Status status) {
        if (!status.ok()) {
          done(FromDependency(status, catalog_name_));
          return;
        }
        if (call->response.not_modified() && call->cached != nullptr) {
          done(call->cached);
          return;
        }
        auto fresh = std::make_shared<v1::Catalog>(
            std::move(*call->response.mutable_catalog()));
        {
          absl::MutexLock lock(&mu_);
          cached_ = fresh;
        }
        done(std::shared_ptr<const v1::Catalog>(fresh));
      });
}

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
      c.request.mutable_as_of()->set_seconds(as_of_micros / 1000000);
      c.request.mutable_as_of()->set_nanos(
          static_cast<int32_t>((as_of_micros % 1000000) * 1000));
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

absl::StatusOr<std::vector<FetchedValues>> Sources::PeriodsValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, const std::vector<std::string>*,
    absl::Time deadline) {
  std::vector<FetchedValues> out;
  for (const Period& period : periods) {
    absl::StatusOr<FetchedValues> values =
        Values(period, as_of_micros, entities, deadline);
    if (!values.ok()) return values.status();
    out.push_back(*std::move(values));
  }
  return out;
}

absl::Status Sources::StreamValues(
    const std::vector<Period>& periods, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline,
    const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
        sink) {
  constexpr size_t kEntitiesPerRead = 64;
  for (size_t first = 0; first < entities.size(); first += kEntitiesPerRead) {
    const std::vector<std::string> some(
        entities.begin() + first,
        entities.begin() + std::min(entities.size(), first + kEntitiesPerRead));
    absl::StatusOr<std::vector<FetchedValues>> fetched =
        PeriodsValues(periods, as_of_micros, some, nullptr, deadline);
    if (!fetched.ok()) return fetched.status();
    v1::StreamPeriodValuesResponse chunk;
    for (const std::string& entity : some) {
      for (size_t p = 0; p < periods.size(); ++p) {
        const FetchedValues& f = (*fetched)[p];
        auto missing = f.unavailable.find(entity);
        if (missing != f.unavailable.end()) return missing->second;
        v1::EntityPeriodValues* out = chunk.add_values();
        out->set_entity(entity);
        out->set_period(periods[p].ToString());
        auto items = f.values.find(entity);
        if (items == f.values.end()) continue;
        for (const auto& [item, value] : items->second) {
          v1::EntityPeriodValues::ItemValue* iv = out->add_values();
          iv->set_item(item);
          *iv->mutable_value() = value;
        }
      }
    }
    if (absl::Status s = sink(chunk); !s.ok()) return s;
  }
  return absl::OkStatus();
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
      request.mutable_as_of()->set_seconds(as_of_micros / 1000000);
      request.mutable_as_of()->set_nanos(
          static_cast<int32_t>((as_of_micros % 1000000) * 1000));
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

namespace {

// A period's version: "address=etag" for every capture service read, in
// address order, one per line.
std::map<std::string, std::string> ParseVersion(const std::string& version) {
  std::map<std::string, std::string> etags;
  for (absl::string_view line : absl::StrSplit(version, '\n')) {
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) continue;
    etags[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  return etags;
}

}  // namespace

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
      c->request.mutable_as_of()->set_seconds(as_of_micros / 1000000);
      c->request.mutable_as_of()->set_nanos(
          static_cast<int32_t>((as_of_micros % 1000000) * 1000));
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

void Sources::RevalidateAsync(const std::string&, const std::vector<Period>&,
                              int64_t, const std::vector<std::string>&,
                              const std::vector<std::string>&, absl::Time,
                              std::function<void(bool)> done) {
  done(false);
}

void RemoteSources::RevalidateAsync(const std::string& catalog_etag,
                                    const std::vector<Period>& periods,
                                    int64_t as_of_micros,
                                    const std::vector<std::string>& entities,
                                    const std::vector<std::string>& versions,
                                    absl::Time deadline,
                                    std::function<void(bool)> done) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (catalog_etag.empty() || periods.empty() || groups.empty() ||
      !unrouted.empty() || versions.size() != periods.size()) {
    done(false);
    return;
  }
  // The etags each service had for every period: an etag names a service's
  // whole state, so one conditional call per service tells them all.
  std::vector<std::pair<std::string, std::string>> asks;  // address, etag
  for (const auto& [address, served] : groups) {
    std::string etag;
    for (size_t p = 0; p < periods.size(); ++p) {
      const std::map<std::string, std::string> etags =
          ParseVersion(versions[p]);
      auto it = etags.find(address);
      if (it == etags.end() || it->second.empty() ||
          (p > 0 && it->second != etag)) {
        done(false);
        return;
      }
      etag = it->second;
    }
    asks.emplace_back(address, etag);
  }
  struct State {
    std::atomic<int> pending{0};
    std::atomic<bool> unchanged{true};
    std::function<void(bool)> done;
    grpc::ClientContext catalog_context;
    v1::ExportCatalogRequest catalog_request;
    v1::ExportCatalogResponse catalog_response;
    struct Capture {
      grpc::ClientContext context;
      v1::BatchGetMeasurementsRequest request;
      v1::BatchGetMeasurementsResponse response;
    };
    std::vector<std::unique_ptr<Capture>> captures;
    void Finish(bool same) {
      if (!same) unchanged = false;
      if (pending.fetch_sub(1) == 1) done(unchanged.load());
    }
  };
  auto state = std::make_shared<State>();
  state->done = std::move(done);
  state->pending = static_cast<int>(asks.size()) + 1;
  state->catalog_context.set_deadline(absl::ToChronoTime(deadline));
  state->catalog_request.set_if_none_match(catalog_etag);
  for (const auto& [address, etag] : asks) {
    auto c = std::make_unique<State::Capture>();
    c->context.set_deadline(absl::ToChronoTime(deadline));
    c->request.set_period(periods[0].ToString());
    for (const std::string& e : groups.at(address)) c->request.add_entities(e);
    if (as_of_micros > 0) {
      c->request.mutable_as_of()->set_seconds(as_of_micros / 1000000);
      c->request.mutable_as_of()->set_nanos(
          static_cast<int32_t>((as_of_micros % 1000000) * 1000));
    }
    c->request.set_if_none_match(etag);
    state->captures.push_back(std::move(c));
  }
  catalog_->async()->ExportCatalog(
      &state->catalog_context, &state->catalog_request,
      &state->catalog_response, [state](grpc::Status status) {
        state->Finish(status.ok() && state->catalog_response.not_modified());
      });
  for (size_t i = 0; i < asks.size(); ++i) {
    State::Capture* c = state->captures[i].get();
    Capture(asks[i].first)
        ->async()
        ->BatchGetMeasurements(
            &c->context, &c->request, &c->response,
            [state, c](grpc::Status status) {
              state->Finish(status.ok() && c->response.not_modified());
            });
  }
}

absl::StatusOr<std::vector<std::string>> RemoteSources::LockPeriod(
    Period period, const std::string& reason,
    const std::vector<std::string>& entities, absl::Time deadline) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty()) {
    return absl::UnavailableError(
        absl::StrCat("no capture service is routed for entity ",
                     QuoteForMessage(unrouted[0])));
  }
  struct Call {
    grpc::ClientContext context;
    v1::LockPeriodRequest request;
    v1::PeriodLock response;
    grpc::Status status;
  };
  std::map<std::string, Call> calls;
  std::vector<std::string> addresses;
  for (const auto& [address, served] : groups) {
    Call& c = calls[address];
    c.context.set_deadline(absl::ToChronoTime(deadline));
    c.request.set_period(period.ToString());
    c.request.set_reason(reason);
    addresses.push_back(address);
  }
  FanOut(addresses,
         [&](const std::string& address, std::function<void()> done) {
           Call& c = calls[address];
           Capture(address)->async()->LockPeriod(
               &c.context, &c.request, &c.response, [&c, done](grpc::Status s) {
                 c.status = std::move(s);
                 done();
               });
         });
  for (auto& [address, c] : calls) {
    if (!c.status.ok()) return FromDependency(c.status, CaptureName(address));
  }
  return addresses;
}

absl::StatusOr<bool> RemoteSources::PeriodLocked(
    Period period, const std::vector<std::string>& entities,
    absl::Time deadline) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty()) return false;
  for (const auto& [address, served] : groups) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(deadline));
    v1::ListPeriodLocksResponse response;
    grpc::Status status =
        Capture(address)->ListPeriodLocks(&context, {}, &response);
    if (!status.ok()) return FromDependency(status, CaptureName(address));
    bool locked = false;
    for (const v1::PeriodLock& l : response.locks()) {
      if (l.period() == period.ToString() && l.locked()) locked = true;
    }
    if (!locked) return false;
  }
  return true;
}

}  // namespace valore::aggregation
