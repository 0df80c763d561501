// Which imported catalog version is in force for a period as of a moment.
// A version applies from its effective_from period on (every period when it
// has none); among the versions imported by the moment asked and applying to
// the period, the newest is in force. Pure bookkeeping over the versions'
// headers, tested without storage.
#ifndef VALORE_SERVICES_CATALOG_CATALOG_VERSIONS_H_
#define VALORE_SERVICES_CATALOG_CATALOG_VERSIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/period.h"
#include "valore/v1/catalog.pb.h"

namespace valore::catalog {

class CatalogVersions {
 public:
  // The header of `catalog` (version, update_time, effective_from, author,
  // etag), as ListCatalogVersions shows it.
  static v1::CatalogVersion HeaderOf(const v1::Catalog& catalog);

  // Adds a version newer than every one added before.
  void Add(const v1::CatalogVersion& header);

  // The version in force for `period` (none: regardless of effective_from)
  // as of `as_of_micros` (0: now); 0 when no version applies (the catalog
  // before any import).
  int64_t InForce(std::optional<Period> period, int64_t as_of_micros) const;

  // Oldest first.
  const std::vector<v1::CatalogVersion>& All() const { return headers_; }

 private:
  struct Entry {
    int64_t version = 0;
    int64_t create_micros = 0;
    // Absent: every period.
    std::optional<Period> effective_from;
  };
  std::vector<v1::CatalogVersion> headers_;
  std::vector<Entry> entries_;
};

}  // namespace valore::catalog

#endif  // VALORE_SERVICES_CATALOG_CATALOG_VERSIONS_H_
