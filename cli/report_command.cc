// valore report --period P [--entity E] --format text|csv|json|md|html
// [--out FILE]
#include <fstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/report/render.h"
#include "common/scopes.h"

ABSL_FLAG(std::string, period, "",
          "report, overview: the semester (e.g. 2023S2)");
ABSL_FLAG(std::string, out, "",
          "report, overview: write to this file instead of stdout; export: "
          "the folder to write to");
ABSL_FLAG(bool, partial, false,
          "report: when an entity's capture service does not answer, report "
          "without it (marked partial) instead of failing");
ABSL_DECLARE_FLAG(std::vector<std::string>, entity);

namespace valore::cli {

int ReportCommand(const CliContext& ctx, const Args& args) {
  const std::string period = absl::GetFlag(FLAGS_period);
  if (!args.empty() || period.empty()) {
    std::cerr << "usage: valore report --period P [--entity E] "
                 "[--format text|csv|json|md|html] [--out FILE]\n";
    return 2;
  }
  const std::vector<std::string> entities = absl::GetFlag(FLAGS_entity);
  if (entities.size() > 1) {
    return Fail(absl::InvalidArgumentError(
        "--entity: a report is for one entity, or for the Union without it"));
  }
  const std::string format_name =
      ctx.format_name() == "table" ? "text" : ctx.format_name();
  absl::StatusOr<ReportFormat> format = ParseReportFormat(format_name);
  if (!format.ok()) return Fail(format.status());

  v1::GetReportRequest request;
  request.set_period(period);
  request.set_scope(ScopeOf(entities.empty() ? "" : entities[0]));
  request.set_allow_partial(absl::GetFlag(FLAGS_partial));
  v1::Report report;
  grpc::Status status =
      ctx.Aggregation()->GetReport(ctx.Call().get(), request, &report);
  if (!status.ok()) {
    return Fail(status, absl::StrCat("aggregation service at ",
                                     ctx.aggregation_address()));
  }
  if (report.missing_entities_size() > 0) {
    std::cerr << "valore: partial report, without "
              << report.missing_entities_size() << " entities\n";
  }
  return WriteOutput(RenderReport(report, *format), absl::GetFlag(FLAGS_out));
}

int WriteOutput(const std::string& rendered, const std::string& out) {
  if (out.empty()) {
    std::cout << rendered;
    return 0;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << rendered;
  file.close();
  if (!file) {
    return Fail(absl::UnavailableError(
        absl::StrCat("--out: cannot write \"", out, "\"")));
  }
  std::cout << out << "\n";
  return 0;
}

}  // namespace valore::cli
