// A server binary run as a child process, for tests that must kill it hard.
#ifndef VALORE_TESTS_PROCESS_H_
#define VALORE_TESTS_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace valore::testing {

class ServerProcess {
 public:
  // Starts `argv` (argv[0] is the binary path) with stdout piped and waits
  // for its "<name> listening on HOST:PORT" line. Its standard error (the
  // call log) goes to `stderr_path`, by default nowhere.
  static absl::StatusOr<ServerProcess> Start(
      const std::vector<std::string>& argv, absl::Duration timeout,
      const std::string& stderr_path = "/dev/null");
  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess& operator=(ServerProcess&& other) noexcept;
  ~ServerProcess();

  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // SIGKILL and reap: a crash, with no chance to flush or close anything.
  void Kill();
  // SIGTERM and reap; returns the exit status.
  int Terminate();

 private:
  ServerProcess() = default;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
};

// Runs `argv` (argv[0] is the binary path) to its end; its exit code, or -1
// when it did not run or exit. Its standard output goes to `output` when
// given, else (with its standard error) nowhere.
int RunProgram(std::vector<std::string> argv, std::string* output = nullptr);

}  // namespace valore::testing

#endif  // VALORE_TESTS_PROCESS_H_
