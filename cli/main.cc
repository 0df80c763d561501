// valore: the command line of the Valore Pubblico services.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cli/cli_context.h"
#include "cli/commands.h"

namespace {

constexpr char kUsage[] = R"(valore COMMAND [ARGS] [FLAGS]

Commands:
  import DIR [--effective_from P]
                               load a data folder (catalog, measurements,
                               validated outcomes, published figures); the
                               catalog applies from period P on (default:
                               every period)
  catalog entities|lines|indicators|objectives|sectors|policy|versions
  write ENTITY ITEM PERIOD VALUE [--note TEXT]
  read ENTITY ITEM [--from P] [--to P] [--as_of T]
  values PERIOD [--entity E,..] [--item I,..] [--as_of T]
  history ENTITY ITEM PERIOD   every revision of one cell
  lock PERIOD --reason TEXT    refuse further writes to the period
  unlock PERIOD --reason TEXT
  locks
  snapshot take --period P      freeze the period's report and lock the period
  snapshot list|show|diff [--period P] [--version N]
  backup --service S --to DIR  incremental backup of a service's database
  backups --service S --to DIR the backups in DIR
  restore --from DIR --to DATA_DIR [--backup_id N]
                               (offline, into a new data directory)
  audit [--service S] [--principal P] [--entity E] [--item I] [--since T] [--until T]
                               who changed what, when and why
  token create --tokens FILE --principal NAME --role ROLE [--entities E,..]
               [--cert CN]
                               a bearer token (printed once, stored hashed)
  token revoke --tokens FILE --principal NAME
                               removes NAME's tokens; the servers refuse
                               them within seconds
  report --period P [--entity E] [--format text|csv|json|md|html] [--out FILE]
         [--partial]
  overview --period P [--entity E,..] [--format table|csv|json] [--out FILE]
                               every entity's DUP lines by outcome, in one call
  export opendata --period P [--scope S] [--snapshot latest|N]
         [--license URI] [--publisher_id IPA] [--contact_email E] --out DIR
                               the period's appendix as open data: CSV
                               tables with CSVW metadata and a DCAT-AP_IT
                               description (JSON-LD)
  forecast backtest --years 2019-2023 [--scope S]
                               for each year with both semesters, how often
                               the S1 report's year-end forecast got the S2
                               outcome, per forecast method
  health catalog|capture|aggregation [--overall]
                               the service's grpc.health.v1 status (readiness;
                               --overall: the whole server's, liveness);
                               exit 0 when SERVING

Services: --catalog, --capture, --aggregation HOST:PORT (or VALORE_CATALOG,
VALORE_CAPTURE, VALORE_AGGREGATION). Over TLS: --tls_ca (VALORE_TLS_CA) and
--token (VALORE_TOKEN). Output: --format table|json.
Run `valore --helpfull` for every flag.)";

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const std::string command = positional[1];
  const valore::cli::Args args(positional.begin() + 2, positional.end());
  absl::StatusOr<valore::cli::CliContext> ctx =
      valore::cli::CliContext::FromFlags();
  if (!ctx.ok()) return valore::cli::Fail(ctx.status());

  using Command =
      int (*)(const valore::cli::CliContext&, const valore::cli::Args&);
  static const std::map<std::string, Command> kCommands = {
      {"import", valore::cli::ImportCommand},
      {"catalog", valore::cli::CatalogCommand},
      {"write", valore::cli::WriteCommand},
      {"read", valore::cli::ReadCommand},
      {"values", valore::cli::ValuesCommand},
      {"history", valore::cli::HistoryCommand},
      {"locks", valore::cli::LocksCommand},
      {"report", valore::cli::ReportCommand},
      {"overview", valore::cli::OverviewCommand},
      {"token", valore::cli::TokenCommand},
      {"audit", valore::cli::AuditCommand},
      {"snapshot", valore::cli::SnapshotCommand},
      {"restore", valore::cli::RestoreCommand},
      {"health", valore::cli::HealthCommand},
      {"export", valore::cli::ExportCommand},
      {"forecast", valore::cli::ForecastCommand},
      {"backup",
       [](const valore::cli::CliContext& c, const valore::cli::Args& a) {
         return valore::cli::BackupCommand(c, a, false);
       }},
      {"backups",
       [](const valore::cli::CliContext& c, const valore::cli::Args& a) {
         return valore::cli::BackupCommand(c, a, true);
       }},
      {"lock",
       [](const valore::cli::CliContext& c, const valore::cli::Args& a) {
         return valore::cli::LockCommand(c, a, true);
       }},
      {"unlock",
       [](const valore::cli::CliContext& c, const valore::cli::Args& a) {
         return valore::cli::LockCommand(c, a, false);
       }},
  };
  auto it = kCommands.find(command);
  if (it == kCommands.end()) {
    std::cerr << "valore: unknown command \"" << command << "\"\n\n"
              << kUsage << "\n";
    return 2;
  }
  return it->second(*ctx, args);
}
