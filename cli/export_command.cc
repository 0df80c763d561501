// valore export opendata --period P [--scope S] [--snapshot latest|N]
// [--license URI] [--publisher_id IPA] [--contact_email E] --out DIR: the
// period's appendix as open data (CSVW tables and metadata, DCAT-AP_IT).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/opendata/opendata.h"
#include "common/entities.h"
#include "common/pagination.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "common/text_util.h"

ABSL_FLAG(std::string, scope, "",
          "export: the scope, \"union\" (default: the Union-wide report) or "
          "an entity id (\"carpi\"), or its name (\"entities/carpi\")");
ABSL_FLAG(std::string, snapshot, "",
          "export: export a frozen snapshot of the period, \"latest\" or its "
          "version (default: the live data)");
ABSL_FLAG(std::string, license, valore::cli::opendata::kDefaultLicense,
          "export: the licence's URI (default: CC BY 4.0)");
ABSL_FLAG(std::string, publisher_id, "",
          "export: the Union's code in the Indice delle Pubbliche "
          "Amministrazioni (IPA), the publisher's identifier in DCAT-AP_IT "
          "(default: its entity id in the catalog)");
ABSL_FLAG(std::string, contact_email, "",
          "export: the e-mail address of the dataset's contact point");
ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(std::string, out);

namespace valore::cli {

absl::StatusOr<std::string> ScopeFromFlag(const std::string& text) {
  if (text.empty() || text == "union") return std::string(kUnionScope);
  const std::string name =
      text.find('/') == std::string::npos ? ScopeOf(text) : text;
  absl::StatusOr<std::string> entity = ParseScopeName(name, "--scope");
  if (!entity.ok()) return entity.status();
  return name;
}

namespace {

constexpr char kUsage[] =
    "usage: valore export opendata --period P [--scope S] "
    "[--snapshot latest|N] [--license URI] [--publisher_id IPA] "
    "[--contact_email E] --out DIR\n";

namespace od = ::valore::cli::opendata;

// 0 for "latest", else the version; INVALID_ARGUMENT otherwise.
absl::StatusOr<int> SnapshotVersion(const std::string& text) {
  int version = 0;
  if (text == "latest") return 0;
  if (!absl::SimpleAtoi(text, &version) || version < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--snapshot: ", QuoteForMessage(text),
                     " is not \"latest\" or a version number (1, 2, ...)"));
  }
  return version;
}

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

google::protobuf::Timestamp TimestampOf(absl::Time t) {
  google::protobuf::Timestamp out;
  const int64_t seconds = absl::ToUnixSeconds(t);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return out;
}

// What the export reads from the services before writing anything.
struct Source {
  v1::Report report;
  absl::Time issued;
  absl::Time modified;
  int version = 0;
};

// The frozen report: dated by its snapshot, first published by the
// period's first snapshot, so the same version always gives the same bytes.
absl::StatusOr<Source> ReadSnapshot(const CliContext& ctx,
                                    const std::string& period, int version,
                                    std::string* failed_service) {
  auto stub = ctx.Aggregation();
  *failed_service =
      absl::StrCat("aggregation service at ", ctx.aggregation_address());
  v1::GetSnapshotRequest request;
  request.set_name(SnapshotName(period, version));
  v1::Snapshot snapshot;
  grpc::Status status = stub->GetSnapshot(ctx.Call().get(), request, &snapshot);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  v1::ListSnapshotsRequest list;
  list.set_period(period);
  v1::ListSnapshotsResponse all;
  status = ReadAllPages(
      list,
      [&](const v1::ListSnapshotsRequest& r, v1::ListSnapshotsResponse* page) {
        return stub->ListSnapshots(ctx.Call().get(), r, page);
      },
      &v1::ListSnapshotsResponse::mutable_snapshots, &all);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  Source s;
  s.modified = TimeOf(snapshot.create_time());
  s.issued = s.modified;
  // Oldest first: the first is version 1.
  if (all.snapshots_size() > 0)
    s.issued = TimeOf(all.snapshots(0).create_time());
  s.version = snapshot.version();
  s.report = std::move(*snapshot.mutable_report());
  return s;
}

// The live report, asked as of now so that it carries its own moment: the
// dates of the export are that moment. (Not rounded to the second: a value
// written earlier in the same second would be left out.)
absl::StatusOr<Source> ReadLive(const CliContext& ctx,
                                const std::string& period,
                                const std::string& scope,
                                std::string* failed_service) {
  *failed_service =
      absl::StrCat("aggregation service at ", ctx.aggregation_address());
  v1::GetReportRequest request;
  request.set_period(period);
  request.set_scope(scope);
  *request.mutable_as_of() = TimestampOf(absl::Now());
  Source s;
  grpc::Status status =
      ctx.Aggregation()->GetReport(ctx.Call().get(), request, &s.report);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  s.modified =
      TimeOf(s.report.has_as_of() ? s.report.as_of() : request.as_of());
  s.issued = s.modified;
  return s;
}

