// The token file as the server holds it: read at start-up, read again when
// it changes on disk or the process gets SIGHUP, swapped in whole, so that a
// revoked token is refused within seconds and no call ever sees half a file.
#ifndef VALORE_SERVICES_COMMON_TOKEN_STORE_H_
#define VALORE_SERVICES_COMMON_TOKEN_STORE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/auth.h"

namespace valore {

class TokenStore {
 public:
  struct Options {
    // How often the file is looked at.
    absl::Duration poll = absl::Seconds(1);
    // How long a changed file must stay unchanged before it is read: an
    // editor or a copy that writes in place is given time to finish.
    absl::Duration settle = absl::Milliseconds(500);
    // Names the server in log lines.
    std::string server_name = "valore";
  };

  // Reads `path`; fails as ReadTokenFile does.
  static absl::StatusOr<std::unique_ptr<TokenStore>> Open(
      const std::string& path, Options options);
  // A table not read from a file (tests, tools); never reloads.
  explicit TokenStore(TokenTable table);
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // The table in force; a caller keeps it for the length of one call.
  std::shared_ptr<const TokenTable> Current() const;

  // Reads the file now. A file that cannot be read or does not parse, an
  // empty one, or one whose last line is not complete leaves the current
  // table in force and is the error.
  absl::Status Reload();
  // Asks the watcher for a Reload as soon as it can (the SIGHUP path; safe
  // to call from any thread, not from a signal handler).
  void RequestReload();
  // How many times a new table has been put in force, and how many
  // versions of the file were refused (tests wait on them).
  int64_t generation() const;
  int64_t refusals() const;

  // Starts the thread that follows the file; stopped by the destructor.
  void StartWatching();

 private:
  // What tells one version of the file from another without reading it.
  struct FileSignature {
    uint64_t inode = 0;
    int64_t size = -1;
    int64_t mtime_ns = 0;
    bool operator==(const FileSignature& o) const;
    bool operator!=(const FileSignature& o) const { return !(*this == o); }
  };
  static FileSignature SignatureOf(const std::string& path);

  TokenStore(std::string path, Options options, TokenTable table,
             FileSignature loaded);
  void Watch();

  const std::string path_;
  const Options options_;
  // std:: primitives rather than absl::Mutex: the watcher waits on a
  // condition, which ThreadSanitizer follows only for std::.
  mutable std::mutex mu_;
  std::condition_variable wake_;  // a reload asked for, or stopping
  std::shared_ptr<const TokenTable> table_ ABSL_GUARDED_BY(mu_);
  int64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t refusals_ ABSL_GUARDED_BY(mu_) = 0;
  // The version of the file the table was read from, or last refused.
  FileSignature loaded_ ABSL_GUARDED_BY(mu_);
  bool reload_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watcher_;
};

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_TOKEN_STORE_H_
