// The readiness of valore.v1.AggregationService: SERVING while every
// service its reads need answers its health check, NOT_SERVING otherwise.
// The whole server's status ("") is left alone, so that a liveness probe
// does not restart an aggregation that only waits for a peer.
#ifndef VALORE_SERVICES_AGGREGATION_DEPENDENCY_HEALTH_H_
#define VALORE_SERVICES_AGGREGATION_DEPENDENCY_HEALTH_H_

#include <memory>

#include "services/aggregation/sources.h"
#include "services/common/dependency_prober.h"
#include "services/common/health_reporter.h"

namespace valore::aggregation {

// Sets valore.v1.AggregationService in `health` NOT_SERVING until the first
// round of a prober of sources.Dependencies() ends, then to what each round
// finds. Destroying the prober stops it; `health` must outlive it.
std::unique_ptr<DependencyProber> StartDependencyProber(
    const RemoteSources& sources, HealthReporter* health,
    DependencyProber::Options options = {});

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_DEPENDENCY_HEALTH_H_
