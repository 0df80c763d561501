// Bytes as an ImportCatalogRequest into CatalogCore::Import over one RocksDB
// per process, then the same bytes as each Get/List request over the
// current catalog, and as a ListAuditEventsRequest. Imports that succeed change
// the catalog the next inputs are queried against.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "fuzz/fuzz_support.h"
#include "services/catalog/catalog_core.h"
#include "services/catalog/catalog_queries.h"
#include "valore/v1/catalog.pb.h"

namespace {

namespace v1 = valore::v1;
using valore::catalog::CatalogCore;

CatalogCore& Core() {
  static CatalogCore* core = [] {
    valore::storage::KvOptions options;
    // Durability is not under test; fsync per input would only slow the run.
    options.sync_writes = false;
    options.block_cache_mib = 8;
    absl::StatusOr<std::unique_ptr<CatalogCore>> opened =
        CatalogCore::Open(valore::fuzz::ScratchDir("catalog"), options);
    if (!opened.ok()) {
      valore::fuzz::Fail(__FILE__, __LINE__, "Open",
                         opened.status().ToString());
    }
    return opened->release();
  }();
  return *core;
}

// Parses the bytes as `Request` and runs `query` when they are one.
template <typename Request, typename Query>
void Run(const uint8_t* data, size_t size, const v1::Catalog& catalog,
         Query query) {
  Request r;
  if (!r.ParseFromArray(data, static_cast<int>(size))) return;
  using Result = decltype(query(catalog, r));
  if constexpr (std::is_void_v<Result>) {
    query(catalog, r);
  } else {
    valore::fuzz::CheckBoundedError(query(catalog, r).status());
  }
}

void Queries(const uint8_t* data, size_t size, const v1::Catalog& c) {
  namespace q = valore::catalog;
  Run<v1::GetEntityRequest>(data, size, c, q::GetEntity);
  Run<v1::ListEntitiesRequest>(data, size, c, q::ListEntities);
  Run<v1::ListStrategicDirectionsRequest>(data, size, c,
                                          q::ListStrategicDirections);
  Run<v1::ListStrategicObjectivesRequest>(data, size, c,
                                          q::ListStrategicObjectives);
  Run<v1::GetProgrammeLineRequest>(data, size, c, q::GetProgrammeLine);
  Run<v1::ListProgrammeLinesRequest>(data, size, c, q::ListProgrammeLines);
  Run<v1::GetIndicatorRequest>(data, size, c, q::GetIndicator);
  Run<v1::GetExecutiveObjectiveRequest>(data, size, c,
                                        q::GetExecutiveObjective);
  Run<v1::ListExecutiveObjectivesRequest>(data, size, c,
                                          q::ListExecutiveObjectives);
  Run<v1::ListSectorsRequest>(data, size, c, q::ListSectors);
  Run<v1::ExportCatalogRequest>(
      data, size, c,
      [](const v1::Catalog& catalog, const v1::ExportCatalogRequest& r) {
        const v1::ExportCatalogResponse out = q::ExportCatalog(catalog, r);
        VALORE_FUZZ_CHECK(
            out.not_modified() == (!r.if_none_match().empty() &&
                                   r.if_none_match() == catalog.etag()),
            r.if_none_match());
      });
  // Every indicator a page lists can be fetched by its name.
  Run<v1::ListIndicatorsRequest>(
      data, size, c,
      [](const v1::Catalog& catalog, const v1::ListIndicatorsRequest& r) {
        absl::StatusOr<v1::ListIndicatorsResponse> page =
            q::ListIndicators(catalog, r);
        if (!page.ok()) return;
        for (const v1::Indicator& listed : page->indicators()) {
          v1::GetIndicatorRequest get;
          get.set_name(listed.name());
          absl::StatusOr<v1::Indicator> got = q::GetIndicator(catalog, get);
          VALORE_FUZZ_CHECK(got.ok(), got.status().ToString());
        }
      });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CatalogCore& core = Core();
  v1::ImportCatalogRequest request;
  if (request.ParseFromArray(data, static_cast<int>(size))) {
    const int64_t before = core.Current()->version();
    absl::StatusOr<v1::ImportCatalogResponse> response =
        core.Import(request, request.author(), valore::fuzz::NextTime());
    valore::fuzz::CheckBoundedError(response.status());
    const int64_t after = core.Current()->version();
    if (response.ok() && !request.validate_only()) {
      // A new version, or the answer of an earlier import with this id.
      VALORE_FUZZ_CHECK(response->version() > 0 && response->version() <= after,
                        absl::StrCat(response->version(), " of ", after));
      VALORE_FUZZ_CHECK(after == before || after == before + 1,
                        absl::StrCat(before, " -> ", after));
    } else {
      VALORE_FUZZ_CHECK(after == before,
                        "a refused or dry import changed the "
                        "current catalog");
    }
  }
  Queries(data, size, *core.Current());
  v1::ListAuditEventsRequest audit;
  if (audit.ParseFromArray(data, static_cast<int>(size))) {
    (void)core.ListAuditEvents(audit);
  }
  return 0;
}
