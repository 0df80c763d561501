// valore health catalog|capture|aggregation [--overall]
//
// The grpc.health.v1 status of one server: by default its service's status
// (readiness: "valore.v1.CaptureService" is NOT_SERVING while the capture
// refuses writes, "valore.v1.AggregationService" while a dependency is
// down); with --overall the whole server's ("": liveness, SERVING while it
// runs). Exit 0 when SERVING, 1 otherwise: usable as a Kubernetes exec
// probe, which — unlike the kubelet's own gRPC probe — can present the
// client certificate the servers require.
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "services/common/health_client.h"

ABSL_FLAG(bool, overall, false,
          "health: the whole server's status (liveness) instead of its "
          "service's (readiness)");

namespace valore::cli {

int HealthCommand(const CliContext& ctx, const Args& args) {
  const std::string which = args.size() == 1 ? args[0] : "";
  std::string address;
  std::string service;
  if (which == "catalog") {
    address = ctx.catalog_address();
    service = v1::CatalogService::service_full_name();
  } else if (which == "capture") {
    address = ctx.capture_address();
    service = v1::CaptureService::service_full_name();
  } else if (which == "aggregation") {
    address = ctx.aggregation_address();
    service = v1::AggregationService::service_full_name();
  } else {
    std::cerr << "usage: valore health catalog|capture|aggregation "
                 "[--overall]\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_overall)) service.clear();
  absl::StatusOr<ServingStatus> status =
      QueryHealth(ctx.Channel(address), service, ctx.timeout());
  if (!status.ok()) {
    return Fail(
        absl::Status(status.status().code(),
                     absl::StrCat(address, ": ", status.status().message())));
  }
  std::cout << address << " " << (service.empty() ? "(server)" : service) << " "
            << ServingStatusName(*status) << "\n";
  return *status == ServingStatus::kServing ? 0 : 1;
}

}  // namespace valore::cli
