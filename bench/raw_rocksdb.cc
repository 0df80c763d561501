#include "bench/raw_rocksdb.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace valore::bench {
namespace {

std::string RawKey(const v1::Measurement& m) {
  std::string key = m.entity();
  key.push_back('\0');
  key.append(m.period());
  key.push_back('\0');
  key.append(m.item());
  return key;
}

absl::Status Failed(const rocksdb::Status& s, const std::string& what) {
  return absl::InternalError(
      absl::StrCat("raw rocksdb ", what, ": ", s.ToString()));
}

}  // namespace

absl::StatusOr<RawWriteResult> RawWrite(
    const std::string& dir, int64_t records, int batch_size, bool sync,
    const std::function<void(int64_t, v1::Measurement*)>& source) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) return Failed(s, "open");
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;

  // Each batch is first generated (record, key, bytes), then put into a
  // WriteBatch and written; the two are timed apart.
  v1::Measurement m;
  std::vector<std::pair<std::string, std::string>> generated;
  rocksdb::WriteBatch batch;
  absl::Duration generating;
  absl::Duration storing;
  for (int64_t first = 0; first < records; first += batch_size) {
    const int64_t end = std::min(records, first + batch_size);
    const absl::Time t0 = absl::Now();
    generated.resize(end - first);
    for (int64_t k = first; k < end; ++k) {
      source(k, &m);
      auto& [key, value] = generated[k - first];
      key = RawKey(m);
      m.SerializeToString(&value);
    }
    const absl::Time t1 = absl::Now();
    batch.Clear();
    for (const auto& [key, value] : generated) batch.Put(key, value);
    s = db->Write(write_options, &batch);
    if (!s.ok()) return Failed(s, "write");
    const absl::Time t2 = absl::Now();
    generating += t1 - t0;
    storing += t2 - t1;
  }
  RawWriteResult result;
  result.records = records;
  result.seconds = absl::ToDoubleSeconds(generating + storing);
  result.storage_seconds = absl::ToDoubleSeconds(storing);
  s = db->Close();
  if (!s.ok()) return Failed(s, "close");
  return result;
}

absl::StatusOr<RawScanResult> RawScanPeriod(
    const std::string& dir, const std::vector<std::string>& entities,
    const std::string& period) {
  rocksdb::Options options;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, dir, &raw);
  if (!s.ok()) return Failed(s, "open");
  std::unique_ptr<rocksdb::DB> db(raw);

  RawScanResult result;
  const absl::Time start = absl::Now();
  v1::Measurement m;
  for (const std::string& entity : entities) {
    std::string prefix = entity;
    prefix.push_back('\0');
    prefix.append(period);
    prefix.push_back('\0');
    std::string upper = prefix;
    upper.back() = '\1';
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions read_options;
    read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (!m.ParseFromArray(it->value().data(),
                            static_cast<int>(it->value().size()))) {
        return absl::DataLossError("raw rocksdb: unreadable record");
      }
      result.checksum += m.value().number().value();
      ++result.records;
    }
    if (!it->status().ok()) return Failed(it->status(), "scan");
    ++result.entities;
  }
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

}  // namespace valore::bench
