#include "services/gateway/http_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace valore::gateway {

HttpMetrics::HttpMetrics(Metrics& metrics)
    : requests_(&prometheus::BuildCounter()
                     .Name("http_requests_total")
                     .Help("HTTP requests answered by the gateway, by method, "
                           "route (URL template) and status code.")
                     .Register(metrics.registry())),
      seconds_(&prometheus::BuildHistogram()
                    .Name("http_request_duration_seconds")
                    .Help("Time from a request's arrival to its answer, by "
                          "method and route.")
                    .Register(metrics.registry())) {}

void HttpMetrics::Observe(const std::string& method, const std::string& route,
                          int status, absl::Duration elapsed) {
  requests_
      ->Add({{"method", method},
             {"route", route},
             {"code", std::to_string(status)}})
      .Increment();
  // The buckets of the gRPC servers' histogram, so both read alike.
  static const auto* const kBuckets =
      new prometheus::Histogram::BucketBoundaries{.005, .01, .025, .05, .1, .25,
                                                  .5,   1,   2.5,  5,   10};
  seconds_->Add({{"method", method}, {"route", route}}, *kBuckets)
      .Observe(absl::ToDoubleSeconds(elapsed));
}

}  // namespace valore::gateway
