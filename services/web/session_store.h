// The web app's sessions: a random id in an HttpOnly cookie stands for the
// bearer token a person signed in with, which never leaves the server again.
// Each session has its own CSRF token for the forms it is shown. Sessions
// live in memory: a restarted gateway asks people to sign in again.
#ifndef VALORE_SERVICES_WEB_SESSION_STORE_H_
#define VALORE_SERVICES_WEB_SESSION_STORE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "valore/v1/catalog.pb.h"

namespace valore::web {

// A message for the page a form leads to: Italian words for the person and,
// for an error, the service's own words (in English) after them.
struct Flash {
  std::string text;
  std::string detail;
  bool is_error = false;
};

struct Session {
  std::string id;
  // "Bearer <token>", sent with every call made for this session.
  std::string authorization;
  // Who the token stands for (CatalogService.GetCaller), to show only what
  // the person may do; the services still decide every call.
  v1::Caller caller;
  // Hidden in every form; a POST without it is refused.
  std::string csrf_token;
  absl::Time created;
  absl::Time last_used;
  // What the last form did, shown once on the page it led to.
  Flash flash;
};

class SessionStore {
 public:
  struct Options {
    // A session unused this long ends.
    absl::Duration idle_timeout = absl::Minutes(30);
    // And none lasts longer than this.
    absl::Duration max_age = absl::Hours(10);
    // The least recently used session is ended to make room beyond this
    // many, in all and of one principal: one token cannot push everyone out.
    size_t max_sessions = 10000;
    size_t max_sessions_per_principal = 20;
  };
  SessionStore() : SessionStore(Options()) {}
  explicit SessionStore(Options options) : options_(options) {}

  // A new session for `authorization`; its id and CSRF token are random
  // tokens (NewToken).
  absl::StatusOr<Session> Create(std::string authorization, v1::Caller caller,
                                 absl::Time now);
  // The live session with this id, its last use set to `now`; nullopt when
  // unknown or expired (then it is forgotten).
  std::optional<Session> Find(absl::string_view id, absl::Time now);
  void Remove(absl::string_view id);
  // Keeps a message for the session's next page; TakeFlash returns it once.
  void SetFlash(absl::string_view id, Flash flash);
  std::optional<Flash> TakeFlash(absl::string_view id);
  size_t size() const;

 private:
  bool Expired(const Session& session, absl::Time now) const;
  const Options options_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Session> sessions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_SESSION_STORE_H_
