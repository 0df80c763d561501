// RemoteSources: its channels, the routes of entities to capture services,
// and the helpers its calls share (sources_internal.h). Its calls:
// remote_catalog.cc, remote_values.cc, remote_revalidation.cc and
// remote_period_locks.cc.
#include <atomic>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/timestamp.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/channels.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {
namespace internal {

std::string CaptureName(const std::string& address) {
  return absl::StrCat("capture service at ", address);
}

void FanOutAsync(
    size_t n, const std::function<void(size_t, std::function<void()>)>& start,
    std::function<void()> all_done) {
  if (n == 0) {
    all_done();
    return;
  }
  struct Pending {
    std::atomic<size_t> left;
    std::function<void()> all_done;
  };
  auto pending = std::make_shared<Pending>();
  pending->left = n;
  pending->all_done = std::move(all_done);
  for (size_t i = 0; i < n; ++i) {
    start(i, [pending] {
      if (pending->left.fetch_sub(1) == 1) pending->all_done();
    });
  }
}

void FanOut(size_t n,
            const std::function<void(size_t, std::function<void()>)>& start) {
  absl::Notification finished;
  FanOutAsync(n, start, [&finished] { finished.Notify(); });
  finished.WaitForNotification();
}

void AskCatalogFor(Period period, int64_t as_of_micros,
                   v1::ExportCatalogRequest* request) {
  request->set_period(period.ToString());
  if (as_of_micros > 0) {
    *request->mutable_as_of() = TimestampFromMicros(as_of_micros);
  }
}

}  // namespace internal

using internal::CaptureName;

RemoteSources::RemoteSources(
    const std::string& catalog_address, const std::string& default_capture,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    std::map<std::string, std::string> routes, DependencyErrors errors)
    : catalog_address_(catalog_address),
      catalog_name_(absl::StrCat("catalog service at ", catalog_address)),
      default_capture_(default_capture),
      routes_(std::move(routes)),
      credentials_(std::move(credentials)),
      errors_(errors),
      catalog_(v1::CatalogService::NewStub(
          MakeChannel(catalog_address, credentials_))) {
  catalog_watch_ = std::make_unique<VersionWatch>(
      MakeChannel(catalog_address_, credentials_));
  for (const std::string& address : CaptureAddresses()) {
    capture_watches_[address] =
        std::make_unique<VersionWatch>(MakeChannel(address, credentials_));
  }
}

RemoteSources::~RemoteSources() = default;

v1::CaptureService::Stub* RemoteSources::Capture(const std::string& address) {
  absl::MutexLock lock(&mu_);
  auto& stub = captures_[address];
  if (stub == nullptr) {
    stub = v1::CaptureService::NewStub(MakeChannel(address, credentials_));
  }
  return stub.get();
}

absl::Status RemoteSources::CatalogFailed(const grpc::Status& status) const {
  errors_.catalog.Increment();
  return FromDependency(status, catalog_name_);
}

absl::Status RemoteSources::CaptureFailed(const grpc::Status& status,
                                          const std::string& dependency) const {
  errors_.capture.Increment();
  return FromDependency(status, dependency);
}

std::vector<Dependency> RemoteSources::Dependencies() const {
  std::vector<Dependency> out;
  out.push_back(
      Dependency{catalog_name_, MakeChannel(catalog_address_, credentials_)});
  for (const std::string& address : CaptureAddresses()) {
    out.push_back(
        Dependency{CaptureName(address), MakeChannel(address, credentials_)});
  }
  return out;
}

std::set<std::string> RemoteSources::CaptureAddresses() const {
  std::set<std::string> captures;
  for (const auto& [entity, address] : routes_) captures.insert(address);
  if (routes_.empty() && !default_capture_.empty()) {
    captures.insert(default_capture_);
  }
  return captures;
}

std::map<std::string, std::vector<std::string>> RemoteSources::Group(
    const std::vector<std::string>& entities,
    std::vector<std::string>* unrouted) const {
  std::map<std::string, std::vector<std::string>> by_address;
  for (auto& [address, run] : Runs(entities, unrouted)) {
    std::vector<std::string>& served = by_address[address];
    served.insert(served.end(), std::make_move_iterator(run.begin()),
                  std::make_move_iterator(run.end()));
  }
  return by_address;
}

std::vector<std::pair<std::string, std::vector<std::string>>>
RemoteSources::Runs(const std::vector<std::string>& entities,
                    std::vector<std::string>* unrouted) const {
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const std::string& e : entities) {
    auto route = routes_.find(e);
    const std::string& address =
        route != routes_.end() ? route->second : default_capture_;
    if (address.empty()) {
      unrouted->push_back(e);
    } else if (!runs.empty() && runs.back().first == address) {
      runs.back().second.push_back(e);
    } else {
      runs.emplace_back(address, std::vector<std::string>{e});
    }
  }
  return runs;
}

}  // namespace valore::aggregation
