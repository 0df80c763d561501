// Helpers shared by the files of RemoteSources (remote_sources.cc,
// remote_catalog.cc, remote_values.cc, remote_revalidation.cc,
// remote_period_locks.cc). Not part of the sources' interface.
#ifndef VALORE_SERVICES_AGGREGATION_SOURCES_INTERNAL_H_
#define VALORE_SERVICES_AGGREGATION_SOURCES_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/period.h"
#include "valore/v1/catalog.pb.h"

namespace valore::aggregation::internal {

// Entities per BatchGetMeasurements of RemoteSources::PeriodsValues, so that
// an answer stays under the message limit (kMaxMessageBytes, 64 MiB; gRPC's
// default is 4 MiB): an entity's 150 values of the national data set take
// about 23 KB, so 64 entities about 1.5 MB, and under 64 MiB even with a
// note of the most (4 KB) on every value.
inline constexpr size_t kEntitiesPerValuesCall = 64;

// "capture service at <address>", as errors name it.
std::string CaptureName(const std::string& address);

// Runs `start(i, done)` for i in [0, n), all at once; `all_done` runs once
// each has called `done` (on the thread of the last; at once when n is 0).
// The one way the catalog and the capture fleet are asked in parallel;
// gRPC's callback API keeps it off extra threads.
void FanOutAsync(
    size_t n, const std::function<void(size_t, std::function<void()>)>& start,
    std::function<void()> all_done);
// FanOutAsync, waiting for every call.
void FanOut(size_t n,
            const std::function<void(size_t, std::function<void()>)>& start);

// Asks `request` for the catalog version in force for `period` as of
// `as_of_micros` (0 = now).
void AskCatalogFor(Period period, int64_t as_of_micros,
                   v1::ExportCatalogRequest* request);

}  // namespace valore::aggregation::internal

#endif  // VALORE_SERVICES_AGGREGATION_SOURCES_INTERNAL_H_
