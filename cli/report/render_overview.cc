// The overview of many entities (StreamEntitySummaries): each entity's DUP
// lines by outcome, in the outcome table's fixed column order, for a
// terminal or for the spreadsheets a planning office compares entities in.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/report/render.h"
#include "cli/report/render_internal.h"
#include "common/italian_number.h"
#include "common/labels.h"
#include "common/period.h"
#include "common/scopes.h"

namespace valore::cli {

using report_internal::kOutcomeColumnCount;
using report_internal::kOutcomeColumns;
using report_internal::OutcomeCountAt;

OverviewTable MakeOverviewTable(
    const v1::StreamEntitySummariesResponse& overview, bool for_people) {
  OverviewTable t;
  t.header = for_people ? std::vector<std::string>{"Ente"}
                        : std::vector<std::string>{"ente", "nome"};
  for (v1::Outcome o : kOutcomeColumns) {
    t.header.push_back(OutcomeColumnLabel(o));
  }
  t.header.push_back("Totale linee");
  t.header.push_back("Indicatori misurati");
  if (!for_people) t.header.push_back("Indicatori");
  // A first half carries the year-end forecast's lines at risk.
  const absl::StatusOr<Period> period = Period::Parse(overview.period(), "");
  const bool forecast = period.ok() && period->half() == 1;
  if (forecast) t.header.push_back("Linee a rischio (previsione a fine anno)");
  for (const v1::EntitySummary& s : overview.summaries()) {
    // The Union-wide scope and the Union's own entity read apart.
    std::string name = s.display_name().empty() ? s.entity() : s.display_name();
    if (s.entity_kind() == v1::Entity::KIND_UNION) {
      absl::StrAppend(&name, kEntityOnlySuffix);
    }
    std::vector<std::string> row;
    if (for_people) {
      row.push_back(name);
    } else {
      row = {s.entity().empty() ? s.scope() : s.entity(), name};
    }
    // The DUP lines row of the entity's outcome table; none: all zero.
    const v1::OutcomeRow lines =
        s.outcome_table_size() > 0 ? s.outcome_table(0) : v1::OutcomeRow();
    for (int column = 0; column < kOutcomeColumnCount; ++column) {
      const v1::OutcomeCount c = OutcomeCountAt(lines, column);
      row.push_back(for_people ? absl::StrCat(c.count(), " (",
                                              FormatPercent(c.percent()), ")")
                               : absl::StrCat(c.count()));
    }
    row.push_back(absl::StrCat(lines.total()));
    if (for_people) {
      row.push_back(
          absl::StrCat(s.indicators_measured(), " su ", s.indicators()));
    } else {
      row.push_back(absl::StrCat(s.indicators_measured()));
      row.push_back(absl::StrCat(s.indicators()));
    }
    if (forecast) {
      const std::string codes = absl::StrJoin(s.lines_at_risk(), " ");
      row.push_back(for_people && !codes.empty()
                        ? absl::StrCat(s.lines_at_risk_size(), ": ", codes)
                    : for_people ? "0"
                                 : codes);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string RenderOverviewCsv(
    const v1::StreamEntitySummariesResponse& overview) {
  const OverviewTable t = MakeOverviewTable(overview, /*for_people=*/false);
  std::string out;
  report_internal::AddCsvLine(&out, t.header);
  for (const std::vector<std::string>& row : t.rows) {
    report_internal::AddCsvLine(&out, row);
  }
  return out;
}

}  // namespace valore::cli
