// valore overview --period P [--entity E,..] [--format table|csv|json]
// [--out FILE]: every entity's outcome table in one streamed call
// (AggregationService.StreamEntitySummaries).
#include <iostream>
#include <sstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/report/render.h"
#include "common/scopes.h"

ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(std::vector<std::string>, entity);

namespace valore::cli {

int OverviewCommand(const CliContext& ctx, const Args& args) {
  const std::string period = absl::GetFlag(FLAGS_period);
  if (!args.empty() || period.empty()) {
    std::cerr << "usage: valore overview --period P [--entity E,..] "
                 "[--format table|csv|json] [--out FILE]\n";
    return 2;
  }
  const std::string& format = ctx.format_name();
  if (format != "table" && format != "text" && format != "csv" &&
      format != "json") {
    return Fail(absl::InvalidArgumentError(absl::StrCat(
        "--format: \"", format, "\" is not table, csv or json for overview")));
  }
  v1::StreamEntitySummariesRequest request;
  request.set_period(period);
  // No entity asked: every one, after the Union-wide scope (the appendix's
  // own figures).
  for (const std::string& e : absl::GetFlag(FLAGS_entity)) {
    request.add_scopes(ScopeOf(e));
  }
  std::unique_ptr<grpc::ClientContext> call = ctx.Call();
  auto reader = ctx.Aggregation()->StreamEntitySummaries(call.get(), request);
  v1::StreamEntitySummariesResponse all;
  v1::StreamEntitySummariesResponse chunk;
  while (reader->Read(&chunk)) {
    all.set_period(chunk.period());
    all.set_catalog_version(chunk.catalog_version());
    for (v1::EntitySummary& s : *chunk.mutable_summaries()) {
      *all.add_summaries() = std::move(s);
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) {
    return Fail(status, absl::StrCat("aggregation service at ",
                                     ctx.aggregation_address()));
  }
  const std::string out = absl::GetFlag(FLAGS_out);
  if (format == "csv") return WriteOutput(RenderOverviewCsv(all), out);
  std::ostringstream text;
  if (format == "json") {
    PrintJson(text, all);
    return WriteOutput(text.str(), out);
  }
  const OverviewTable table = MakeOverviewTable(all, /*for_people=*/true);
  text << "Linee di programmazione DUP per esito, " << all.period() << "\n";
  PrintTable(text, table.header, table.rows);
  return WriteOutput(text.str(), out);
}

}  // namespace valore::cli
