#include "services/aggregation/sources.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
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
    : catalog_name_(absl::StrCat("catalog service at ", catalog_address)),
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

absl::StatusOr<FetchedValues> RemoteSources::Values(
    Period period, int64_t as_of_micros,
    const std::vector<std::string>& entities, absl::Time deadline) {
  FetchedValues out;
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  for (const std::string& e : unrouted) {
    out.unavailable[e] = absl::UnavailableError(
        absl::StrCat("no capture service is routed for entity \"", e, "\""));
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

absl::StatusOr<std::vector<std::string>> RemoteSources::LockPeriod(
    Period period, const std::string& reason,
    const std::vector<std::string>& entities, absl::Time deadline) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty()) {
    return absl::UnavailableError(absl::StrCat(
        "no capture service is routed for entity \"", unrouted[0], "\""));
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
