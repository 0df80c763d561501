#include "storage/idempotent_writer.h"

#include <string>

#include "common/message_digest.h"
#include "gtest/gtest.h"
#include "storage/test_audited_db.h"
#include "valore/v1/capture.pb.h"

namespace valore::storage {
namespace {

TEST(ReplayRecordTest, AnIdBelongsToItsCallerAndMethod) {
  const std::string key = ReplayKey("WriteMeasurement", "m.rossi", "r-1");
  EXPECT_NE(key, ReplayKey("WriteMeasurement", "g.bianchi", "r-1"));
  EXPECT_NE(key, ReplayKey("BatchWriteMeasurements", "m.rossi", "r-1"));
  EXPECT_EQ(key, ReplayKey("WriteMeasurement", "m.rossi", "r-1"));
}

TEST(ReplayRecordTest, ARetryGetsTheFirstAnswerAndAnotherRequestIsRefused) {
  v1::WriteMeasurementRequest first;
  first.set_request_id("r-1");
  first.mutable_measurement()->set_entity("carpi");
  first.mutable_measurement()->set_value_text("81,5%");
  v1::WriteMeasurementRequest retry = first;
  retry.set_request_id("r-1");
  // The id itself is not part of what must match.
  v1::WriteMeasurementRequest same_without_id = first;
  same_without_id.clear_request_id();
  EXPECT_EQ(RequestFingerprint(first), RequestFingerprint(same_without_id));

  const std::string stored =
      EncodeReplay(RequestFingerprint(first), "the answer");
  absl::StatusOr<std::string> answer =
      MatchReplay(stored, RequestFingerprint(retry), "r-1");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(*answer, "the answer");

  v1::WriteMeasurementRequest other = first;
  other.mutable_measurement()->set_value_text("82%");
  absl::StatusOr<std::string> refused =
      MatchReplay(stored, RequestFingerprint(other), "r-1");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("r-1"), std::string::npos)
      << refused.status();

  EXPECT_EQ(MatchReplay("x", RequestFingerprint(first), "r-1").status().code(),
            absl::StatusCode::kDataLoss);
}

class IdempotentWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.Open({IdempotentWriter::kFamily, "data"});
    kv_ = db_.kv();
    writer_ = std::make_unique<IdempotentWriter>(kv_, db_.audit());
  }

  WriteRequest Request(const std::string& id, const std::string& content) {
    WriteRequest r;
    r.method = "Put";
    r.principal = "m.rossi";
    r.request_id = id;
    r.fingerprint = content;
    r.time = absl::FromUnixSeconds(1000);
    return r;
  }

  // Writes `value` under "k" with one audit event; the answer is the value.
  absl::StatusOr<std::string> Put(const WriteRequest& r,
                                  const std::string& value, bool* wrote) {
    return writer_->Write(
        r,
        [&](Transaction& tx) -> absl::StatusOr<std::string> {
          tx.Put(kv_->Family("data"), "k", value);
          v1::AuditEvent event;
          event.set_principal(r.principal);
          event.set_new_value(value);
          tx.Audit(event);
          return value;
        },
        wrote);
  }

  int AuditEvents() { return static_cast<int>(db_.AuditEvents().size()); }

  TestAuditedDb db_;
  KvStore* kv_ = nullptr;
  std::unique_ptr<IdempotentWriter> writer_;
};

TEST_F(IdempotentWriterTest, ARetryWritesNothingAndGetsTheFirstAnswer) {
  bool wrote = false;
  absl::StatusOr<std::string> first = Put(Request("r-1", "a"), "one", &wrote);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(wrote);
  EXPECT_EQ(AuditEvents(), 1);

  absl::StatusOr<std::string> retry = Put(Request("r-1", "a"), "two", &wrote);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_FALSE(wrote);
  EXPECT_EQ(*retry, "one");
  EXPECT_EQ(*kv_->Get(kv_->Family("data"), "k"), "one");
  EXPECT_EQ(AuditEvents(), 1);

  // The same id for other content is refused; another caller's id is its
  // own.
  EXPECT_EQ(Put(Request("r-1", "b"), "three", &wrote).status().code(),
            absl::StatusCode::kInvalidArgument);
  WriteRequest other = Request("r-1", "b");
  other.principal = "g.bianchi";
  EXPECT_TRUE(Put(other, "four", &wrote).ok());
  EXPECT_TRUE(wrote);
  // Without an id every call writes.
  EXPECT_TRUE(Put(Request("", "a"), "five", &wrote).ok());
  EXPECT_TRUE(Put(Request("", "a"), "six", &wrote).ok());
  EXPECT_EQ(*kv_->Get(kv_->Family("data"), "k"), "six");
  EXPECT_EQ(AuditEvents(), 4);
}

TEST_F(IdempotentWriterTest, AFailedWriteStoresNothing) {
  bool wrote = true;
  absl::StatusOr<std::string> refused = writer_->Write(
      Request("r-2", "a"),
      [&](Transaction& tx) -> absl::StatusOr<std::string> {
        tx.Put(kv_->Family("data"), "k", "half");
        v1::AuditEvent event;
        tx.Audit(event);
        return absl::FailedPreconditionError("period locked");
      },
      &wrote);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(wrote);
  EXPECT_FALSE(kv_->Get(kv_->Family("data"), "k")->has_value());
  EXPECT_EQ(AuditEvents(), 0);
  // Nor is the id used up.
  absl::StatusOr<std::string> later = Put(Request("r-2", "a"), "ok", &wrote);
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_TRUE(wrote);
}

}  // namespace
}  // namespace valore::storage
