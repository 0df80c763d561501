#include "services/aggregation/sources.h"

#include "absl/strings/str_cat.h"
#include "services/common/channels.h"
#include "services/common/grpc_status.h"

namespace valore::aggregation {

RemoteSources::RemoteSources(
    const std::string& catalog_address, const std::string& capture_address,
    std::shared_ptr<grpc::ChannelCredentials> credentials)
    : catalog_name_(absl::StrCat("catalog service at ", catalog_address)),
      capture_name_(absl::StrCat("capture service at ", capture_address)),
      catalog_(v1::CatalogService::NewStub(
          MakeChannel(catalog_address, credentials))),
      capture_(v1::CaptureService::NewStub(
          MakeChannel(capture_address, credentials))) {}

absl::StatusOr<std::shared_ptr<const v1::Catalog>> RemoteSources::Catalog(
    absl::Time deadline) {
  v1::ExportCatalogRequest request;
  std::shared_ptr<const v1::Catalog> cached;
  {
    absl::MutexLock lock(&mu_);
    cached = cached_;
  }
  if (cached != nullptr) request.set_if_none_match(cached->etag());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::ExportCatalogResponse response;
  grpc::Status status = catalog_->ExportCatalog(&context, request, &response);
  if (!status.ok()) return FromDependency(status, catalog_name_);
  if (response.not_modified() && cached != nullptr) return cached;
  auto fresh =
      std::make_shared<v1::Catalog>(std::move(*response.mutable_catalog()));
  absl::MutexLock lock(&mu_);
  cached_ = fresh;
  return std::shared_ptr<const v1::Catalog>(fresh);
}

absl::StatusOr<PeriodValues> RemoteSources::Values(
    Period period, int64_t as_of_micros, const std::vector<std::string>& entities,
    absl::Time deadline) {
  v1::BatchGetMeasurementsRequest request;
  request.set_period(period.ToString());
  for (const std::string& e : entities) request.add_entities(e);
  if (as_of_micros > 0) {
    request.mutable_as_of()->set_seconds(as_of_micros / 1000000);
    request.mutable_as_of()->set_nanos(
        static_cast<int32_t>((as_of_micros % 1000000) * 1000));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  v1::BatchGetMeasurementsResponse response;
  grpc::Status status =
      capture_->BatchGetMeasurements(&context, request, &response);
  if (!status.ok()) return FromDependency(status, capture_name_);
  PeriodValues values;
  for (v1::Measurement& m : *response.mutable_measurements()) {
    values[m.entity()][m.item()] = std::move(*m.mutable_value());
  }
  return values;
}

}  // namespace valore::aggregation
