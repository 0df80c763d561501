// Where aggregation reads the catalog and the measurements: through
// CatalogService and CaptureService only, each call with a deadline. In a
// per-municipality deployment each entity's values live in the capture
// service its route names; they are read in parallel.
#ifndef VALORE_SERVICES_AGGREGATION_SOURCES_H_
#define VALORE_SERVICES_AGGREGATION_SOURCES_H_

#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "services/aggregation/report_builder.h"
#include "services/common/dependency_prober.h"
#include "services/common/metrics.h"
#include "services/common/version_watch.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::aggregation {

// The version of a period's values: the etag of each capture service they
// were read from, by address; empty when one of them gave none (the values
// cannot be revalidated then).
using CaptureEtags = std::map<std::string, std::string>;

struct FetchedValues {
  PeriodValues values;
  // Entities whose capture service did not answer, with why.
  std::map<std::string, absl::Status> unavailable;
  CaptureEtags version;
};

class Sources {
 public:
  virtual ~Sources() = default;
  // The catalog version in force for `period` as of `as_of_micros` (0 =
  // now). UNAVAILABLE naming the catalog service when it does not answer by
  // `deadline`.
  virtual absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      Period period, int64_t as_of_micros, absl::Time deadline) = 0;
  // Catalog(), answered through `done` (on another thread when the source
  // can): a caller revalidates the catalog version in force for `period` as
  // of `as_of_micros` (0 = now) while it reads values. By default, calls
  // Catalog() and then `done`.
  virtual void CatalogAsync(
      Period period, int64_t as_of_micros, absl::Time deadline,
      std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
          done);
  // The values of `entities` in each of `periods` (one FetchedValues per
  // period, in order), as of `as_of_micros` (0 = now), read together.
  virtual absl::StatusOr<std::vector<FetchedValues>> PeriodsValues(
      const std::vector<Period>& periods, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline) = 0;
  // Hands `sink` the values of `entities` in `periods` as capture services
  // stream them (StreamPeriodValues): for each entity, one
  // EntityPeriodValues per period in order, never split across messages;
  // every entity comes once, in the order of `entities`. Stops with `sink`'s
  // error. UNAVAILABLE naming the capture service (or the entity without one)
  // when one does not answer. By default, reads through PeriodsValues a few
  // entities at a time.
  virtual absl::Status StreamValues(
      const std::vector<Period>& periods, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline,
      const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
          sink);
  // Tells, without blocking the caller, whether the catalog version in force
  // for `periods[0]` as of `as_of_micros` still has `catalog_etag` and the
  // values of `entities` in `periods` are still at `versions` (from
  // PeriodsValues): `done(true)` when nothing changed, `done(false)` when
  // something did or cannot be told. `done` may run on another thread and
  // must not block. By default, `done(false)`.
  virtual void RevalidateAsync(const std::string& catalog_etag,
                               const std::vector<Period>& periods,
                               int64_t as_of_micros,
                               const std::vector<std::string>& entities,
                               const std::vector<CaptureEtags>& versions,
                               absl::Time deadline,
                               std::function<void(bool unchanged)> done);
  // The catalog's version as its version watch tells it, when the watch may
  // be trusted now; empty otherwise. Taken before a catalog is read, it is
  // never newer than that catalog. By default, empty.
  virtual std::string WatchedCatalog() const { return ""; }
  // Whether the version watches tell, without asking anyone, that the
  // catalog is still at `catalog_watch` (from WatchedCatalog) and the values
  // of `entities` still at `versions` (from PeriodsValues). False when a
  // watch cannot be trusted now: the caller asks (RevalidateAsync). By
  // default, false.
  virtual bool WatchedUnchanged(
      const std::string& /*catalog_watch*/,
      const std::vector<std::string>& /*entities*/,
      const std::vector<CaptureEtags>& /*versions*/) const {
    return false;
  }
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

// Counters of the calls to other services that fail (the metric
// valore_dependency_errors_total); they count nothing by default.
struct DependencyErrors {
  CounterRef catalog;
  CounterRef capture;
};

