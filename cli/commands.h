// The subcommands of `valore`. Each takes its positional arguments (after the
// subcommand name) and returns the process exit code.
#ifndef VALORE_CLI_COMMANDS_H_
#define VALORE_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/cli_context.h"

namespace valore::cli {

using Args = std::vector<std::string>;

int ImportCommand(const CliContext& ctx, const Args& args);
int CatalogCommand(const CliContext& ctx, const Args& args);
int WriteCommand(const CliContext& ctx, const Args& args);
int ReadCommand(const CliContext& ctx, const Args& args);
int ValuesCommand(const CliContext& ctx, const Args& args);
int HistoryCommand(const CliContext& ctx, const Args& args);
int LockCommand(const CliContext& ctx, const Args& args, bool lock);
int LocksCommand(const CliContext& ctx, const Args& args);
int ReportCommand(const CliContext& ctx, const Args& args);
int OverviewCommand(const CliContext& ctx, const Args& args);
int TokenCommand(const CliContext& ctx, const Args& args);
int AuditCommand(const CliContext& ctx, const Args& args);
int SnapshotCommand(const CliContext& ctx, const Args& args);
int BackupCommand(const CliContext& ctx, const Args& args, bool list);
int RestoreCommand(const CliContext& ctx, const Args& args);
int HealthCommand(const CliContext& ctx, const Args& args);
int ExportCommand(const CliContext& ctx, const Args& args);
int ForecastCommand(const CliContext& ctx, const Args& args);

// The report's scope name from --scope: "" or "union" is the Union-wide
// scope, a name is taken as it is, anything else is an entity id.
absl::StatusOr<std::string> ScopeFromFlag(const std::string& text);

// Writes `rendered` to the file `out` (printing its path), or to stdout.
int WriteOutput(const std::string& rendered, const std::string& out);

}  // namespace valore::cli

#endif  // VALORE_CLI_COMMANDS_H_
