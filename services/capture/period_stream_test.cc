// StreamPeriods: the same messages whether blocks are read by one thread or
// by several; an entity's periods never split; a caller going away stops
// the readers.
#include "services/capture/period_stream.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "storage/kv_store.h"
#include "storage/series_store.h"
#include "storage/test_temp_dir.h"

namespace valore::capture {
namespace {

class PeriodStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::KvOptions options;
    options.sync_writes = false;
    options.column_families = storage::SeriesStore::ColumnFamilies();
    auto kv = storage::KvStore::Open(dir_.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    kv_ = *std::move(kv);
    auto series = storage::SeriesStore::Create(kv_.get());
    ASSERT_TRUE(series.ok()) << series.status();
    series_ = *std::move(series);
    // 200 entities; entity e has e % 7 items in period 10 and one in 11.
    std::vector<storage::CellWrite> writes;
    for (int e = 0; e < 200; ++e) {
      for (int i = 0; i < e % 7; ++i) {
        v1::Measurement m;
        m.mutable_value()->mutable_number()->set_value(e * 10 + i);
        writes.push_back(
            {Entity(e), absl::StrCat("i", i), 10, m.SerializeAsString()});
      }
      writes.push_back({Entity(e), "i0", 11, "\xff\xff"});  // unreadable
    }
    ASSERT_TRUE(series_->Append(writes, 1, nullptr).ok());
    for (int e = 0; e < 200; ++e) request_.entities.push_back(Entity(e));
    request_.entities.push_back("never-written");
    request_.periods = {10, 11};
    request_.period_names = {"P10", "P11"};
  }

  static std::string Entity(int e) { return absl::StrCat("e", 1000 + e); }

  // Every message, serialized, in order.
  std::vector<std::string> Stream(const PeriodStreamOptions& options,
                                  absl::Status* status) {
    std::vector<std::string> out;
    *status = StreamPeriods(*series_, request_, options,
                            [&](const v1::StreamPeriodValuesResponse& m) {
                              out.push_back(m.SerializeAsString());
                              return true;
                            });
    return out;
  }

  storage::TestTempDir dir_;
  std::unique_ptr<storage::KvStore> kv_;
  std::unique_ptr<storage::SeriesStore> series_;
  PeriodStreamRequest request_;
};

TEST_F(PeriodStreamTest, ParallelReadersSendWhatOneReaderSends) {
  PeriodStreamOptions one;
  one.readers = 1;
  one.block_entities = 5;
  one.message_values = 16;
  absl::Status status;
  const std::vector<std::string> sequential = Stream(one, &status);
  ASSERT_TRUE(status.ok()) << status;
  for (int readers : {2, 3, 8}) {
    PeriodStreamOptions many = one;
    many.readers = readers;
    many.blocks_ahead = readers == 8 ? 0 : 2;  // 0 reads one at a time
    EXPECT_EQ(Stream(many, &status), sequential) << readers << " readers";
    ASSERT_TRUE(status.ok()) << status;
  }

  // Every (entity, period) once, in order, periods together.
  std::vector<std::string> seen;
  int values = 0;
  for (const std::string& bytes : sequential) {
    v1::StreamPeriodValuesResponse m;
    ASSERT_TRUE(m.ParseFromString(bytes));
    ASSERT_EQ(m.values_size() % 2, 0);
    for (const v1::EntityPeriodValues& v : m.values()) {
      seen.push_back(v.entity() + "/" + v.period());
      values += v.values_size();
      if (v.period() == "P11" && v.values_size() > 0) {
        EXPECT_EQ(v.values(0).value().not_measurable().reason(),
                  "stored value unreadable");
      }
    }
  }
  ASSERT_EQ(seen.size(), 2 * request_.entities.size());
  for (size_t e = 0; e < request_.entities.size(); ++e) {
    EXPECT_EQ(seen[2 * e], request_.entities[e] + "/P10");
    EXPECT_EQ(seen[2 * e + 1], request_.entities[e] + "/P11");
  }
  int expected = 0;
  for (int e = 0; e < 200; ++e) expected += e % 7 + 1;
  EXPECT_EQ(values, expected);
}

TEST_F(PeriodStreamTest, ACallerGoingAwayStopsEveryReader) {
  PeriodStreamOptions options;
  options.readers = 4;
  options.block_entities = 3;
  int sent = 0;
  absl::Status status = StreamPeriods(
      *series_, request_, options,
      [&](const v1::StreamPeriodValuesResponse&) { return ++sent < 2; });
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(sent, 2);
}

TEST(ParseStoredValueTest, ReadsOnlyTheValueAndRefusesGarbage) {
  v1::Measurement m;
  m.set_note("nota");
  m.set_author("m.rossi");
  m.mutable_value()->mutable_number()->set_value(81.5);
  m.mutable_value()->mutable_number()->set_unit(v1::UNIT_PERCENT);
  m.mutable_value()->set_display("81,5%");
  v1::Value value;
  ASSERT_TRUE(ParseStoredValue(m.SerializeAsString(), &value));
  EXPECT_EQ(value.SerializeAsString(), m.value().SerializeAsString());
  v1::Value empty;
  EXPECT_TRUE(ParseStoredValue("", &empty));
  EXPECT_FALSE(empty.has_number());
  v1::Value bad;
  EXPECT_FALSE(ParseStoredValue("\x2a\x05\x09", &bad));  // value cut short
  EXPECT_FALSE(ParseStoredValue(std::string("\x00", 1), &bad));
}

}  // namespace
}  // namespace valore::capture
