// valore forecast backtest --years 2019-2023 [--scope S]
#include <iostream>
#include <string>
#include <utility>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/forecast_backtest.h"

ABSL_FLAG(std::string, years, "",
          "forecast backtest: the years to compare, \"2019-2023\"");
ABSL_DECLARE_FLAG(std::string, scope);

namespace valore::cli {

int ForecastCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 1 || args[0] != "backtest" ||
      absl::GetFlag(FLAGS_years).empty()) {
    std::cerr << "usage: valore forecast backtest --years 2019-2023 "
                 "[--scope S]\n";
    return 2;
  }
  absl::StatusOr<std::pair<int, int>> years =
      ParseYearRange(absl::GetFlag(FLAGS_years));
  if (!years.ok()) return Fail(years.status());
  absl::StatusOr<std::string> scope = ScopeFromFlag(absl::GetFlag(FLAGS_scope));
  if (!scope.ok()) return Fail(scope.status());
  absl::StatusOr<BacktestResult> result = RunBacktest(
      *ctx.Aggregation(), [&ctx] { return ctx.Call(); }, years->first,
      years->second, *scope);
  if (!result.ok()) {
    return Fail(absl::Status(
        result.status().code(),
        absl::StrCat("aggregation service at ", ctx.aggregation_address(), ": ",
                     result.status().message())));
  }
  std::cout << RenderBacktest(*result);
  return 0;
}

}  // namespace valore::cli
