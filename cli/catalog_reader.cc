#include "cli/catalog_reader.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"

namespace valore::cli {
namespace {

// Calls `list` page after page, appending each page's items to the result.
template <typename Item, typename Request, typename Response, typename Call,
          typename Items>
absl::StatusOr<std::vector<Item>> Collect(const CliContext& ctx,
                                          Request request, Call call,
                                          Items items) {
  std::vector<Item> out;
  request.set_page_size(1000);
  do {
    Response response;
    grpc::Status status = call(ctx.Call().get(), request, &response);
    if (!status.ok()) {
      return FromDependency(
          status, absl::StrCat("catalog service at ", ctx.catalog_address()));
    }
    for (const Item& item : items(response)) out.push_back(item);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return out;
}

}  // namespace

absl::StatusOr<std::vector<v1::Entity>> AllEntities(
    const CliContext& ctx, v1::CatalogService::Stub& stub) {
  return Collect<v1::Entity, v1::ListEntitiesRequest, v1::ListEntitiesResponse>(
      ctx, v1::ListEntitiesRequest(),
      [&](grpc::ClientContext* c, const auto& r, auto* out) {
        return stub.ListEntities(c, r, out);
      },
      [](const v1::ListEntitiesResponse& r) { return r.entities(); });
}

absl::StatusOr<std::vector<v1::ProgrammeLine>> AllLines(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListProgrammeLinesRequest request) {
  return Collect<v1::ProgrammeLine, v1::ListProgrammeLinesRequest,
                 v1::ListProgrammeLinesResponse>(
      ctx, std::move(request),
      [&](grpc::ClientContext* c, const auto& r, auto* out) {
        return stub.ListProgrammeLines(c, r, out);
      },
      [](const v1::ListProgrammeLinesResponse& r) { return r.lines(); });
}

absl::StatusOr<std::vector<v1::Indicator>> AllIndicators(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListIndicatorsRequest request) {
  return Collect<v1::Indicator, v1::ListIndicatorsRequest,
                 v1::ListIndicatorsResponse>(
      ctx, std::move(request),
      [&](grpc::ClientContext* c, const auto& r, auto* out) {
        return stub.ListIndicators(c, r, out);
      },
      [](const v1::ListIndicatorsResponse& r) { return r.indicators(); });
}

absl::StatusOr<std::vector<v1::ExecutiveObjective>> AllObjectives(
    const CliContext& ctx, v1::CatalogService::Stub& stub,
    v1::ListExecutiveObjectivesRequest request) {
  return Collect<v1::ExecutiveObjective, v1::ListExecutiveObjectivesRequest,
                 v1::ListExecutiveObjectivesResponse>(
      ctx, std::move(request),
      [&](grpc::ClientContext* c, const auto& r, auto* out) {
        return stub.ListExecutiveObjectives(c, r, out);
      },
      [](const v1::ListExecutiveObjectivesResponse& r) {
        return r.executive_objectives();
      });
}

}  // namespace valore::cli
