// Where aggregation reads the catalog and the measurements: through
// CatalogService and CaptureService only, each call with a deadline.
#ifndef VALORE_SERVICES_AGGREGATION_SOURCES_H_
#define VALORE_SERVICES_AGGREGATION_SOURCES_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "services/aggregation/report_builder.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::aggregation {

class Sources {
 public:
  virtual ~Sources() = default;
  // The current catalog. UNAVAILABLE naming the catalog service when it does
  // not answer by `deadline`.
  virtual absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      absl::Time deadline) = 0;
  // The values in `period` (as of `as_of_micros`, 0 = now) of `entities`,
  // or of every entity when it is empty.
  virtual absl::StatusOr<PeriodValues> Values(
      Period period, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline) = 0;
};

// One catalog service and one capture service, by address.
class RemoteSources final : public Sources {
 public:
  RemoteSources(
      const std::string& catalog_address, const std::string& capture_address,
      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      absl::Time deadline) override;
  absl::StatusOr<PeriodValues> Values(Period period, int64_t as_of_micros,
                                      const std::vector<std::string>& entities,
                                      absl::Time deadline) override;

 private:
  const std::string catalog_name_;
  const std::string capture_name_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  std::unique_ptr<v1::CaptureService::Stub> capture_;
  absl::Mutex mu_;
  // The last catalog seen; revalidated by etag on every call, so a new
  // import is seen at once and an unchanged catalog costs a tiny reply.
  std::shared_ptr<const v1::Catalog> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SOURCES_H_
