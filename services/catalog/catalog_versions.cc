#include "services/catalog/catalog_versions.h"

#include "absl/strings/str_cat.h"
#include "common/resource_names.h"

namespace valore::catalog {

v1::CatalogVersion CatalogVersions::HeaderOf(const v1::Catalog& catalog) {
  v1::CatalogVersion header;
  header.set_version(catalog.version());
  *header.mutable_create_time() = catalog.update_time();
  header.set_author(catalog.author());
  header.set_effective_from(catalog.effective_from());
  header.set_etag(catalog.etag());
  header.set_name(CatalogVersionName(catalog.version()));
  return header;
}

void CatalogVersions::Add(const v1::CatalogVersion& header) {
  Entry entry;
  entry.version = header.version();
  entry.create_micros = header.create_time().seconds() * 1000000 +
                        header.create_time().nanos() / 1000;
  if (!header.effective_from().empty()) {
    // Stored versions were checked when imported; one that does not parse
    // applies to every period rather than to none.
    absl::StatusOr<Period> from = Period::Parse(header.effective_from());
    if (from.ok()) entry.effective_from = *from;
  }
  headers_.push_back(header);
  entries_.push_back(entry);
}

int64_t CatalogVersions::InForce(std::optional<Period> period,
                                 int64_t as_of_micros) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (as_of_micros > 0 && it->create_micros > as_of_micros) continue;
    if (period.has_value() && it->effective_from.has_value() &&
        *it->effective_from > *period) {
      continue;
    }
    return it->version;
  }
  return 0;
}

}  // namespace valore::catalog
