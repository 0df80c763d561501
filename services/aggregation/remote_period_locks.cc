// RemoteSources' period locks: set in, and read from, every capture service
// serving the entities.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/pagination.h"
#include "common/text_util.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

using internal::CaptureName;
using internal::FanOut;

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
  FanOut(addresses.size(), [&](size_t i, std::function<void()> done) {
    Call& c = calls[addresses[i]];
    Capture(addresses[i])
        ->async()
        ->LockPeriod(&c.context, &c.request, &c.response,
                     [&c, done](grpc::Status s) {
                       c.status = std::move(s);
                       done();
                     });
  });
  // Every failed call is counted; the first is the answer.
  absl::Status failed;
  for (auto& [address, c] : calls) {
    if (!c.status.ok()) {
      absl::Status why = CaptureFailed(c.status, CaptureName(address));
      if (failed.ok()) failed = std::move(why);
    }
  }
  if (!failed.ok()) return failed;
  return addresses;
}

absl::StatusOr<bool> RemoteSources::PeriodLocked(
    Period period, const std::vector<std::string>& entities,
    absl::Time deadline) {
  std::vector<std::string> unrouted;
  const auto groups = Group(entities, &unrouted);
  if (!unrouted.empty()) return false;
  for (const auto& group : groups) {
    const std::string& address = group.first;
    v1::ListPeriodLocksResponse response;
    grpc::Status status = ReadAllPages(
        v1::ListPeriodLocksRequest(),
        [&](const v1::ListPeriodLocksRequest& r,
            v1::ListPeriodLocksResponse* page) {
          grpc::ClientContext context;
          context.set_deadline(absl::ToChronoTime(deadline));
          return Capture(address)->ListPeriodLocks(&context, r, page);
        },
        &v1::ListPeriodLocksResponse::mutable_locks, &response);
    if (!status.ok()) return CaptureFailed(status, CaptureName(address));
    bool locked = false;
    for (const v1::PeriodLock& l : response.locks()) {
      if (l.period() == period.ToString() && l.locked()) locked = true;
    }
    if (!locked) return false;
  }
  return true;
}

}  // namespace valore::aggregation
