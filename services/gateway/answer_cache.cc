#include "services/gateway/answer_cache.h"

#include "absl/strings/str_cat.h"

namespace valore::gateway {

AnswerCache::AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}

std::shared_ptr<const std::string> AnswerCache::Find(absl::string_view method,
                                                     absl::string_view answer) {
  const std::string key =
      absl::StrCat(method, absl::string_view("\0", 1), answer);
  absl::MutexLock lock(&mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->json;
}

void AnswerCache::Keep(absl::string_view method, std::string answer,
                       std::shared_ptr<const std::string> json) {
  std::string key = absl::StrCat(method, absl::string_view("\0", 1), answer);
  const size_t size = key.size() + json->size();
  if (size > max_bytes_) return;
  absl::MutexLock lock(&mutex_);
  if (index_.contains(key)) return;
  entries_.push_front(Entry{std::move(key), std::move(json)});
  index_[entries_.front().key] = entries_.begin();
  bytes_ += size;
  Trim();
}

void AnswerCache::Trim() {
  while (bytes_ > max_bytes_ && !entries_.empty()) {
    const Entry& last = entries_.back();
    bytes_ -= last.key.size() + last.json->size();
    index_.erase(last.key);
    entries_.pop_back();
  }
}

}  // namespace valore::gateway
