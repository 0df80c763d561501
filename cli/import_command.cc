// valore import DIR: the data folder into the catalog and capture services,
// then a read-back of what they hold.
#include <map>
#include <memory>
#include <set>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/catalog_reader.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "importer/data_folder.h"
#include "importer/import_plan.h"
#include "importer/record_problems.h"
#include "services/common/grpc_status.h"
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

void PrintProblem(const v1::ImportProblem& p) {
  if (!p.source().file().empty()) {
    std::cout << p.source().file() << " row " << p.source().row() << ": ";
  }
  if (!p.field().empty()) std::cout << p.field() << ": ";
  std::cout << p.message() << "\n";
}

// Every problem of the folder, none stored: its records checked here as
// the services would, its catalog by the catalog service.
int DryRun(const CliContext& ctx, const import::DataFolder& data,
           const import::ImportPlan& plan,
           const std::vector<v1::ImportProblem>& record_problems) {
  v1::ImportCatalogRequest request = plan.catalog;
  request.set_validate_only(true);
  request.clear_request_id();
  v1::ImportCatalogResponse response;
  grpc::Status status =
      ctx.Catalog()->ImportCatalog(ctx.Call().get(), request, &response);
  if (!status.ok()) {
    return Fail(status,
                absl::StrCat("catalog service at ", ctx.catalog_address()));
  }
  for (const v1::ImportProblem& p : response.problems()) PrintProblem(p);
  for (const v1::ImportProblem& p : record_problems) PrintProblem(p);
  size_t figures = 0;
  for (const auto& [period, f] : data.published) figures += f.size();
  std::cout << "catalog: " << response.problems_size() << " problem(s); "
            << response.entities() << " entities, " << response.lines()
            << " programme lines, " << response.indicators() << " indicators, "
            << response.executive_objectives() << " executive objectives\n";
  std::cout << "records: " << record_problems.size() << " problem(s); "
            << data.measurements.size() << " measurements, "
            << data.validated_outcomes.size() << " validated outcomes, "
            << figures << " published figures\n";
  return response.problems_size() == 0 && record_problems.empty() ? 0 : 1;
}

// Sends the plan in its order. A failure part way is completed by running
// the same command again: every request carries an id of its content, so
// what was stored answers as before and is not stored twice.
int Send(const CliContext& ctx, const import::ImportPlan& plan) {
  const std::string again =
      "; run the same import again to complete it (nothing is stored twice)";
  {
    v1::ImportCatalogResponse response;
    grpc::Status status =
        ctx.Catalog()->ImportCatalog(ctx.Call().get(), plan.catalog, &response);
    if (!status.ok()) {
      return Fail(status,
                  absl::StrCat("catalog service at ", ctx.catalog_address()));
    }
    std::cout << "catalog: stored version " << response.version();
    if (!plan.catalog.effective_from().empty()) {
      std::cout << ", in force from " << plan.catalog.effective_from();
    }
    std::cout << "\n";
  }
  size_t stored = 0;
  // One channel per capture service, for all its batches.
  std::map<std::string, std::unique_ptr<v1::CaptureService::Stub>> captures;
  for (const import::MeasurementBatch& batch : plan.measurements) {
    std::unique_ptr<v1::CaptureService::Stub>& stub = captures[batch.capture];
    if (stub == nullptr) {
      stub = v1::CaptureService::NewStub(ctx.Channel(batch.capture));
    }
    // The plan holds what is sent: only the revisions come back.
    v1::BatchWriteMeasurementsRequest request = batch.request;
    request.set_view(v1::BATCH_WRITE_VIEW_BASIC);
    v1::BatchWriteMeasurementsResponse response;
    grpc::Status status =
        stub->BatchWriteMeasurements(ctx.Call().get(), request, &response);
    if (!status.ok()) {
      return Fail(status,
                  absl::StrCat("capture service at ", batch.capture, again));
    }
    stored += response.record_count();
  }
  std::cout << "capture: " << stored << " measurements written\n";
  const std::string aggregation =
      absl::StrCat("aggregation service at ", ctx.aggregation_address(), again);
  auto aggregation_stub = ctx.Aggregation();
  if (plan.validated_outcomes.has_value()) {
    v1::BatchSetValidatedOutcomesResponse response;
    grpc::Status status = aggregation_stub->BatchSetValidatedOutcomes(
        ctx.Call().get(), *plan.validated_outcomes, &response);
    if (!status.ok()) return Fail(status, aggregation);
    std::cout << "aggregation: " << response.validated_outcomes_size()
              << " validated outcomes stored\n";
  }
  for (const v1::ImportPublishedFiguresRequest& request : plan.published) {
    v1::ImportPublishedFiguresResponse response;
    grpc::Status status = aggregation_stub->ImportPublishedFigures(
        ctx.Call().get(), request, &response);
    if (!status.ok()) return Fail(status, aggregation);
    std::cout << "aggregation: " << response.figures()
              << " published figures of " << request.period() << " stored\n";
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
  import::PlanOptions options;
  options.effective_from = absl::GetFlag(FLAGS_effective_from);
  options.author = ctx.author();
  options.default_capture = ctx.capture_address();
  if (const std::string routing = absl::GetFlag(FLAGS_routing);
      !routing.empty()) {
    absl::StatusOr<std::map<std::string, std::string>> read =
        ReadRoutes(routing);
    if (!read.ok()) return Fail(read.status());
    options.routes = *std::move(read);
  }
  const import::ImportPlan plan = import::PlanImport(*data, options);
  const std::vector<v1::ImportProblem> problems =
      import::FindRecordProblems(*data);
  if (absl::GetFlag(FLAGS_dry_run)) return DryRun(ctx, *data, plan, problems);
  if (!problems.empty()) {
    for (const v1::ImportProblem& p : problems) PrintProblem(p);
    std::cerr << "error: " << problems.size()
              << " problem(s) in the data folder; nothing stored\n";
    return 1;
  }
  if (int rc = Send(ctx, plan); rc != 0) return rc;
  std::set<std::string> periods;
  for (const v1::Measurement& m : data->measurements)
    periods.insert(m.period());
  // The read-back asks one capture service; with routes it would miss some.
  if (ctx.format() == Format::kJson || !options.routes.empty()) return 0;
  return PrintStored(ctx, periods);
}

}  // namespace valore::cli
