#include "bench/process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace valore::bench {
namespace {

absl::Mutex live_mu(absl::kConstInit);
std::set<pid_t>& Live() {
  static auto* live = new std::set<pid_t>();
  return *live;
}

}  // namespace

void KillAllServices() {
  absl::MutexLock lock(&live_mu);
  for (pid_t pid : Live()) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  Live().clear();
}

absl::Status ServiceProcess::Start(const std::string& binary,
                                   const std::vector<std::string>& args,
                                   const std::string& log_path) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  std::vector<std::string> argv_store = {binary};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // Dies with the benchmark, whatever way the benchmark ends.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) dup2(log, STDERR_FILENO);
    execv(binary.c_str(), argv.data());
    std::fprintf(stderr, "exec %s: %s\n", binary.c_str(), std::strerror(errno));
    _exit(127);
  }
  close(out[1]);
  pid_ = pid;
  {
    absl::MutexLock lock(&live_mu);
    Live().insert(pid);
  }
  log_path_ = log_path;
  // The servers print one line on stdout: "<name> listening on <address>".
  FILE* in = fdopen(out[0], "r");
  char line[512];
  std::string first;
  if (in != nullptr && std::fgets(line, sizeof line, in) != nullptr) {
    first = line;
  }
  if (in != nullptr) std::fclose(in);
  const size_t at = first.find(" listening on ");
  if (at == std::string::npos) {
    Stop(1);
    std::ifstream log(log_path);
    std::stringstream text;
    text << log.rdbuf();
    return absl::UnavailableError(
        absl::StrCat(binary, " did not start: ", text.str()));
  }
  address_ = first.substr(at + std::strlen(" listening on "));
  while (!address_.empty() &&
         (address_.back() == '\n' || address_.back() == '\r')) {
    address_.pop_back();
  }
  return absl::OkStatus();
}

void ServiceProcess::Stop(int grace_seconds) {
  if (pid_ <= 0) return;
  {
    absl::MutexLock lock(&live_mu);
    Live().erase(pid_);
  }
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + absl::Seconds(grace_seconds);
  int status = 0;
  for (;;) {
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) break;
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  pid_ = -1;
}

long ServiceProcess::StatusField(const char* field) const {
  if (pid_ <= 0) return 0;
  std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  const std::string prefix = absl::StrCat(field, ":");
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::vector<std::string> parts = absl::StrSplit(
        line.substr(prefix.size()), absl::ByAnyChar(" \t"), absl::SkipEmpty());
    long kib = 0;
    if (!parts.empty() && absl::SimpleAtoi(parts[0], &kib)) return kib;
  }
  return 0;
}

long ServiceProcess::PeakRssKib() const { return StatusField("VmHWM"); }
long ServiceProcess::RssKib() const { return StatusField("VmRSS"); }

double ServiceProcess::CpuSeconds() const {
  if (pid_ <= 0) return 0;
  std::ifstream in(absl::StrCat("/proc/", pid_, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold
  // spaces: utime and stime are the 12th and 13th of them.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::vector<std::string> f =
      absl::StrSplit(text.substr(close + 2), ' ', absl::SkipEmpty());
  long utime = 0, stime = 0;
  if (f.size() < 13 || !absl::SimpleAtoi(f[11], &utime) ||
      !absl::SimpleAtoi(f[12], &stime)) {
    return 0;
  }
  return static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK);
}

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TempDir::TempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(base != nullptr && *base ? base : "/tmp",
                                     "/", prefix, ".XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    std::fprintf(stderr, "mkdtemp %s: %s\n", pattern.c_str(),
                 std::strerror(errno));
    std::abort();
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

long long DirectoryBytes(const std::string& path) {
  long long total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

}  // namespace valore::bench
