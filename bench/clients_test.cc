// The benchmark's import clients against a real capture service: requests
// built as they go and requests encoded beforehand store the same records,
// and a refused batch stops the import with its status.
#include "bench/clients.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/dataset.h"
#include "tests/harness.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::bench {
namespace {

using testing::AllRevisions;
using testing::Deadline;
using testing::Suite;

class IngestClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    shape_.entities = 3;
    shape_.indicators = 12;
    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = NationalCatalog(shape_);
    v1::ImportCatalogResponse imported;
    grpc::Status s = suite_.catalog().Stub()->ImportCatalog(Deadline(30).get(),
                                                            import, &imported);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // Batch b of 100 records of the data set.
  v1::BatchWriteMeasurementsRequest Batch(int64_t b) const {
    v1::BatchWriteMeasurementsRequest r;
    for (int64_t k = b * 100; k < std::min(shape_.records(), (b + 1) * 100);
         ++k) {
      NationalRecordAt(shape_, k, r.add_measurements());
    }
    r.set_request_id(absl::StrCat("test-", b));
    return r;
  }

  int64_t Batches() const { return (shape_.records() + 99) / 100; }

  // Every record of the data set reads back as its newest value.
  void ExpectEveryRecordStored() {
    auto capture = suite_.capture().Stub();
    for (int64_t k = 0; k < shape_.records(); k += 37) {
      v1::Measurement m;
      NationalRecordAt(shape_, k, &m);
      std::vector<v1::Measurement> revisions =
          AllRevisions(*capture, m.entity(), m.item(), m.period());
      ASSERT_EQ(revisions.size(), 1u) << "record " << k;
      EXPECT_EQ(revisions[0].value().number().value(),
                m.value().number().value())
          << "record " << k;
    }
  }

  Suite suite_;
  NationalShape shape_;
};

TEST_F(IngestClientsTest, RequestsBuiltAsTheyGoStoreEveryRecord) {
  IngestOptions options;
  options.batches = Batches();
  options.concurrency = 3;
  absl::StatusOr<IngestResult> done = Ingest(
      suite_.capture().address(), ClientSecurity{},
      [&](int64_t b, v1::BatchWriteMeasurementsRequest* scratch) {
        *scratch = Batch(b);
        return scratch;
      },
      options);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->records, shape_.records());
  ExpectEveryRecordStored();
}

TEST_F(IngestClientsTest, RequestsEncodedBeforehandStoreEveryRecord) {
  std::vector<EncodedBatch> encoded;
  for (int64_t b = 0; b < Batches(); ++b) {
    absl::StatusOr<EncodedBatch> batch = EncodeBatch(Batch(b));
    ASSERT_TRUE(batch.ok()) << batch.status();
    EXPECT_EQ(batch->records, Batch(b).measurements_size());
    encoded.push_back(*std::move(batch));
  }
  IngestOptions options;
  options.concurrency = 3;
  absl::StatusOr<IngestResult> done = IngestEncoded(
      suite_.capture().address(), ClientSecurity{}, encoded, options);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->records, shape_.records());
  ExpectEveryRecordStored();
}

TEST_F(IngestClientsTest, ARefusedBatchStopsTheImportWithItsStatus) {
  v1::BatchWriteMeasurementsRequest bad = Batch(1);
  bad.mutable_measurements(5)->set_item("no-such-item");
  std::vector<EncodedBatch> encoded;
  for (const v1::BatchWriteMeasurementsRequest& r : {Batch(0), bad}) {
    absl::StatusOr<EncodedBatch> batch = EncodeBatch(r);
    ASSERT_TRUE(batch.ok()) << batch.status();
    encoded.push_back(*std::move(batch));
  }
  IngestOptions options;
  options.concurrency = 1;
  absl::StatusOr<IngestResult> done = IngestEncoded(
      suite_.capture().address(), ClientSecurity{}, encoded, options);
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.status().message().find("batch 1"), std::string::npos)
      << done.status();
  EXPECT_NE(done.status().message().find("no-such-item"), std::string::npos)
      << done.status();
}

}  // namespace
}  // namespace valore::bench
