// What every page of the web app is given and gives back. A page fills the
// dictionary of its own template (the layout around it is the web app's);
// a form's handler instead answers with a redirect and a message for the
// next page, or a page may answer with a file to download.
#ifndef VALORE_SERVICES_WEB_PAGE_H_
#define VALORE_SERVICES_WEB_PAGE_H_

#include <ctemplate/template.h>

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/gateway/answer_cache.h"
#include "services/web/service_calls.h"
#include "services/web/session_store.h"

namespace httplib {
struct Request;
}  // namespace httplib

namespace valore::web {

// A form field, from an urlencoded or a multipart body or the query,
// trimmed; empty when absent.
std::string FormValue(const httplib::Request& request, const std::string& name);

class ChoicesCache;
class PageRenderer;

struct PageContext {
  const httplib::Request& request;
  const Session& session;
  const ServiceCalls& calls;
  absl::Time now;
  ChoicesCache* choices_cache;
  // For pages that render a part of themselves to keep it (fragments).
  const PageRenderer* renderer;
  // HTML made of services' answers, keyed by the answers' exact bytes.
  gateway::AnswerCache* fragments;
  // A query or form parameter, trimmed; empty when absent.
  std::string Param(const std::string& name) const;
};

struct PageResult {
  // The page's template ("overview.tpl") and its <h1> and <title>.
  std::string template_name;
  std::string title;
  int status = 200;
  // A form's answer: 303 to here, with `flash` shown there (or shown on
  // this page when there is no redirect).
  std::string redirect;
  Flash flash;
  // A download instead of a page; a page served whole this way (a frozen
  // report) may need a policy of its own.
  std::string content_security_policy;
  std::string download;
  std::string download_type;
  std::string download_name;
};

using PageHandler = absl::Status (*)(const PageContext& context,
                                     ctemplate::TemplateDictionary* page,
                                     PageResult* result);

// The pages (one file each).
absl::Status OverviewPage(const PageContext&, ctemplate::TemplateDictionary*,
                          PageResult*);
absl::Status EntryPage(const PageContext&, ctemplate::TemplateDictionary*,
                       PageResult*);
absl::Status PreviewEntry(const PageContext&, ctemplate::TemplateDictionary*,
                          PageResult*);
absl::Status EntryCsv(const PageContext&, ctemplate::TemplateDictionary*,
                      PageResult*);
absl::Status SaveEntries(const PageContext&, ctemplate::TemplateDictionary*,
                         PageResult*);
absl::Status ValidationPage(const PageContext&, ctemplate::TemplateDictionary*,
                            PageResult*);
absl::Status SaveValidation(const PageContext&, ctemplate::TemplateDictionary*,
                            PageResult*);
absl::Status PeriodsPage(const PageContext&, ctemplate::TemplateDictionary*,
                         PageResult*);
absl::Status ChangePeriod(const PageContext&, ctemplate::TemplateDictionary*,
                          PageResult*);
absl::Status SnapshotDownload(const PageContext&,
                              ctemplate::TemplateDictionary*, PageResult*);
absl::Status AuditPage(const PageContext&, ctemplate::TemplateDictionary*,
                       PageResult*);
absl::Status LinePage(const PageContext&, ctemplate::TemplateDictionary*,
                      PageResult*);
absl::Status IndicatorPage(const PageContext&, ctemplate::TemplateDictionary*,
                           PageResult*);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_H_