// The catalog in force for the period as the data stood: who publishes
// (the Union entity) and what the scope is called.
absl::Status NameParties(const CliContext& ctx, const v1::Report& report,
                         absl::Time as_of, od::OpenDataOptions* options,
                         std::string* failed_service) {
  *failed_service = absl::StrCat("catalog service at ", ctx.catalog_address());
  v1::ExportCatalogRequest request;
  request.set_period(report.period());
  *request.mutable_as_of() = TimestampOf(as_of);
  v1::ExportCatalogResponse response;
  grpc::Status status =
      ctx.Catalog()->ExportCatalog(ctx.Call().get(), request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  const v1::Catalog& catalog = response.catalog();
  const std::string union_id = UnionEntityOf(catalog);
  options->publisher_name = union_id;
  options->scope_name =
      report.entity().empty() ? std::string(kUnionScopeLabel) : report.entity();
  options->scope_id = report.entity().empty() ? "union" : report.entity();
  for (const v1::Entity& e : catalog.entities()) {
    const std::string name =
        e.display_name().empty() ? e.id() : e.display_name();
    if (e.id() == union_id) options->publisher_name = name;
    if (e.id() == report.entity()) {
      options->scope_name = name;
      // The Union's own values read apart from the Union-wide scope.
      if (e.kind() == v1::Entity::KIND_UNION) {
        absl::StrAppend(&options->scope_name, kEntityOnlySuffix);
      }
    }
  }
  if (options->publisher_id.empty()) options->publisher_id = union_id;
  return absl::OkStatus();
}

// Each file goes to a temporary name and is renamed into place: a reader
// never sees half a file, and a failure leaves no temporary behind.
absl::Status WriteFolder(const std::string& dir,
                         const std::vector<od::OpenDataFile>& files) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("--out: cannot create \"", dir, "\": ", error.message()));
  }
  for (const od::OpenDataFile& f : files) {
    const std::filesystem::path path = std::filesystem::path(dir) / f.name;
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << f.content;
      out.close();
      if (!out) {
        std::filesystem::remove(temporary, error);
        return absl::UnavailableError(
            absl::StrCat("--out: cannot write \"", path.string(), "\""));
      }
    }
    std::filesystem::rename(temporary, path, error);
    if (error) {
      std::filesystem::remove(temporary, error);
      return absl::UnavailableError(
          absl::StrCat("--out: cannot write \"", path.string(), "\""));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int ExportCommand(const CliContext& ctx, const Args& args) {
  const std::string period = absl::GetFlag(FLAGS_period);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (args.size() != 1 || args[0] != "opendata" || period.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  if (out.empty()) {
    return Fail(absl::InvalidArgumentError(
        "--out: the folder to write the open data to is required"));
  }
  absl::StatusOr<std::string> scope = ScopeFromFlag(absl::GetFlag(FLAGS_scope));
  if (!scope.ok()) return Fail(scope.status());
  const std::string snapshot = absl::GetFlag(FLAGS_snapshot);

  std::string service;
  absl::StatusOr<Source> source;
  if (snapshot.empty()) {
    source = ReadLive(ctx, period, *scope, &service);
  } else {
    absl::StatusOr<int> version = SnapshotVersion(snapshot);
    if (!version.ok()) return Fail(version.status());
    if (*scope != kUnionScope) {
      return Fail(absl::InvalidArgumentError(absl::StrCat(
          "--scope: snapshots freeze the Union-wide report only; leave out "
          "--scope ",
          QuoteForMessage(absl::GetFlag(FLAGS_scope)), " or --snapshot")));
    }
    source = ReadSnapshot(ctx, period, *version, &service);
  }
  if (!source.ok()) {
    return Fail(
        absl::Status(source.status().code(),
                     absl::StrCat(service, ": ", source.status().message())));
  }

  od::OpenDataOptions options;
  options.license = absl::GetFlag(FLAGS_license);
  options.publisher_id = absl::GetFlag(FLAGS_publisher_id);
  options.contact_email = absl::GetFlag(FLAGS_contact_email);
  options.issued = source->issued;
  options.modified = source->modified;
  options.snapshot_version = source->version;
  if (absl::Status s = NameParties(ctx, source->report, source->modified,
                                   &options, &service);
      !s.ok()) {
    return Fail(
        absl::Status(s.code(), absl::StrCat(service, ": ", s.message())));
  }
  absl::StatusOr<std::vector<od::OpenDataFile>> files =
      od::BuildOpenData(source->report, options);
  if (!files.ok()) return Fail(files.status());
  if (absl::Status s = WriteFolder(out, *files); !s.ok()) return Fail(s);
  for (const od::OpenDataFile& f : *files) {
    std::cout << (std::filesystem::path(out) / f.name).string() << "\n";
  }
  if (absl::GetFlag(FLAGS_publisher_id).empty()) {
    std::cerr << "valore: no --publisher_id: the publisher is identified by "
                 "its catalog id \""
              << options.publisher_id << "\", not by its IPA code\n";
  }
  return 0;
}

}  // namespace valore::cli
