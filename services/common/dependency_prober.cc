#include "services/common/dependency_prober.h"

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/common/health_client.h"

namespace valore {

DependencyProber::DependencyProber(std::vector<Dependency> dependencies,
                                   Options options, Report report)
    : dependencies_(std::move(dependencies)),
      options_(options),
      report_(std::move(report)) {
  thread_ = std::thread([this] { Run(); });
}

DependencyProber::~DependencyProber() { Stop(); }

void DependencyProber::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void DependencyProber::Run() {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  channels.reserve(dependencies_.size());
  for (const Dependency& d : dependencies_) channels.push_back(d.channel);
  do {
    const std::vector<absl::StatusOr<ServingStatus>> answers =
        QueryHealthAll(channels, "", options_.timeout);
    std::string why;
    for (size_t i = 0; i < answers.size() && why.empty(); ++i) {
      if (!answers[i].ok()) {
        why = absl::StrCat(dependencies_[i].name, ": ",
                           answers[i].status().message());
      } else if (*answers[i] != ServingStatus::kServing) {
        why = absl::StrCat(dependencies_[i].name, " is ",
                           ServingStatusName(*answers[i]));
      }
    }
    // A round that ends after Stop began reports nothing: its owner may be
    // tearing down what `report_` writes to.
    if (stop_.HasBeenNotified()) break;
    report_(why.empty(), why);
  } while (!stop_.WaitForNotificationWithTimeout(options_.interval));
}

}  // namespace valore
