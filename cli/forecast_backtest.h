// The back-test of the year-end forecast: for each past year with both
// semesters, the outcome the S1 report's forecast projected for every
// indicator (and programme line) against the outcome the S2 report computed,
// tallied by forecast method. The forecasts are the aggregation service's
// own; nothing here projects or evaluates.
#ifndef VALORE_CLI_FORECAST_BACKTEST_H_
#define VALORE_CLI_FORECAST_BACKTEST_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/aggregation.grpc.pb.h"

namespace valore::cli {

struct BacktestTally {
  int compared = 0;
  int matched = 0;
  // matched / compared; 0 when nothing was compared.
  double share() const {
    return compared > 0 ? static_cast<double>(matched) / compared : 0;
  }
};

struct BacktestResult {
  // Indicators by the method their S1 forecast used.
  std::map<v1::ForecastMethod, BacktestTally> methods;
  BacktestTally indicators;  // every method together
  BacktestTally lines;
  std::vector<int> years;          // compared
  std::vector<int> skipped_years;  // without both semesters' reports
};

// "2019-2023" (or one year, "2023"): the first and last year.
// INVALID_ARGUMENT naming --years and the text when it is not such a range
// or runs backwards.
absl::StatusOr<std::pair<int, int>> ParseYearRange(absl::string_view text);

// Adds one year: each indicator whose S1 forecast was projected and whose
// S2 computed outcome is assessable, matched when the two outcomes are the
// same; each line likewise.
void CompareYear(const v1::Report& first_half, const v1::Report& year_end,
                 BacktestResult* result);

// Asks the aggregation service for the S1 and S2 report of `scope` of each
// year from `first` to `last`; a year missing either (NOT_FOUND) is
// skipped. `context` gives each call its context.
absl::StatusOr<BacktestResult> RunBacktest(
    v1::AggregationService::Stub& aggregation,
    const std::function<std::unique_ptr<grpc::ClientContext>()>& context,
    int first, int last, const std::string& scope);

// The result for a terminal, in Italian: one row per method, then every
// indicator and the programme lines, each with compared, matched and their
// share.
std::string RenderBacktest(const BacktestResult& result);

}  // namespace valore::cli

#endif  // VALORE_CLI_FORECAST_BACKTEST_H_
