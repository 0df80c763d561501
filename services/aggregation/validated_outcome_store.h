// The outcomes the office validated, as the aggregation service keeps them:
// every revision of every item of every (period, scope), each committed
// with its audit event, and read back as they were at a time.
#ifndef VALORE_SERVICES_AGGREGATION_VALIDATED_OUTCOME_STORE_H_
#define VALORE_SERVICES_AGGREGATION_VALIDATED_OUTCOME_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"
#include "valore/v1/aggregation.pb.h"

namespace valore::aggregation {

class ValidatedOutcomeStore {
 public:
  // The families it keeps; add them to the KvStore's.
  static constexpr char kFamily[] = "validated";
  static constexpr char kMetaFamily[] = "meta";

  // Reads the last revision given; `kv` must outlive the store.
  static absl::StatusOr<std::unique_ptr<ValidatedOutcomeStore>> Open(
      storage::KvStore* kv);

  // The newest validated outcome of each item of (period, scope) committed
  // at or before `as_of_micros` (0 = now); `entity` empty for the
  // Union-wide scope. Ordered by item type, then item.
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> Load(
      Period period, const std::string& entity, int64_t as_of_micros) const;
  // The same for every scope of `period`, by the scope's entity id.
  absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
  LoadByScope(Period period, int64_t as_of_micros) const;

  // One outcome to put, checked (common/record_checks.h).
  struct Checked {
    const v1::ValidatedOutcome* outcome;
    Period period;
    std::string entity;  // of its scope; empty for the Union-wide one
  };
  // Stamps each outcome (author, request id, scope, name, next revision,
  // time) and puts it in `tx` with its audit event (the outcome it
  // replaces, and the new one); returns them as put. Writes must come one
  // at a time (revisions follow commits): the caller serializes them.
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> Put(
      const std::vector<Checked>& outcomes, const std::string& author,
      const std::string& request_id, absl::string_view method, absl::Time now,
      storage::Transaction& tx);

  // ListValidatedOutcomes and GetValidatedOutcome, by resource name.
  absl::StatusOr<v1::ListValidatedOutcomesResponse> List(
      const v1::ListValidatedOutcomesRequest& r) const;
  absl::StatusOr<v1::ValidatedOutcome> Get(
      const v1::GetValidatedOutcomeRequest& r) const;

 private:
  explicit ValidatedOutcomeStore(storage::KvStore* kv);
  // The newest validated outcome of each (scope, item) under `prefix`.
  absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
  Newest(const std::string& prefix, int64_t as_of_micros) const;
  absl::StatusOr<v1::AuditEvent> EventOf(const v1::ValidatedOutcome& v,
                                         uint16_t period,
                                         const std::string& author,
                                         const std::string& request_id,
                                         absl::string_view method) const;

  storage::KvStore* kv_;
  storage::FamilyId family_;
  storage::FamilyId meta_;
  absl::Mutex mu_;
  uint64_t last_revision_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace valore::aggregation

#endif  // VALORE_SERVICES_AGGREGATION_VALIDATED_OUTCOME_STORE_H_
