// The JSON of recent answers (or the HTML a web page made of them), keyed by
// the exact bytes the service sent: a dashboard that reads the same report
// again pays the service's call, never the printing of an answer already
// printed. Every request still goes
// to the service, so what a caller sees is as fresh, and as authorized, as
// the call it made; two callers share a JSON only when the service sent both
// the same bytes.
#ifndef VALORE_SERVICES_GATEWAY_ANSWER_CACHE_H_
#define VALORE_SERVICES_GATEWAY_ANSWER_CACHE_H_

#include <cstddef>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace valore::gateway {

class AnswerCache {
 public:
  // Keeps at most `max_bytes` of answers and their JSON (0: keeps nothing).
  explicit AnswerCache(size_t max_bytes);

  // The JSON kept for `answer` of `method` (its full name), if any.
  std::shared_ptr<const std::string> Find(absl::string_view method,
                                          absl::string_view answer);
  // Keeps `json` as the JSON of `answer`, forgetting the least recently
  // used entries past the budget.
  void Keep(absl::string_view method, std::string answer,
            std::shared_ptr<const std::string> json);

 private:
  struct Entry {
    std::string key;  // method + '\0' + answer
    std::shared_ptr<const std::string> json;
  };
  void Trim() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t max_bytes_;
  absl::Mutex mutex_;
  std::list<Entry> entries_ ABSL_GUARDED_BY(mutex_);  // most recent first
  absl::flat_hash_map<absl::string_view, std::list<Entry>::iterator> index_
      ABSL_GUARDED_BY(mutex_);
  size_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_ANSWER_CACHE_H_
