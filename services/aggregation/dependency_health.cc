#include "services/aggregation/dependency_health.h"

#include <string>

#include "valore/v1/aggregation.grpc.pb.h"

namespace valore::aggregation {

std::unique_ptr<DependencyProber> StartDependencyProber(
    const RemoteSources& sources, HealthReporter* health,
    DependencyProber::Options options) {
  const std::string service = v1::AggregationService::service_full_name();
  // Not ready before anything is known.
  health->SetServing(service, false, "dependencies not checked yet");
  return std::make_unique<DependencyProber>(
      sources.Dependencies(), options,
      [health, service](bool serving, const std::string& why) {
        health->SetServing(service, serving, why);
      });
}

}  // namespace valore::aggregation
