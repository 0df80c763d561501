// valore import DIR: the data folder into the catalog and capture services,
// then a read-back of what they hold.
#include <functional>
#include <map>
#include <set>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/catalog_reader.h"
#include "cli/commands.h"
#include "importer/data_folder.h"
#include "cli/output.h"
#include "services/common/grpc_status.h"
#include "services/common/request_ids.h"
#include "services/common/routing.h"

ABSL_FLAG(bool, dry_run, false, "import: check everything and store nothing");
ABSL_FLAG(std::string, effective_from, "",
          "import: the first period the folder's catalog applies to "
          "(2025S1); reports of earlier periods keep the catalog in force "
          "for them. Empty: every period");
ABSL_FLAG(std::string, routing, "",
          "import: a RoutingConfig (text format) sending each entity's values "
          "to its own capture service; others go to --capture");

namespace valore::cli {
namespace {

constexpr int kBatchRecords = 1000;

// A request id derived from the content: importing the same data twice
// stores it once, while changed data gets new revisions.
std::string ContentRequestId(absl::string_view kind,
                             const google::protobuf::Message& request) {
  return absl::StrFormat("import-%s-%016x", kind,
                         std::hash<std::string>()(DeterministicBytes(request)));
}

int ImportCatalogPart(const CliContext& ctx, const import::DataFolder& data,
                      bool dry_run) {
  auto stub = ctx.Catalog();
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = data.catalog;
  request.set_validate_only(dry_run);
  request.set_effective_from(absl::GetFlag(FLAGS_effective_from));
  request.set_request_id(ContentRequestId("catalog", request));
  v1::ImportCatalogResponse response;
  grpc::Status status =
      stub->ImportCatalog(ctx.Call().get(), request, &response);
  if (!status.ok()) {
    return Fail(status,
                absl::StrCat("catalog service at ", ctx.catalog_address()));
  }
  if (dry_run) {
    for (const v1::ImportProblem& p : response.problems()) {
      std::cout << p.source().file() << " row " << p.source().row() << ": "
                << p.field() << ": " << p.message() << "\n";
    }
    std::cout << "catalog: " << response.problems_size() << " problem(s); "
              << response.entities() << " entities, " << response.lines()
              << " programme lines, " << response.indicators()
              << " indicators, " << response.executive_objectives()
              << " executive objectives\n";
    return response.problems_size() == 0 ? 0 : 1;
  }
  std::cout << "catalog: stored version " << response.version();
  if (!request.effective_from().empty()) {
    std::cout << ", in force from " << request.effective_from();
  }
  std::cout << "\n";
  return 0;
}

int ImportMeasurements(const CliContext& ctx, const import::DataFolder& data,
                       const std::map<std::string, std::string>& routes) {
  // Each capture service gets the values of the entities it serves.
  std::map<std::string, std::vector<const v1::Measurement*>> by_address;
  for (const v1::Measurement& m : data.measurements) {
    auto route = routes.find(m.entity());
    by_address[route != routes.end() ? route->second : ctx.capture_address()]
        .push_back(&m);
  }
  size_t stored = 0;
  for (const auto& [address, measurements] : by_address) {
    auto stub = v1::CaptureService::NewStub(ctx.Channel(address));
    for (size_t begin = 0; begin < measurements.size();
         begin += kBatchRecords) {
      v1::BatchWriteMeasurementsRequest request;
      const size_t end = std::min(measurements.size(), begin + kBatchRecords);
      for (size_t i = begin; i < end; ++i) {
        *request.add_measurements() = *measurements[i];
      }
      request.set_author(ctx.author());
      request.set_request_id(ContentRequestId("measurements", request));
      v1::BatchWriteMeasurementsResponse response;
      grpc::Status status =
          stub->BatchWriteMeasurements(ctx.Call().get(), request, &response);
      if (!status.ok()) {
        return Fail(status, absl::StrCat("capture service at ", address));
      }
      stored += response.measurements_size();
    }
  }
  std::cout << "capture: " << stored << " measurements written\n";
  return 0;
}

// The document's own outcomes (validated, with its footnotes as
// justifications) and its published figures, into the aggregation service.
int ImportOutcomes(const CliContext& ctx, const import::DataFolder& data) {
  if (data.validated_outcomes.empty() && data.published.empty()) return 0;
  auto stub = ctx.Aggregation();
  const std::string service =
      absl::StrCat("aggregation service at ", ctx.aggregation_address());
  if (!data.validated_outcomes.empty()) {
    v1::BatchSetValidatedOutcomesRequest request;
    for (const v1::ValidatedOutcome& v : data.validated_outcomes) {
      *request.add_validated_outcomes() = v;
    }
    request.set_from_published_document(true);
    request.set_author(ctx.author());
    request.set_request_id(ContentRequestId("outcomes", request));
    v1::BatchSetValidatedOutcomesResponse response;
    grpc::Status status =
        stub->BatchSetValidatedOutcomes(ctx.Call().get(), request, &response);
    if (!status.ok()) return Fail(status, service);
    std::cout << "aggregation: " << response.validated_outcomes_size()
              << " validated outcomes stored\n";
  }
  for (const auto& [period, figures] : data.published) {
    v1::ImportPublishedFiguresRequest request;
    request.set_period(period);
    for (const v1::PublishedFigure& f : figures) *request.add_figures() = f;
    request.set_author(ctx.author());
    request.set_request_id(ContentRequestId("published", request));
    v1::ImportPublishedFiguresResponse response;
    grpc::Status status =
        stub->ImportPublishedFigures(ctx.Call().get(), request, &response);
    if (!status.ok()) return Fail(status, service);
    std::cout << "aggregation: " << response.figures()
              << " published figures of " << period << " stored\n";
  }
  return 0;
}

// What the services hold now, counted from their own answers.
int PrintStored(const CliContext& ctx, const std::set<std::string>& periods) {
  auto catalog = ctx.Catalog();
  auto entities = AllEntities(ctx, *catalog);
  if (!entities.ok()) return Fail(entities.status());
  auto lines = AllLines(ctx, *catalog, {});
  if (!lines.ok()) return Fail(lines.status());
  auto indicators = AllIndicators(ctx, *catalog, {});
  if (!indicators.ok()) return Fail(indicators.status());
  auto objectives = AllObjectives(ctx, *catalog, {});
  if (!objectives.ok()) return Fail(objectives.status());
  size_t dup_indicators = 0;
  std::map<std::string, int> by_section;
  for (const v1::Indicator& i : *indicators) {
    if (!i.line_code().empty()) {
      ++dup_indicators;
    } else {
      ++by_section[i.section()];
    }
  }

  auto capture = ctx.Capture();
  std::vector<std::vector<std::string>> rows;
  size_t measurements = 0;
  for (const std::string& period : periods) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period(period);
    v1::BatchGetMeasurementsResponse response;
    grpc::Status status =
        capture->BatchGetMeasurements(ctx.Call().get(), request, &response);
    if (!status.ok()) {
      return Fail(status,
                  absl::StrCat("capture service at ", ctx.capture_address()));
    }
    std::map<std::string, int> per_entity;
    for (const v1::Measurement& m : response.measurements())
      ++per_entity[m.entity()];
    for (const auto& [entity, n] : per_entity) {
      rows.push_back({period, entity, absl::StrCat(n)});
    }
    measurements += response.measurements_size();
  }

