// The web app's own files (style sheet, script, the UI kit's CSS, icons and
// fonts), read into memory once at start: only files that were there are
// ever served, whatever path a request names.
#ifndef VALORE_SERVICES_WEB_STATIC_FILES_H_
#define VALORE_SERVICES_WEB_STATIC_FILES_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore::web {

struct StaticFile {
  std::string content;
  std::string media_type;
};

class StaticFiles {
 public:
  // Every regular file under `directory`, keyed by its path below it
  // ("css/valore.css"). Fails when the directory cannot be read or holds a
  // file of a type it does not know.
  static absl::StatusOr<StaticFiles> Load(const std::string& directory);

  // The file at `path` (relative, no leading '/'), or null.
  const StaticFile* Find(absl::string_view path) const;
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

// The media type of a file name by its extension; empty when unknown.
std::string MediaTypeOf(absl::string_view file_name);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_STATIC_FILES_H_
