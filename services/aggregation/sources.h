// Where aggregation reads the catalog and the measurements: through
// CatalogService and CaptureService only, each call with a deadline. In a
// per-municipality deployment each entity's values live in the capture
// service its route names; they are read in parallel.
#ifndef VALORE_SERVICES_AGGREGATION_SOURCES_H_
#define VALORE_SERVICES_AGGREGATION_SOURCES_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "services/aggregation/report_builder.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::aggregation {

struct FetchedValues {
  PeriodValues values;
  // Entities whose capture service did not answer, with why.
  std::map<std::string, absl::Status> unavailable;
};

class Sources {
 public:
  virtual ~Sources() = default;
  // The current catalog. UNAVAILABLE naming the catalog service when it does
  // not answer by `deadline`.
  virtual absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      absl::Time deadline) = 0;
  // The values of `entities` in `period` (as of `as_of_micros`, 0 = now).
  virtual absl::StatusOr<FetchedValues> Values(
      Period period, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline) = 0;
  // Locks `period` in every capture service serving `entities`; the names
  // of the services locked. Fails (UNAVAILABLE naming it) if one does not.
  virtual absl::StatusOr<std::vector<std::string>> LockPeriod(
      Period period, const std::string& reason,
      const std::vector<std::string>& entities, absl::Time deadline) = 0;
  // Whether every capture service serving `entities` has `period` locked.
  virtual absl::StatusOr<bool> PeriodLocked(
      Period period, const std::vector<std::string>& entities,
      absl::Time deadline) = 0;
};

// One catalog service, and capture services by route (entity -> address)
// with a default for entities without one.
class RemoteSources final : public Sources {
 public:
  RemoteSources(const std::string& catalog_address,
                const std::string& default_capture,
                std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr,
                std::map<std::string, std::string> routes = {});

  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      absl::Time deadline) override;
  absl::StatusOr<FetchedValues> Values(Period period, int64_t as_of_micros,
                                       const std::vector<std::string>& entities,
                                       absl::Time deadline) override;
  absl::StatusOr<std::vector<std::string>> LockPeriod(
      Period period, const std::string& reason,
      const std::vector<std::string>& entities, absl::Time deadline) override;
  absl::StatusOr<bool> PeriodLocked(Period period,
                                    const std::vector<std::string>& entities,
                                    absl::Time deadline) override;

 private:
  // Capture address -> the entities it serves, for `entities`; entities
  // without a route and no default go to `unrouted`.
  std::map<std::string, std::vector<std::string>> Group(
      const std::vector<std::string>& entities,
      std::vector<std::string>* unrouted) const;
  v1::CaptureService::Stub* Capture(const std::string& address);

  const std::string catalog_name_;
  const std::string default_capture_;
  const std::map<std::string, std::string> routes_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<v1::CaptureService::Stub>> captures_
      ABSL_GUARDED_BY(mu_);
  // The last catalog seen; revalidated by etag on every call, so a new
  // import is seen at once and an unchanged catalog costs a tiny reply.
  std::shared_ptr<const v1::Catalog> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SOURCES_H_
