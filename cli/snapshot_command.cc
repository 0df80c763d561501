// valore snapshot take|list|show|diff --period P [--version N]
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/report/render.h"
#include "common/resource_names.h"
#include "common/pagination.h"

ABSL_FLAG(int, version, 0, "snapshot show/diff: the version (default: newest)");
ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(std::string, request_id);

namespace valore::cli {
namespace {

std::string Time(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S",
                          absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

void PrintSnapshot(const v1::Snapshot& s) {
  std::cout << "snapshot " << s.period() << " versione " << s.version()
            << " del " << Time(s.create_time()) << " UTC, di " << s.principal()
            << "\n  sha256 " << s.content_hash() << "\n";
  for (const std::string& l : s.locked())
    std::cout << "  bloccato in " << l << "\n";
}

}  // namespace

int SnapshotCommand(const CliContext& ctx, const Args& args) {
  const std::string what = args.empty() ? "" : args[0];
  const std::string period = absl::GetFlag(FLAGS_period);
  const std::string service =
      absl::StrCat("aggregation service at ", ctx.aggregation_address());
  auto stub = ctx.Aggregation();
  if (what == "take" && !period.empty()) {
    v1::TakeSnapshotRequest request;
    request.set_period(period);
    request.set_author(ctx.author());
    request.set_request_id(absl::GetFlag(FLAGS_request_id));
    v1::Snapshot out;
    grpc::Status status = stub->TakeSnapshot(ctx.Call().get(), request, &out);
    if (!status.ok()) return Fail(status, service);
    if (ctx.format() == Format::kJson) {
      out.clear_report();
      PrintJson(std::cout, out);
    } else {
      PrintSnapshot(out);
    }
    return 0;
  }
  if (what == "list") {
    v1::ListSnapshotsRequest request;
    request.set_period(period);
    v1::ListSnapshotsResponse out;
    grpc::Status status = ReadAllPages(
        request,
        [&](const v1::ListSnapshotsRequest& r,
            v1::ListSnapshotsResponse* page) {
          return stub->ListSnapshots(ctx.Call().get(), r, page);
        },
        &v1::ListSnapshotsResponse::mutable_snapshots, &out);
    if (!status.ok()) return Fail(status, service);
    if (ctx.format() == Format::kJson) {
      PrintJson(std::cout, out);
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::Snapshot& s : out.snapshots()) {
      rows.push_back({s.period(), absl::StrCat(s.version()),
                      Time(s.create_time()), s.principal(),
                      s.content_hash().substr(0, 16)});
    }
    PrintTable(std::cout, {"period", "version", "time (UTC)", "by", "sha256"},
               rows);
    return 0;
  }
  if (what == "show" && !period.empty()) {
    v1::GetSnapshotRequest request;
    request.set_name(SnapshotName(period, absl::GetFlag(FLAGS_version)));
    v1::Snapshot out;
    grpc::Status status = stub->GetSnapshot(ctx.Call().get(), request, &out);
    if (!status.ok()) return Fail(status, service);
    const std::string format_name =
        ctx.format_name() == "table" ? "text" : ctx.format_name();
    absl::StatusOr<ReportFormat> format = ParseReportFormat(format_name);
    if (!format.ok()) return Fail(format.status());
    return WriteOutput(RenderReport(out.report(), *format),
                       absl::GetFlag(FLAGS_out));
  }
  if (what == "diff" && !period.empty()) {
    v1::DiffSnapshotRequest request;
    request.set_name(SnapshotName(period, absl::GetFlag(FLAGS_version)));
    v1::DiffSnapshotResponse out;
    grpc::Status status = stub->DiffSnapshot(ctx.Call().get(), request, &out);
    if (!status.ok()) return Fail(status, service);
    if (ctx.format() == Format::kJson) {
      PrintJson(std::cout, out);
      return 0;
    }
    PrintSnapshot(out.snapshot());
    if (out.changes_size() == 0) {
      std::cout << "nessuna differenza con i dati attuali\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::SnapshotChange& c : out.changes()) {
      rows.push_back({c.what(), c.snapshot(), c.live()});
    }
    PrintTable(std::cout, {"voce", "nello snapshot", "oggi"}, rows);
    return 0;
  }
  std::cerr << "usage: valore snapshot take|show|diff --period P [--version N] "
               "[--format text|csv|json|md|html] [--out FILE]\n"
               "       valore snapshot list [--period P]\n";
  return 2;
}

}  // namespace valore::cli
