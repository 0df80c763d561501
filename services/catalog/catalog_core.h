// The catalog service's state and logic, free of gRPC: the newest catalog
// held in memory as an immutable snapshot, every imported version kept in
// RocksDB and read back when a period or a past moment asks for it.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_CORE_H_
#define VALORE_SERVICES_CATALOG_CATALOG_CORE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "services/catalog/catalog_versions.h"
#include "services/common/audit_events.h"
#include "storage/audit_log.h"
#include "storage/idempotent_writer.h"
#include "storage/kv_store.h"
#include "valore/v1/catalog.pb.h"

namespace valore::catalog {

// The catalog before any import: the five entities of the Terre d'Argine.
v1::Catalog DefaultCatalog();

class CatalogCore {
 public:
  static absl::StatusOr<std::unique_ptr<CatalogCore>> Open(
      const std::string& dir, const storage::KvOptions& options);

  // Validates and, unless validate_only, stores the catalog as a new version
  // and makes it current. Problems fail the call with INVALID_ARGUMENT (or
  // come back in the response for validate_only).
  absl::StatusOr<v1::ImportCatalogResponse> Import(
      const v1::ImportCatalogRequest& request, const std::string& principal,
      absl::Time now);

  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const v1::ListAuditEventsRequest& request) const {
    return ListAuditEventsInWords(*audit_, request);
  }

  // The newest catalog; never null.
  std::shared_ptr<const v1::Catalog> Current() const;

  // The version in force for `period` (none: the newest) as of
  // `as_of_micros` (0: now): the default catalog before any import.
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> InForce(
      std::optional<Period> period, int64_t as_of_micros);

  // ExportCatalog: the version in force for the request's period as of its
  // as_of, or not_modified.
  absl::StatusOr<v1::ExportCatalogResponse> Export(
      const v1::ExportCatalogRequest& request);

  // The imported versions, oldest first, a page at a time.
  absl::StatusOr<v1::ListCatalogVersionsResponse> ListVersions(
      const v1::ListCatalogVersionsRequest& request) const;
  absl::StatusOr<v1::CatalogVersion> GetVersion(
      const v1::GetCatalogVersionRequest& request) const;

  // The database, for backups.
  storage::KvStore* kv() const { return kv_.get(); }

  // The version of everything the catalog holds, as its version watch tells
  // it: any import changes it, no restart repeats it.
  std::string Version() const;

 private:
  explicit CatalogCore(std::unique_ptr<storage::KvStore> kv);
  absl::Status Load();

  std::unique_ptr<storage::KvStore> kv_;
  const std::string instance_;
  std::unique_ptr<storage::AuditLog> audit_;
  std::unique_ptr<storage::IdempotentWriter> writer_;
  storage::FamilyId versions_;
  absl::Mutex import_mu_;  // one import at a time
  mutable absl::Mutex mu_;
  std::shared_ptr<const v1::Catalog> current_ ABSL_GUARDED_BY(mu_);
  const std::shared_ptr<const v1::Catalog> default_;
  CatalogVersions index_ ABSL_GUARDED_BY(mu_);
  // Older versions read back lately, a few at most: reports ask for the
  // version of their period again and again.
  absl::flat_hash_map<int64_t, std::shared_ptr<const v1::Catalog>> older_
      ABSL_GUARDED_BY(mu_);
};

// The etag of a catalog's content at a version.
std::string CatalogEtag(const v1::Catalog& catalog, int64_t version);

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_CORE_H_
