// The web app's HTML: ctemplate templates with context-aware auto-escaping
// (each starts with {{%AUTOESCAPE context="HTML"}}), so every value a page
// inserts is escaped for where it lands — text, attribute or URL — and no
// page glues data into markup. Templates are read and checked once at start
// and then frozen: a page is expanded without locks or disk reads.
#ifndef VALORE_SERVICES_WEB_PAGE_RENDERER_H_
#define VALORE_SERVICES_WEB_PAGE_RENDERER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ctemplate {
class TemplateCache;
class TemplateDictionary;
}  // namespace ctemplate

namespace valore::web {

class PageRenderer {
 public:
  // Reads every template in `directory` (the names listed); fails naming
  // the first that is missing or does not parse.
  static absl::StatusOr<std::unique_ptr<PageRenderer>> Open(
      const std::string& directory, const std::vector<std::string>& names);
  ~PageRenderer();

  // `name` expanded with `dictionary`.
  absl::StatusOr<std::string> Render(
      const std::string& name,
      const ctemplate::TemplateDictionary& dictionary) const;

 private:
  PageRenderer();
  std::unique_ptr<ctemplate::TemplateCache> cache_;
};

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_PAGE_RENDERER_H_
