#include "fuzz/fuzz_support.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"

namespace valore::fuzz {
namespace {

std::vector<std::string>& ScratchDirs() {
  static auto* dirs = new std::vector<std::string>();
  return *dirs;
}

void RemoveScratchDirs() {
  for (const std::string& dir : ScratchDirs()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

}  // namespace

void Fail(const char* file, int line, const char* cond,
          absl::string_view what) {
  std::fprintf(stderr, "%s:%d: property failed: %s: %.*s\n", file, line, cond,
               static_cast<int>(what.size()), what.data());
  std::abort();
}

void CheckBoundedError(const absl::Status& status, absl::string_view echoed) {
  if (status.ok()) return;
  const grpc::Status sent = ToGrpcStatus(status);
  VALORE_FUZZ_CHECK(sent.error_message().size() < kMaxStatusMessageBytes,
                    sent.error_message().substr(0, 200));
  VALORE_FUZZ_CHECK(
      static_cast<int>(sent.error_code()) == static_cast<int>(status.code()),
      status.ToString().substr(0, 200));
  // A prefix of an echo is allowed; the whole of a long one is not.
  if (echoed.size() > 256) {
    VALORE_FUZZ_CHECK(!absl::StrContains(status.message(), echoed),
                      status.ToString().substr(0, 200));
  }
}

std::string ScratchDir(absl::string_view name) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(tmp != nullptr && *tmp ? tmp : "/tmp",
                                     "/valore_fuzz_", name, "_XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    Fail(__FILE__, __LINE__, "mkdtemp", pattern);
  }
  if (ScratchDirs().empty()) std::atexit(RemoveScratchDirs);
  ScratchDirs().push_back(pattern);
  return pattern;
}

absl::Time NextTime() {
  static int64_t millis = 0;
  // 2024-01-01T00:00:00Z: inside every period the shipped data names.
  return absl::FromUnixSeconds(1704067200) + absl::Milliseconds(++millis);
}

std::string ShippedDataDir() {
  return std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023";
}

const import::DataFolder& ShippedData() {
  static const import::DataFolder* data = [] {
    absl::StatusOr<import::DataFolder> read =
        import::ReadDataFolder(ShippedDataDir());
    if (!read.ok()) {
      Fail(__FILE__, __LINE__, "ReadDataFolder", read.status().ToString());
    }
    return new import::DataFolder(*std::move(read));
  }();
  return *data;
}

}  // namespace valore::fuzz
