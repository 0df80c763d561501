#include "services/web/session_store.h"

#include <utility>

#include "services/common/auth.h"

namespace valore::web {

absl::StatusOr<Session> SessionStore::Create(std::string authorization,
                                             v1::Caller caller,
                                             absl::Time now) {
  absl::StatusOr<std::string> id = NewToken();
  if (!id.ok()) return id.status();
  absl::StatusOr<std::string> csrf = NewToken();
  if (!csrf.ok()) return csrf.status();
  Session session;
  session.id = *std::move(id);
  session.authorization = std::move(authorization);
  session.caller = std::move(caller);
  session.csrf_token = *std::move(csrf);
  session.created = now;
  session.last_used = now;
  absl::MutexLock lock(&mu_);
  // The principal's own oldest session first, when it has too many.
  for (;;) {
    size_t own = 0;
    auto oldest = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.caller.principal() != session.caller.principal()) {
        continue;
      }
      ++own;
      if (oldest == sessions_.end() ||
          it->second.last_used < oldest->second.last_used) {
        oldest = it;
      }
    }
    if (own < options_.max_sessions_per_principal) break;
    sessions_.erase(oldest);
  }
  if (sessions_.size() >= options_.max_sessions) {
    // Make room: first the expired, then the least recently used.
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (Expired(it->second, now)) {
        sessions_.erase(it++);
      } else {
        ++it;
      }
    }
    while (sessions_.size() >= options_.max_sessions) {
      auto oldest = sessions_.begin();
      for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
        if (it->second.last_used < oldest->second.last_used) oldest = it;
      }
      sessions_.erase(oldest);
    }
  }
  sessions_[session.id] = session;
  return session;
}

std::optional<Session> SessionStore::Find(absl::string_view id,
                                          absl::Time now) {
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (Expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void SessionStore::Remove(absl::string_view id) {
  absl::MutexLock lock(&mu_);
  sessions_.erase(id);
}

void SessionStore::SetFlash(absl::string_view id, Flash flash) {
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  it->second.flash = std::move(flash);
}

std::optional<Flash> SessionStore::TakeFlash(absl::string_view id) {
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.flash.text.empty()) {
    return std::nullopt;
  }
  Flash flash = std::move(it->second.flash);
  it->second.flash = Flash();
  return flash;
}

size_t SessionStore::size() const {
  absl::MutexLock lock(&mu_);
  return sessions_.size();
}

bool SessionStore::Expired(const Session& session, absl::Time now) const {
  return now - session.last_used > options_.idle_timeout ||
         now - session.created > options_.max_age;
}

}  // namespace valore::web
