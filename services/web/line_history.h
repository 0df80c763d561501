// A programme line across semesters, for the Linea di programmazione page.
#ifndef VALORE_SERVICES_WEB_LINE_HISTORY_H_
#define VALORE_SERVICES_WEB_LINE_HISTORY_H_

#include <ctemplate/template.h>

#include <string>

#include "absl/status/status.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"

namespace valore::web {

// Adds the include HISTORY (each indicator of the line, per entity, by
// semester), the section LINE_TREND (BAR: X, Y, W, H, LABEL_X, FILL,
// PERIOD, OUTCOME) or NO_LINE_TREND, and the include LINE_TREND_TABLE.
absl::Status AddLineHistory(const PageContext& context,
                            const PageChoices& choices,
                            const std::string& line_code,
                            ctemplate::TemplateDictionary* page);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_LINE_HISTORY_H_