// One catalog service, and capture services by route (entity -> address)
// with a default for entities without one.
class RemoteSources final : public Sources {
 public:
  RemoteSources(const std::string& catalog_address,
                const std::string& default_capture,
                std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr,
                std::map<std::string, std::string> routes = {},
                DependencyErrors errors = {});
  ~RemoteSources() override;

  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      Period period, int64_t as_of_micros, absl::Time deadline) override;
  void CatalogAsync(
      Period period, int64_t as_of_micros, absl::Time deadline,
      std::function<void(absl::StatusOr<std::shared_ptr<const v1::Catalog>>)>
          done) override;
  // One conditional ExportCatalog and one conditional BatchGetMeasurements
  // per capture service, all in flight at once, on gRPC's callback threads.
  void RevalidateAsync(const std::string& catalog_etag,
                       const std::vector<Period>& periods, int64_t as_of_micros,
                       const std::vector<std::string>& entities,
                       const std::vector<CaptureEtags>& versions,
                       absl::Time deadline,
                       std::function<void(bool unchanged)> done) override;
  // The watches of the catalog and of every capture service in
  // CaptureAddresses (remote_watches.cc).
  std::string WatchedCatalog() const override;
  bool WatchedUnchanged(
      const std::string& catalog_watch,
      const std::vector<std::string>& entities,
      const std::vector<CaptureEtags>& versions) const override;
  // Every (period, capture service) call at once.
  absl::StatusOr<std::vector<FetchedValues>> PeriodsValues(
      const std::vector<Period>& periods, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline) override;
  // One stream per run of consecutive entities on the same capture
  // service, one after the other: the entities come in the order given.
  absl::Status StreamValues(
      const std::vector<Period>& periods, int64_t as_of_micros,
      const std::vector<std::string>& entities, absl::Time deadline,
      const std::function<absl::Status(const v1::StreamPeriodValuesResponse&)>&
          sink) override;
  absl::StatusOr<std::vector<std::string>> LockPeriod(
      Period period, const std::string& reason,
      const std::vector<std::string>& entities, absl::Time deadline) override;
  absl::StatusOr<bool> PeriodLocked(Period period,
                                    const std::vector<std::string>& entities,
                                    absl::Time deadline) override;

  // What reads need, each once, on a channel of its own (for a health
  // prober): the catalog and every route's capture service; the default
  // capture service only when there are no routes. With routes it is just
  // the fallback of an entity without one, by default 127.0.0.1:7002, which
  // a federated deployment does not run: probing it would keep such an
  // aggregation unready for ever.
  std::vector<Dependency> Dependencies() const;

 private:
  // Capture address -> the entities it serves, for `entities` (Runs merged
  // by service).
  std::map<std::string, std::vector<std::string>> Group(
      const std::vector<std::string>& entities,
      std::vector<std::string>* unrouted) const;
  // `entities` in their order, one run per stretch of consecutive entities
  // on the same capture service; entities without a route and no default go
  // to `unrouted`.
  std::vector<std::pair<std::string, std::vector<std::string>>> Runs(
      const std::vector<std::string>& entities,
      std::vector<std::string>* unrouted) const;
  v1::CaptureService::Stub* Capture(const std::string& address);
  // The capture services reads go to: every route's; the default one only
  // when there are no routes.
  std::set<std::string> CaptureAddresses() const;
  // A failed call as callers get it (FromDependency naming `dependency`),
  // counted.
  absl::Status CatalogFailed(const grpc::Status& status) const;
  absl::Status CaptureFailed(const grpc::Status& status,
                             const std::string& dependency) const;
  // The catalog cached for the question `key` (CatalogKey in
  // remote_catalog.cc); null when none is.
  std::shared_ptr<const v1::Catalog> CachedCatalog(const std::string& key)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Keeps `catalog` as the answer to the question `key`.
  void CacheCatalog(const std::string& key,
                    std::shared_ptr<const v1::Catalog> catalog)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Past this many questions cached, the catalog cache starts afresh.
  static constexpr size_t kMaxCachedCatalogs = 64;

  const std::string catalog_address_;
  const std::string catalog_name_;
  const std::string default_capture_;
  const std::map<std::string, std::string> routes_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  const DependencyErrors errors_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  std::unique_ptr<VersionWatch> catalog_watch_;
  std::map<std::string, std::unique_ptr<VersionWatch>> capture_watches_;
  absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<v1::CaptureService::Stub>> captures_
      ABSL_GUARDED_BY(mu_);
  // The last catalog seen for each question (period and as_of), so that
  // reports of different periods do not evict each other's; each is
  // revalidated by etag on every call, so a new import is seen at once and
  // an unchanged catalog costs a tiny reply.
  std::map<std::string, std::shared_ptr<const v1::Catalog>> cached_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_SOURCES_H_
