#include "services/common/health_reporter.h"

#include <grpcpp/health_check_service_interface.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/call_log.h"

namespace valore {

HealthReporter::HealthReporter(std::string server_name)
    : server_name_(std::move(server_name)) {}

void HealthReporter::SetServing(const std::string& service, bool serving,
                                const std::string& why) {
  if (service.empty()) return;
  {
    absl::MutexLock lock(&mu_);
    auto [it, added] = serving_.emplace(service, serving);
    if (!added && it->second == serving) return;
    it->second = serving;
    // Only changes go on: gRPC sends every SetServingStatus to each Watch
    // stream, changed or not.
    if (health_ != nullptr) health_->SetServingStatus(service, serving);
  }
  LogLine(
      server_name_,
      absl::StrCat("health: ", service, serving ? " SERVING" : " NOT_SERVING",
                   why.empty() ? "" : absl::StrCat(" (", why, ")")));
}

bool HealthReporter::IsServing(const std::string& service) const {
  absl::MutexLock lock(&mu_);
  auto it = serving_.find(service);
  return it != serving_.end() && it->second;
}

void HealthReporter::Attach(grpc::HealthCheckServiceInterface* health) {
  absl::MutexLock lock(&mu_);
  health_ = health;
  if (health_ == nullptr) return;
  for (const auto& [service, serving] : serving_) {
    health_->SetServingStatus(service, serving);
  }
}

void HealthReporter::Detach() {
  absl::MutexLock lock(&mu_);
  health_ = nullptr;
}

}  // namespace valore
