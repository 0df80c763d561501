#include "cli/forecast_backtest.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/text_util.h"
#include "services/common/grpc_status.h"

namespace valore::cli {
namespace {

absl::Status BadYears(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("--years: ", QuoteForMessage(text), " ", why));
}

void Tally(BacktestTally* tally, bool matched) {
  ++tally->compared;
  tally->matched += matched;
}

// The report of `period`, or nullopt when the period has no data.
absl::StatusOr<std::optional<v1::Report>> ReportOf(
    v1::AggregationService::Stub& aggregation,
    const std::function<std::unique_ptr<grpc::ClientContext>()>& context,
    const std::string& period, const std::string& scope) {
  v1::GetReportRequest request;
  request.set_period(period);
  request.set_scope(scope);
  v1::Report report;
  grpc::Status status =
      aggregation.GetReport(context().get(), request, &report);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return std::optional<v1::Report>();
  }
  if (!status.ok()) return FromGrpcStatus(status);
  return std::optional<v1::Report>(std::move(report));
}

}  // namespace

absl::StatusOr<std::pair<int, int>> ParseYearRange(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() == 1) parts.push_back(parts[0]);
  int first = 0, last = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &first) ||
      !absl::SimpleAtoi(parts[1], &last)) {
    return BadYears(text, "is not a range of years (2019-2023)");
  }
  if (first < Period::kMinYear || last > Period::kMaxYear) {
    return BadYears(text, absl::StrCat("is outside ", Period::kMinYear, "-",
                                       Period::kMaxYear));
  }
  if (first > last) {
    return BadYears(text, "runs backwards: the first year comes first");
  }
  return std::make_pair(first, last);
}

void CompareYear(const v1::Report& first_half, const v1::Report& year_end,
                 BacktestResult* result) {
  std::map<std::string, v1::Outcome> closed;
  for (const v1::IndicatorResult& r : year_end.indicators()) {
    closed[r.code()] = r.computed();
  }
  for (const v1::IndicatorForecast& f : first_half.forecasts()) {
    if (f.method() == v1::FORECAST_METHOD_NOT_PROJECTED) continue;
    auto it = closed.find(f.code());
    if (it == closed.end() || it->second == v1::OUTCOME_NOT_ASSESSABLE) {
      continue;
    }
    const bool matched = f.projected_outcome() == it->second;
    Tally(&result->methods[f.method()], matched);
    Tally(&result->indicators, matched);
  }
  std::map<std::string, v1::Outcome> lines;
  for (const v1::LineResult& r : year_end.lines())
    lines[r.code()] = r.computed();
  for (const v1::LineForecast& f : first_half.line_forecasts()) {
    auto it = lines.find(f.code());
    if (f.projected_outcome() == v1::OUTCOME_NOT_ASSESSABLE ||
        it == lines.end() || it->second == v1::OUTCOME_NOT_ASSESSABLE) {
      continue;
    }
    Tally(&result->lines, f.projected_outcome() == it->second);
  }
}

absl::StatusOr<BacktestResult> RunBacktest(
    v1::AggregationService::Stub& aggregation,
    const std::function<std::unique_ptr<grpc::ClientContext>()>& context,
    int first, int last, const std::string& scope) {
  BacktestResult result;
  for (int year = first; year <= last; ++year) {
    absl::StatusOr<std::optional<v1::Report>> s1 =
        ReportOf(aggregation, context, Period(year, 1).ToString(), scope);
    if (!s1.ok()) return s1.status();
    absl::StatusOr<std::optional<v1::Report>> s2 =
        ReportOf(aggregation, context, Period(year, 2).ToString(), scope);
    if (!s2.ok()) return s2.status();
    if (!s1->has_value() || !s2->has_value()) {
      result.skipped_years.push_back(year);
      continue;
    }
    CompareYear(**s1, **s2, &result);
    result.years.push_back(year);
  }
  return result;
}

std::string RenderBacktest(const BacktestResult& result) {
  std::string out;
  auto years = [](const std::vector<int>& list) {
    std::vector<std::string> words;
    for (int y : list) words.push_back(absl::StrCat(y));
    return words.empty() ? std::string("nessuno") : absl::StrJoin(words, ", ");
  };
  absl::StrAppend(&out, "Anni confrontati: ", years(result.years), "\n");
  if (!result.skipped_years.empty()) {
    absl::StrAppend(&out, "Anni senza entrambi i semestri: ",
                    years(result.skipped_years), "\n");
  }
  absl::StrAppend(&out,
                  "Andamento previsto al primo semestre e andamento "
                  "calcolato a fine anno:\n");
  auto row = [&](const std::string& label, const BacktestTally& t) {
    absl::StrAppend(
        &out, "  ", label, ": ", t.matched, " su ", t.compared, " uguali (",
        t.compared > 0 ? FormatPercent(t.share() * 100) : "—", ")\n");
  };
  for (const auto& [method, tally] : result.methods) {
    row(ForecastMethodLabel(method), tally);
  }
  row("indicatori, tutti i metodi", result.indicators);
  row("linee di programmazione", result.lines);
  return out;
}

}  // namespace valore::cli
