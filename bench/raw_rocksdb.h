// The raw RocksDB baselines: the same records written with
// rocksdb::WriteBatch of 1000 into a plain database (default options, WAL on,
// each batch synced as the capture service syncs each request), and one
// period's records of every entity read back by prefix scans and parsed.
// Keys are entity \0 period \0 item, so that one entity's period is
// contiguous: the best case for the scan.
#ifndef VALORE_BENCH_RAW_ROCKSDB_H_
#define VALORE_BENCH_RAW_ROCKSDB_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "valore/v1/capture.pb.h"

namespace valore::bench {

struct RawWriteResult {
  int64_t records = 0;
  // Generating the records (as the services' client does) and writing them.
  double seconds = 0;
  // Writing them only: WriteBatch puts and DB::Write.
  double storage_seconds = 0;
  double records_per_second() const {
    return seconds > 0 ? records / seconds : 0;
  }
  double storage_records_per_second() const {
    return storage_seconds > 0 ? records / storage_seconds : 0;
  }
};

// Writes records [0, records) of `source` into a new database in `dir`.
// `source` fills a record; its key and serialized bytes are what is stored.
absl::StatusOr<RawWriteResult> RawWrite(
    const std::string& dir, int64_t records, int batch_size, bool sync,
    const std::function<void(int64_t, v1::Measurement*)>& source);

struct RawScanResult {
  int entities = 0;
  int64_t records = 0;
  double checksum = 0;  // sum of the parsed values, so nothing is skipped
  double seconds = 0;
  double entities_per_second() const {
    return seconds > 0 ? entities / seconds : 0;
  }
};

// For each entity id of `entities`: scans its records of `period` and parses
// each one (v1::Measurement).
absl::StatusOr<RawScanResult> RawScanPeriod(
    const std::string& dir, const std::vector<std::string>& entities,
    const std::string& period);

}  // namespace valore::bench

#endif  // VALORE_BENCH_RAW_ROCKSDB_H_
