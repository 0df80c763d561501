#include "services/common/token_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>
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
// `path`, keeping the old file's owner, group and mode (0600 for a new
// one): root running the command must not leave a file the servers' user
// cannot read, which would keep the old tokens in force.
absl::Status ReplaceFile(const std::string& path, const std::string& text) {
  mode_t mode = 0600;
  struct stat st;
  const bool existed = stat(path.c_str(), &st) == 0;
  if (existed) mode = st.st_mode & 07777;
  std::string temp = absl::StrCat(path, ".XXXXXX");
  const int fd = mkstemp(temp.data());
  auto failed = [&](const char* what) {
    const int error = errno;
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat(
        "--tokens: cannot ", what, " \"", temp, "\": ", std::strerror(error)));
  };
  if (fd < 0) return failed("create");
  if (fchmod(fd, mode) != 0) return failed("set the mode of");
  if (existed && fchown(fd, st.st_uid, st.st_gid) != 0) {
    return failed("set the owner of");
  }
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
  // The rename itself survives a crash once the directory is synced.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dir_fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return absl::OkStatus();
}

// Holds an exclusive lock on "<path>.lock" while a change reads and
// rewrites the file, so that two changes at once cannot undo each other.
class FileLock {
 public:
  static absl::StatusOr<FileLock> Take(const std::string& path) {
    const std::string lock_path = absl::StrCat(path, ".lock");
    const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
      const int error = errno;
      if (fd >= 0) close(fd);
      return absl::UnavailableError(absl::StrCat(
          "--tokens: cannot lock \"", lock_path, "\": ", std::strerror(error)));
    }
    return FileLock(fd);
  }
  FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock() {
    if (fd_ >= 0) close(fd_);  // releases the lock
  }

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

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
  absl::StatusOr<FileLock> lock = FileLock::Take(path);
  if (!lock.ok()) return lock.status();
  absl::StatusOr<std::string> text = ReadValid(path);
  if (!text.ok()) return text.status();
  if (!text->empty() && text->back() != '\n') text->push_back('\n');
  return ReplaceFile(path, *text + TokenFileLine(key, entry));
}

absl::StatusOr<int> RevokeFromTokenFile(const std::string& path,
                                        const std::string& principal) {
  absl::StatusOr<FileLock> lock = FileLock::Take(path);
  if (!lock.ok()) return lock.status();
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
