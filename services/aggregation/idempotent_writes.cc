// AggregationCore::Idempotent: the writes of the core run once per request
// id; a retry gets the stored answer.
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "services/aggregation/aggregation_core.h"
#include "services/common/request_ids.h"

namespace valore::aggregation {

absl::StatusOr<std::string> AggregationCore::Idempotent(
    absl::string_view method, const std::string& author,
    const std::string& request_id, const google::protobuf::Message& request,
    const std::function<absl::StatusOr<std::string>(rocksdb::WriteBatch*)>&
        write) {
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  const std::string key = ReplayKey(method, author, request_id);
  const std::string fingerprint =
      request_id.empty() ? "" : RequestFingerprint(request);
  absl::MutexLock lock(&write_mu_);
  if (!request_id.empty()) {
    absl::StatusOr<std::optional<std::string>> stored =
        kv_->Get(requests_, key);
    if (!stored.ok()) return stored.status();
    if (stored->has_value())
      return MatchReplay(**stored, fingerprint, request_id);
  }
  rocksdb::WriteBatch batch;
  absl::StatusOr<std::string> answer = write(&batch);
  if (!answer.ok()) return answer.status();
  if (!request_id.empty())
    batch.Put(requests_, key, EncodeReplay(fingerprint, *answer));
  if (absl::Status s = kv_->Write(&batch); !s.ok()) return s;
  return answer;
}

}  // namespace valore::aggregation
