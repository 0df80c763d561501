// RemoteSources::RevalidateAsync: whether a cached report's catalog and values
// are unchanged, told by conditional calls without blocking.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/timestamp.h"
#include "services/aggregation/sources.h"
#include "services/aggregation/sources_internal.h"

namespace valore::aggregation {

using internal::AskCatalogFor;
using internal::FanOutAsync;

void RemoteSources::RevalidateAsync(const std::string& catalog_etag,
                                    const std::vector<Period>& periods,
                                    int64_t as_of_micros,
                                    const std::vector<std::string>& entities,
                                    const std::vector<CaptureEtags>& versions,
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
      auto it = versions[p].find(address);
      if (it == versions[p].end() || it->second.empty() ||
          (p > 0 && it->second != etag)) {
        done(false);
        return;
      }
      etag = it->second;
    }
    asks.emplace_back(address, etag);
  }
  struct State {
    std::atomic<bool> unchanged{true};
    grpc::ClientContext catalog_context;
    v1::ExportCatalogRequest catalog_request;
    v1::ExportCatalogResponse catalog_response;
    struct Capture {
      grpc::ClientContext context;
      v1::BatchGetMeasurementsRequest request;
      v1::BatchGetMeasurementsResponse response;
    };
    std::vector<std::unique_ptr<Capture>> captures;
    // A call that did not answer "not modified" tells of a change.
    void Tell(bool same) {
      if (!same) unchanged = false;
    }
  };
  auto state = std::make_shared<State>();
  state->catalog_context.set_deadline(absl::ToChronoTime(deadline));
  // The etag of the catalog version in force for the report's period, as
  // of its moment: another period's version says nothing of it.
  AskCatalogFor(periods[0], as_of_micros, &state->catalog_request);
  state->catalog_request.set_if_none_match(catalog_etag);
  for (const auto& [address, etag] : asks) {
    auto c = std::make_unique<State::Capture>();
    c->context.set_deadline(absl::ToChronoTime(deadline));
    c->request.set_period(periods[0].ToString());
    // One entity only: the etag names the service's whole state whatever the
    // request names (capture checks it before reading), and when it did
    // change the answer is that entity's values, not the whole data set,
    // which at national scale passes gRPC's message limit.
    c->request.add_entities(groups.at(address).front());
    if (as_of_micros > 0) {
      *c->request.mutable_as_of() = TimestampFromMicros(as_of_micros);
    }
    c->request.set_if_none_match(etag);
    state->captures.push_back(std::move(c));
  }
  // Call 0 asks the catalog, call i the capture service of asks[i - 1].
  FanOutAsync(
      asks.size() + 1,
      [&](size_t i, std::function<void()> call_done) {
        if (i == 0) {
          catalog_->async()->ExportCatalog(
              &state->catalog_context, &state->catalog_request,
              &state->catalog_response,
              [this, state, call_done](grpc::Status status) {
                if (!status.ok()) errors_.catalog.Increment();
                state->Tell(status.ok() &&
                            state->catalog_response.not_modified());
                call_done();
              });
          return;
        }
        State::Capture* c = state->captures[i - 1].get();
        Capture(asks[i - 1].first)
            ->async()
            ->BatchGetMeasurements(
                &c->context, &c->request, &c->response,
                [this, state, c, call_done](grpc::Status status) {
                  if (!status.ok()) errors_.capture.Increment();
                  state->Tell(status.ok() && c->response.not_modified());
                  call_done();
                });
      },
      [state, done = std::move(done)] { done(state->unchanged.load()); });
}

}  // namespace valore::aggregation
