// The report's tables (the document model the HTML report prints) as a
// page shows them: through table.tpl, escaped there.
#ifndef VALORE_SERVICES_WEB_TABLE_VIEW_H_
#define VALORE_SERVICES_WEB_TABLE_VIEW_H_

#include <ctemplate/template.h>

#include <string>
#include <vector>

#include "cli/report/render_internal.h"

namespace valore::web {

// Adds `table` under the include `name` of `page`, with its caption.
void AddTable(const cli::report_internal::Table& table,
              const std::string& caption, const std::string& name,
              ctemplate::TemplateDictionary* page);

// A plain table: a header row and rows of text, the first cell of each row
// naming it.
cli::report_internal::Table TextTable(
    const std::vector<std::string>& head,
    const std::vector<std::vector<std::string>>& rows);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_TABLE_VIEW_H_
