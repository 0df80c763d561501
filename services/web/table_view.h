// The report's tables (the document model the HTML report prints) as a
// page shows them: through table.tpl, escaped there.
#ifndef VALORE_SERVICES_WEB_TABLE_VIEW_H_
#define VALORE_SERVICES_WEB_TABLE_VIEW_H_

#include <ctemplate/template.h>

#include <string>
#include <vector>

#include "cli/report/render_internal.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::web {

// Adds `table` under the include `name` of `page`, with its caption.
// `row_links`, when given, holds for each body row the page its first cell
// links to (empty: no link).
void AddTable(const cli::report_internal::Table& table,
              const std::string& caption, const std::string& name,
              ctemplate::TemplateDictionary* page,
              const std::vector<std::string>& row_links = {});

// The page of an item: "/indicatore?codice=…", "/linea?codice=…", with the
// period and entity shown; empty for other kinds of item.
std::string ItemLink(v1::ItemType type, const std::string& code,
                     const std::string& period, const std::string& entity);

// A plain table: a header row and rows of text, the first cell of each row
// naming it.
cli::report_internal::Table TextTable(
    const std::vector<std::string>& head,
    const std::vector<std::vector<std::string>>& rows);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_TABLE_VIEW_H_
