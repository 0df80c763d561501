#include "services/web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace valore::web {

std::string MediaTypeOf(absl::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == absl::string_view::npos) return "";
  const std::string extension =
      absl::AsciiStrToLower(file_name.substr(dot + 1));
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "js" || extension == "mjs") {
    return "text/javascript; charset=utf-8";
  }
  if (extension == "svg") return "image/svg+xml";
  if (extension == "png") return "image/png";
  if (extension == "woff2") return "font/woff2";
  if (extension == "txt" || extension == "md") {
    return "text/plain; charset=utf-8";
  }
  return "";
}

absl::StatusOr<StaticFiles> StaticFiles::Load(const std::string& directory) {
  namespace fs = std::filesystem;
  StaticFiles files;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("web files: cannot read ", directory, ": ",
                     error.message(), " (--web_root)"));
  }
  for (const fs::directory_entry& entry : it) {
    if (!entry.is_regular_file()) continue;
    const std::string path =
        fs::relative(entry.path(), directory).generic_string();
    std::string media_type = MediaTypeOf(path);
    if (media_type.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("web files: ", directory, "/", path,
                       " has a type the web app does not serve"));
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
      return absl::FailedPreconditionError(
          absl::StrCat("web files: cannot read ", entry.path().string()));
    }
    files.files_[path] = StaticFile{content.str(), std::move(media_type)};
  }
  return files;
}

const StaticFile* StaticFiles::Find(absl::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace valore::web
