// valore backup --service catalog|capture|aggregation --to DIR
// valore backups --service S --to DIR
// valore restore --from DIR --to DATA_DIR [--backup_id N]
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "services/common/channels.h"
#include "common/pagination.h"
#include "storage/backup.h"
#include "valore/v1/admin.grpc.pb.h"

ABSL_FLAG(uint32_t, backup_id, 0,
          "restore: which backup (default: the newest)");
ABSL_DECLARE_FLAG(std::string, service);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);

namespace valore::cli {
namespace {

absl::StatusOr<std::string> AddressOf(const CliContext& ctx,
                                      const std::string& service) {
  if (service == "catalog") return ctx.catalog_address();
  if (service == "capture") return ctx.capture_address();
  if (service == "aggregation") return ctx.aggregation_address();
  return absl::InvalidArgumentError(absl::StrCat(
      "--service: \"", service, "\" is not catalog, capture or aggregation"));
}

void Print(const CliContext& ctx, const google::protobuf::Message& all,
           const std::vector<v1::BackupInfo>& backups) {
  if (ctx.format() == Format::kJson) {
    PrintJson(std::cout, all);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const v1::BackupInfo& b : backups) {
    rows.push_back(
        {absl::StrCat(b.backup_id()),
         absl::FormatTime("%Y-%m-%d %H:%M:%S",
                          absl::FromUnixSeconds(b.create_time().seconds()),
                          absl::UTCTimeZone()),
         absl::StrCat(b.size_bytes()), absl::StrCat(b.files()),
         b.backup_dir()});
  }
  PrintTable(std::cout, {"id", "time (UTC)", "bytes", "files", "directory"},
             rows);
}

}  // namespace

int BackupCommand(const CliContext& ctx, const Args& args, bool list) {
  if (!args.empty() || absl::GetFlag(FLAGS_to).empty()) {
    std::cerr << "usage: valore " << (list ? "backups" : "backup")
              << " --service catalog|capture|aggregation --to /ABSOLUTE/DIR\n";
    return 2;
  }
  const std::string service = absl::GetFlag(FLAGS_service);
  absl::StatusOr<std::string> address = AddressOf(ctx, service);
  if (!address.ok()) return Fail(address.status());
  auto stub = v1::AdminService::NewStub(ctx.Channel(*address));
  const std::string name = absl::StrCat(service, " service at ", *address);
  if (list) {
    v1::ListBackupsRequest request;
    request.set_backup_dir(absl::GetFlag(FLAGS_to));
    v1::ListBackupsResponse out;
    grpc::Status status = ReadAllPages(
        request,
        [&](const v1::ListBackupsRequest& r, v1::ListBackupsResponse* page) {
          return stub->ListBackups(ctx.Call().get(), r, page);
        },
        &v1::ListBackupsResponse::mutable_backups, &out);
    if (!status.ok()) return Fail(status, name);
    Print(ctx, out, {out.backups().begin(), out.backups().end()});
    return 0;
  }
  v1::CreateBackupRequest request;
  request.set_backup_dir(absl::GetFlag(FLAGS_to));
  v1::BackupInfo out;
  grpc::Status status = stub->CreateBackup(ctx.Call().get(), request, &out);
  if (!status.ok()) return Fail(status, name);
  Print(ctx, out, {out});
  return 0;
}

int RestoreCommand(const CliContext&, const Args& args) {
  const std::string from = absl::GetFlag(FLAGS_from);
  const std::string to = absl::GetFlag(FLAGS_to);
  if (!args.empty() || from.empty() || to.empty()) {
    std::cerr
        << "usage: valore restore --from BACKUP_DIR --to NEW_DATA_DIR "
           "[--backup_id N]\n  (on the server's machine, into a directory "
           "the stopped server will then use)\n";
    return 2;
  }
  absl::Status s =
      storage::RestoreBackup(from, absl::GetFlag(FLAGS_backup_id), to);
  if (!s.ok()) return Fail(s);
  std::cout << "restored " << from << " into " << to << "\n";
  return 0;
}

}  // namespace valore::cli
