#include "services/common/token_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/security.h"

namespace valore {
namespace {

// The file's text, or "" when it does not exist yet.
absl::StatusOr<std::string> ReadIfPresent(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 && errno == ENOENT) return std::string();
  return ReadFileToString(path, "--tokens");
}

// Writes `text` to a new file beside `path`, syncs it, and renames it over
// `path`, keeping the old file's mode (0600 for a new one).
absl::Status ReplaceFile(const std::string& path, const std::string& text) {
  mode_t mode = 0600;
  struct stat st;
  if (stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  const std::string temp = absl::StrCat(path, ".new");
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
  auto failed = [&](const char* what) {
    const int error = errno;
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat(
        "--tokens: cannot ", what, " \"", temp, "\": ", std::strerror(error)));
  };
  if (fd < 0) return failed("create");
  if (fchmod(fd, mode) != 0) return failed("set the mode of");
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed("write");
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) return failed("sync");
  if (close(fd) != 0) {
    unlink(temp.c_str());
    return absl::UnavailableError(
        absl::StrCat("--tokens: cannot close \"", temp, "\""));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat(
        "--tokens: cannot replace \"", path, "\": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadValid(const std::string& path) {
  absl::StatusOr<std::string> text = ReadIfPresent(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<TokenTable> table = ParseTokenFile(*text, path);
  if (!table.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(table.status().message(), " (the file is left as it is)"));
  }
  return text;
}

}  // namespace

absl::Status AddToTokenFile(const std::string& path, const std::string& key,
                            const TokenEntry& entry) {
  absl::StatusOr<std::string> text = ReadValid(path);
  if (!text.ok()) return text.status();
  if (!text->empty() && text->back() != '\n') text->push_back('\n');
  return ReplaceFile(path, *text + TokenFileLine(key, entry));
}

absl::StatusOr<int> RevokeFromTokenFile(const std::string& path,
                                        const std::string& principal) {
  absl::StatusOr<std::string> text = ReadValid(path);
  if (!text.ok()) return text.status();
  std::string kept;
  int removed = 0;
  for (absl::string_view line :
       absl::StrSplit(*text, '\n', absl::SkipEmpty())) {
    const absl::string_view content = absl::StripAsciiWhitespace(line);
    std::vector<absl::string_view> fields = absl::StrSplit(content, '\t');
    if (!content.empty() && content.front() != '#' && fields.size() == 4 &&
        fields[1] == principal) {
      ++removed;
      continue;
    }
    absl::StrAppend(&kept, line, "\n");
  }
  if (removed == 0) {
    return absl::NotFoundError(
        absl::StrCat("--principal: \"", principal, "\" has no line in ", path));
  }
  if (absl::Status s = ReplaceFile(path, kept); !s.ok()) return s;
  return removed;
}

}  // namespace valore
