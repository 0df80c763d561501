#include "services/common/token_store.h"

#include <sys/stat.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/call_log.h"

namespace valore {
bool TokenStore::FileSignature::operator==(const FileSignature& o) const {
  return std::tie(inode, size, mtime_ns) ==
         std::tie(o.inode, o.size, o.mtime_ns);
}

TokenStore::FileSignature TokenStore::SignatureOf(const std::string& path) {
  FileSignature s;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return s;
  s.inode = st.st_ino;
  s.size = st.st_size;
  s.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  return s;
}

absl::StatusOr<std::unique_ptr<TokenStore>> TokenStore::Open(
    const std::string& path, Options options) {
  const FileSignature loaded = SignatureOf(path);
  absl::StatusOr<TokenTable> table = ReadTokenFile(path);
  if (!table.ok()) return table.status();
  return std::unique_ptr<TokenStore>(
      new TokenStore(path, std::move(options), *std::move(table), loaded));
}

TokenStore::TokenStore(TokenTable table)
    : table_(std::make_shared<const TokenTable>(std::move(table))) {}

TokenStore::TokenStore(std::string path, Options options, TokenTable table,
                       FileSignature loaded)
    : path_(std::move(path)),
      options_(std::move(options)),
      table_(std::make_shared<const TokenTable>(std::move(table))),
      loaded_(loaded) {}

TokenStore::~TokenStore() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

std::shared_ptr<const TokenTable> TokenStore::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return table_;
}

int64_t TokenStore::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

int64_t TokenStore::refusals() const {
  std::lock_guard<std::mutex> lock(mu_);
  return refusals_;
}

absl::Status TokenStore::Reload() {
  if (path_.empty()) {
    return absl::FailedPreconditionError("tokens: not read from a file");
  }
  const FileSignature before = SignatureOf(path_);
  // A refused version is not read again until it changes.
  auto refuse = [&](absl::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    loaded_ = before;
    ++refusals_;
    return status;
  };
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    return refuse(absl::NotFoundError(
        absl::StrCat("--auth_tokens: cannot read \"", path_, "\"")));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (SignatureOf(path_) != before) {
    return absl::UnavailableError(
        absl::StrCat(path_, ": changed while being read; read again later"));
  }
  // An empty file is one just truncated to be written again (a file for
  // nobody holds at least a comment line), and every line a token command
  // writes ends with a newline: either way the file is still being written.
  if (text.empty()) {
    return refuse(absl::FailedPreconditionError(absl::StrCat(
        path_, ": empty (a file that admits nobody has a comment line)")));
  }
  if (text.back() != '\n') {
    return refuse(absl::FailedPreconditionError(
        absl::StrCat(path_, ": the last line is not complete")));
  }
  absl::StatusOr<TokenTable> table = ParseTokenFile(text, path_);
  if (!table.ok()) return refuse(table.status());
  auto fresh = std::make_shared<const TokenTable>(*std::move(table));
  std::lock_guard<std::mutex> lock(mu_);
  table_ = std::move(fresh);
  loaded_ = before;
  ++generation_;
  return absl::OkStatus();
}

void TokenStore::RequestReload() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    reload_requested_ = true;
  }
  wake_.notify_all();
}

void TokenStore::StartWatching() {
  if (path_.empty() || watcher_.joinable()) return;
  watcher_ = std::thread([this] { Watch(); });
}

void TokenStore::Watch() {
  std::optional<FileSignature> pending;
  absl::Time pending_since;
  auto reload = [&](absl::string_view why) {
    absl::Status s = Reload();
    if (s.ok()) {
      LogLine(options_.server_name,
              absl::StrCat("tokens reloaded from ", path_, " (", why, ")"));
    } else if (!absl::IsUnavailable(s)) {
      LogLine(options_.server_name,
              absl::StrCat("tokens NOT reloaded, the previous ones stay: ",
                           s.message()));
    }
    pending.reset();
  };
  for (;;) {
    bool requested = false;
    FileSignature loaded;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, absl::ToChronoMilliseconds(options_.poll),
                     [this] { return stopping_ || reload_requested_; });
      if (stopping_) return;
      requested = reload_requested_;
      reload_requested_ = false;
      loaded = loaded_;
    }
    if (requested) {
      reload("SIGHUP");
      continue;
    }
    const FileSignature now = SignatureOf(path_);
    if (now == loaded) {
      pending.reset();
      continue;
    }
    // Read a changed file once it has stayed the same for `settle`.
    if (!pending || *pending != now) {
      pending = now;
      pending_since = absl::Now();
      continue;
    }
    if (absl::Now() - pending_since >= options_.settle) {
      reload("the file changed");
    }
  }
}

}  // namespace valore
