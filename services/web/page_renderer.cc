#include "services/web/page_renderer.h"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include "absl/strings/str_cat.h"

namespace valore::web {

PageRenderer::PageRenderer()
    : cache_(std::make_unique<ctemplate::TemplateCache>()) {}
PageRenderer::~PageRenderer() = default;

absl::StatusOr<std::unique_ptr<PageRenderer>> PageRenderer::Open(
    const std::string& directory, const std::vector<std::string>& names) {
  std::unique_ptr<PageRenderer> renderer(new PageRenderer());
  renderer->cache_->SetTemplateRootDirectory(directory);
  for (const std::string& name : names) {
    if (!renderer->cache_->LoadTemplate(name, ctemplate::DO_NOT_STRIP)) {
      return absl::FailedPreconditionError(
          absl::StrCat("web template ", directory, "/", name,
                       " is missing or does not parse (--web_root)"));
    }
  }
  renderer->cache_->Freeze();
  return renderer;
}

absl::StatusOr<std::string> PageRenderer::Render(
    const std::string& name,
    const ctemplate::TemplateDictionary& dictionary) const {
  std::string out;
  if (!cache_->ExpandNoLoad(name, ctemplate::DO_NOT_STRIP, &dictionary, nullptr,
                            &out)) {
    return absl::InternalError(
        absl::StrCat("web template ", name, " could not be expanded"));
  }
  return out;
}

}  // namespace valore::web
