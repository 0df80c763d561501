#include "services/common/channels.h"

#include "services/common/server_runner.h"

namespace valore {
namespace {

// Reads are idempotent and safe to retry on UNAVAILABLE; writes carry a
// request_id and are retried by their callers, never blindly here. GetReport
// is not retried: the aggregation service already retries its own reads, and
// an UNAVAILABLE from it names a dependency that a retry would only wait on.
constexpr char kServiceConfig[] = R"json({
  "methodConfig": [{
    "name": [
      {"service": "valore.v1.CatalogService", "method": "GetEntity"},
      {"service": "valore.v1.CatalogService", "method": "GetSector"},
      {"service": "valore.v1.CatalogService", "method": "GetStrategicDirection"},
      {"service": "valore.v1.CatalogService", "method": "GetStrategicObjective"},
      {"service": "valore.v1.CatalogService", "method": "ListEntities"},
      {"service": "valore.v1.CatalogService", "method": "ListIndicators"},
      {"service": "valore.v1.CatalogService", "method": "ListProgrammeLines"},
      {"service": "valore.v1.CatalogService", "method": "ListExecutiveObjectives"},
      {"service": "valore.v1.CatalogService", "method": "ExportCatalog"},
      {"service": "valore.v1.CatalogService", "method": "GetCatalogVersion"},
      {"service": "valore.v1.CaptureService", "method": "GetMeasurement"},
      {"service": "valore.v1.CaptureService", "method": "ReadSeries"},
      {"service": "valore.v1.CaptureService", "method": "BatchGetMeasurements"},
      {"service": "valore.v1.CaptureService", "method": "ListMeasurementRevisions"},
      {"service": "valore.v1.CaptureService", "method": "ListPeriodLocks"}
    ],
    "retryPolicy": {
      "maxAttempts": 3,
      "initialBackoff": "0.05s",
      "maxBackoff": "0.5s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    const std::string& tls_server_name) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  args.SetServiceConfigJSON(kServiceConfig);
  // Reconnect quickly after a dependency comes back.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  if (!tls_server_name.empty()) args.SetSslTargetNameOverride(tls_server_name);
  return grpc::CreateCustomChannel(
      address, credentials ? credentials : grpc::InsecureChannelCredentials(),
      args);
}

}  // namespace valore
