// AggregationCore::Idempotent: the core's writes, one at a time, through
// storage::IdempotentWriter.
#include <string>

#include "services/aggregation/aggregation_core.h"
#include "services/common/request_ids.h"

namespace valore::aggregation {

absl::StatusOr<std::string> AggregationCore::Idempotent(
    absl::string_view method, const std::string& author,
    const std::string& request_id, const google::protobuf::Message& request,
    absl::Time now, const storage::IdempotentWriter::WriteFn& write) {
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  storage::WriteRequest w;
  w.method = std::string(method);
  w.principal = author;
  w.request_id = request_id;
  if (!request_id.empty()) w.fingerprint = RequestFingerprint(request);
  w.time = now;
  return writer_->Write(w, write);
}

}  // namespace valore::aggregation
