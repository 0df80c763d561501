// valore catalog entities|lines|indicators|objectives|sectors|policy|versions
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/catalog_reader.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/labels.h"

ABSL_FLAG(std::string, line, "", "catalog: only items of this programme line");
ABSL_FLAG(std::string, dimension, "",
          "catalog: only items of this wellbeing dimension (e.g. educativa)");
ABSL_FLAG(std::string, manager, "", "catalog: only items of this dirigente");
ABSL_FLAG(std::string, sector, "",
          "catalog objectives: only objectives weighing in this sector");

namespace valore::cli {
namespace {

absl::StatusOr<v1::WellbeingDimension> DimensionFilter() {
  const std::string text = absl::GetFlag(FLAGS_dimension);
  if (text.empty()) return v1::WELLBEING_DIMENSION_UNSPECIFIED;
  return ParseDimension(text, "--dimension");
}

// Prints `items` as JSON (one message wrapping them) or as a table.
template <typename Item, typename Wrapper, typename Add, typename Row>
int Show(const CliContext& ctx, const absl::StatusOr<std::vector<Item>>& items,
         Add add, const std::vector<std::string>& header, Row row) {
  if (!items.ok()) return Fail(items.status());
  if (ctx.format() == Format::kJson) {
    Wrapper wrapper;
    for (const Item& i : *items) *add(wrapper) = i;
    PrintJson(std::cout, wrapper);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Item& i : *items) rows.push_back(row(i));
  PrintTable(std::cout, header, rows);
  return 0;
}

}  // namespace

int CatalogCommand(const CliContext& ctx, const Args& args) {
  const std::string what = args.empty() ? "" : args[0];
  auto stub = ctx.Catalog();
  absl::StatusOr<v1::WellbeingDimension> dimension = DimensionFilter();
  if (!dimension.ok()) return Fail(dimension.status());
  if (what == "entities") {
    return Show<v1::Entity, v1::ListEntitiesResponse>(
        ctx, AllEntities(ctx, *stub),
        [](v1::ListEntitiesResponse& w) { return w.add_entities(); },
        {"id", "name", "kind"},
        [](const v1::Entity& e) {
          return std::vector<std::string>{
              e.id(), e.display_name(),
              e.kind() == v1::Entity::KIND_UNION ? "unione" : "comune"};
        });
  }
  if (what == "lines") {
    v1::ListProgrammeLinesRequest request;
    request.set_dimension(*dimension);
    request.set_manager(absl::GetFlag(FLAGS_manager));
    return Show<v1::ProgrammeLine, v1::ListProgrammeLinesResponse>(
        ctx, AllLines(ctx, *stub, request),
        [](v1::ListProgrammeLinesResponse& w) { return w.add_lines(); },
        {"code", "dimension", "dirigente", "title"},
        [](const v1::ProgrammeLine& l) {
          return std::vector<std::string>{
              l.code(), DimensionLabel(l.dimension()),
              absl::StrJoin(l.managers(), "; "), l.title()};
        });
  }
  if (what == "indicators") {
    v1::ListIndicatorsRequest request;
    request.set_line_code(absl::GetFlag(FLAGS_line));
    request.set_dimension(*dimension);
    request.set_manager(absl::GetFlag(FLAGS_manager));
    return Show<v1::Indicator, v1::ListIndicatorsResponse>(
        ctx, AllIndicators(ctx, *stub, request),
        [](v1::ListIndicatorsResponse& w) { return w.add_indicators(); },
        {"code", "line", "dimension", "targets", "title"},
        [](const v1::Indicator& i) {
          std::vector<std::string> targets;
          for (const v1::YearlyTarget& t : i.targets()) {
            targets.push_back(absl::StrCat(t.year(), ": ", t.target().text()));
          }
          return std::vector<std::string>{
              i.code(), i.line_code().empty() ? i.section() : i.line_code(),
              DimensionLabel(i.dimension()), absl::StrJoin(targets, "; "),
              i.title()};
        });
  }
  if (what == "objectives") {
    v1::ListExecutiveObjectivesRequest request;
    request.set_line_code(absl::GetFlag(FLAGS_line));
    request.set_dimension(*dimension);
    request.set_manager(absl::GetFlag(FLAGS_manager));
    request.set_sector(absl::GetFlag(FLAGS_sector));
    return Show<v1::ExecutiveObjective, v1::ListExecutiveObjectivesResponse>(
        ctx, AllObjectives(ctx, *stub, request),
        [](v1::ListExecutiveObjectivesResponse& w) {
          return w.add_executive_objectives();
        },
        {"code", "line", "dimension", "peso", "title"},
        [](const v1::ExecutiveObjective& o) {
          return std::vector<std::string>{o.code(), o.line_code(),
                                          DimensionLabel(o.dimension()),
                                          o.weight_text(), o.title()};
        });
  }
  if (what == "sectors") {
    v1::ListSectorsRequest request;
    request.set_page_size(1000);
    v1::ListSectorsResponse response;
    grpc::Status status =
        stub->ListSectors(ctx.Call().get(), request, &response);
    if (!status.ok()) return Fail(status, "catalog service");
    if (ctx.format() == Format::kJson) {
      PrintJson(std::cout, response);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::Sector& s : response.sectors()) {
      rows.push_back({s.code(), s.display_name(), s.manager()});
    }
    PrintTable(std::cout, {"code", "name", "dirigente"}, rows);
    return 0;
  }
  if (what == "versions") {
    v1::ListCatalogVersionsRequest request;
    request.set_page_size(1000);
    v1::ListCatalogVersionsResponse response;
    grpc::Status status =
        stub->ListCatalogVersions(ctx.Call().get(), request, &response);
    if (!status.ok()) return Fail(status, "catalog service");
    if (ctx.format() == Format::kJson) {
      PrintJson(std::cout, response);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::CatalogVersion& v : response.versions()) {
      rows.push_back(
          {absl::StrCat(v.version()),
           absl::FormatTime(absl::RFC3339_sec,
                            absl::FromUnixSeconds(v.create_time().seconds()),
                            absl::UTCTimeZone()),
           v.author(),
           v.effective_from().empty() ? "every period" : v.effective_from(),
           v.etag()});
    }
    PrintTable(std::cout,
               {"version", "imported", "by", "in force from", "etag"}, rows);
    return 0;
  }
  if (what == "policy") {
    v1::EvaluationPolicy response;
    grpc::Status status = stub->GetEvaluationPolicy(
        ctx.Call().get(), v1::GetEvaluationPolicyRequest(), &response);
    if (!status.ok()) return Fail(status, "catalog service");
    PrintJson(std::cout, response);
    return 0;
  }
  std::cerr
      << "usage: valore catalog entities|lines|indicators|objectives|"
         "sectors|policy|versions [--line L] [--dimension D] [--manager M] "
         "[--sector S]\n";
  return 2;
}

}  // namespace valore::cli
