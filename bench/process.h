// The real service binaries as child processes of the benchmark: started on
// a free loopback port, their memory read from /proc, stopped with SIGTERM.
// A child gets SIGKILL if the benchmark dies first, so none is left behind.
#ifndef VALORE_BENCH_PROCESS_H_
#define VALORE_BENCH_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace valore::bench {

class ServiceProcess {
 public:
  ServiceProcess() = default;
  ~ServiceProcess() { Stop(); }
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Runs `binary args...` with stderr to `log_path`, and waits (up to 30 s)
  // for the "NAME listening on ADDRESS" line the servers print on stdout.
  absl::Status Start(const std::string& binary,
                     const std::vector<std::string>& args,
                     const std::string& log_path);
  // SIGTERM, then SIGKILL after `grace_seconds`; returns when it is gone.
  void Stop(int grace_seconds = 30);

  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // Peak and current resident set size in KiB (VmHWM, VmRSS); 0 if unknown.
  long PeakRssKib() const;
  long RssKib() const;
  // User + system CPU seconds used so far (from /proc/PID/stat).
  double CpuSeconds() const;

 private:
  long StatusField(const char* field) const;
  pid_t pid_ = -1;
  std::string address_;
  std::string log_path_;
};

// Stops (SIGKILL) every ServiceProcess still running: for a benchmark that
// gives up, before it removes its folder.
void KillAllServices();

// The output of `command` (run by /bin/sh) and its exit status.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult RunCommand(const std::string& command);

// A fresh folder under $TMPDIR (or /tmp), removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Bytes under a folder (the size of a database on disk).
long long DirectoryBytes(const std::string& path);

}  // namespace valore::bench

#endif  // VALORE_BENCH_PROCESS_H_
