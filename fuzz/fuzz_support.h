// Helpers shared by the libFuzzer harnesses: a scratch folder per process,
// a deterministic clock, the shipped data set and property checks.
#ifndef VALORE_FUZZ_FUZZ_SUPPORT_H_
#define VALORE_FUZZ_FUZZ_SUPPORT_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "importer/data_folder.h"

namespace valore::fuzz {

// Aborts with `what` when a property does not hold: libFuzzer then keeps the
// input as a crash, like any sanitizer report.
#define VALORE_FUZZ_CHECK(cond, what)                                   \
  do {                                                                  \
    if (!(cond)) ::valore::fuzz::Fail(__FILE__, __LINE__, #cond, what); \
  } while (0)

[[noreturn]] void Fail(const char* file, int line, const char* cond,
                       absl::string_view what);

// What a caller of the service would receive for `status` stays under the
// status size bound, and a long `echoed` input (a name sent) never comes
// back whole, only as a prefix with its length.
void CheckBoundedError(const absl::Status& status,
                       absl::string_view echoed = "");

// A fresh folder under $TMPDIR (or /tmp) named after `name`, removed at
// exit. Fuzzers create their databases here once per process: opening
// RocksDB per input would measure RocksDB, not valore.
std::string ScratchDir(absl::string_view name);

// Strictly increasing times one millisecond apart, from a fixed start, so a
// run replays the same way.
absl::Time NextTime();

// data/terre-d-argine-2023 read with the importer, once; aborts if it cannot
// be read (the harness would test nothing).
const import::DataFolder& ShippedData();
std::string ShippedDataDir();

}  // namespace valore::fuzz

#endif  // VALORE_FUZZ_FUZZ_SUPPORT_H_
