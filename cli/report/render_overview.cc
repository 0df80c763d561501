// The overview of many entities (StreamEntitySummaries) as CSV, for the
// spreadsheets a planning office compares entities in.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/report/render.h"
#include "cli/report/render_internal.h"
#include "common/labels.h"

namespace valore::cli {

std::string RenderOverviewCsv(
    const v1::StreamEntitySummariesResponse& overview) {
  std::string out;
  std::vector<std::string> header = {"ente", "nome"};
  // The columns of the outcome table, in its order.
  for (v1::Outcome o : {v1::OUTCOME_NOT_ASSESSABLE, v1::OUTCOME_NOT_ACHIEVED,
                        v1::OUTCOME_PARTLY_ACHIEVED_WITH_ISSUES,
                        v1::OUTCOME_PARTLY_ACHIEVED, v1::OUTCOME_ACHIEVED}) {
    header.push_back(OutcomeColumnLabel(o));
  }
  for (const char* column :
       {"Totale linee", "Indicatori misurati", "Indicatori"}) {
    header.push_back(column);
  }
  report_internal::AddCsvLine(&out, header);
  for (const v1::EntitySummary& s : overview.summaries()) {
    std::vector<std::string> row = {s.entity(), s.display_name()};
    // The DUP lines row of the entity's outcome table.
    const v1::OutcomeRow* lines =
        s.outcome_table_size() > 0 ? &s.outcome_table(0) : nullptr;
    for (size_t column = 2; column < 7; ++column) {
      int count = 0;
      if (lines != nullptr) {
        for (const v1::OutcomeCount& c : lines->counts()) {
          if (OutcomeColumnLabel(c.outcome()) == header[column]) {
            count = c.count();
          }
        }
      }
      row.push_back(absl::StrCat(count));
    }
    row.push_back(absl::StrCat(lines != nullptr ? lines->total() : 0));
    row.push_back(absl::StrCat(s.indicators_measured()));
    row.push_back(absl::StrCat(s.indicators()));
    report_internal::AddCsvLine(&out, row);
  }
  return out;
}

}  // namespace valore::cli