  std::cout << "\nStored:\n";
  std::vector<std::vector<std::string>> summary = {
      {"entities", absl::StrCat(entities->size())},
      {"programme lines", absl::StrCat(lines->size())},
      {"indicators (DUP)", absl::StrCat(dup_indicators)},
  };
  for (const auto& [section, n] : by_section) {
    summary.push_back(
        {absl::StrCat("indicators (", section, ")"), absl::StrCat(n)});
  }
  summary.push_back({"executive objectives", absl::StrCat(objectives->size())});
  summary.push_back({"measurements", absl::StrCat(measurements)});
  PrintTable(std::cout, {"what", "count"}, summary);
  std::cout << "\nEntities:\n";
  std::vector<std::vector<std::string>> entity_rows;
  for (const v1::Entity& e : *entities)
    entity_rows.push_back({e.id(), e.display_name()});
  PrintTable(std::cout, {"id", "name"}, entity_rows);
  std::cout << "\nMeasurements by period and entity:\n";
  PrintTable(std::cout, {"period", "entity", "values"}, rows);
  return 0;
}

}  // namespace

int ImportCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 1) {
    std::cerr << "usage: valore import DIR [--dry_run] [--effective_from P]\n";
    return 2;
  }
  absl::StatusOr<import::DataFolder> data = import::ReadDataFolder(args[0]);
  if (!data.ok()) return Fail(data.status());
  const bool dry_run = absl::GetFlag(FLAGS_dry_run);
  if (int rc = ImportCatalogPart(ctx, *data, dry_run); rc != 0 || dry_run) {
    return rc;
  }
  std::map<std::string, std::string> routes;
  if (const std::string routing = absl::GetFlag(FLAGS_routing);
      !routing.empty()) {
    absl::StatusOr<std::map<std::string, std::string>> read =
        ReadRoutes(routing);
    if (!read.ok()) return Fail(read.status());
    routes = *std::move(read);
  }
  if (int rc = ImportMeasurements(ctx, *data, routes); rc != 0) return rc;
  if (int rc = ImportOutcomes(ctx, *data); rc != 0) return rc;
  std::set<std::string> periods;
  for (const v1::Measurement& m : data->measurements)
    periods.insert(m.period());
  // The read-back asks one capture service; with routes it would miss some.
  if (ctx.format() == Format::kJson || !routes.empty()) return 0;
  return PrintStored(ctx, periods);
}

}  // namespace valore::cli
