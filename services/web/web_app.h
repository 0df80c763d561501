// The web app for the planning office, the dirigenti and the auditors:
// server-rendered Italian pages served by valore-gateway beside the REST
// edge. A person signs in with their bearer token; the app keeps it on the
// server behind an HttpOnly, Secure, SameSite=Strict session cookie and
// makes every call to the services with it, so the services decide what
// each person may see and do. Every form carries the session's CSRF token.
#ifndef VALORE_SERVICES_WEB_WEB_APP_H_
#define VALORE_SERVICES_WEB_WEB_APP_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/gateway.h"
#include "services/web/page.h"
#include "services/web/page_choices.h"
#include "services/web/page_renderer.h"
#include "services/web/session_store.h"
#include "services/web/static_files.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace valore::web {

struct WebOptions {
  // Holds templates/ and static/ (the build's web/ folder, or where a
  // package installs it).
  std::string web_root;
  // Each page's calls to the services together.
  absl::Duration call_timeout = absl::Seconds(10);
  SessionStore::Options sessions;
  // How long the pickers' lists (periods, entities) are kept.
  absl::Duration choices_ttl = absl::Seconds(30);
  // Bytes of answers and the HTML made of them kept (AnswerCache).
  size_t fragment_cache_bytes = 16 << 20;
  // "Secure" on the session cookie; browsers keep it on HTTPS only (and on
  // http://localhost).
  bool secure_cookie = true;
};

class WebApp {
 public:
  static absl::StatusOr<std::unique_ptr<WebApp>> Create(
      WebOptions options, gateway::Gateway* gateway);

  // Answers every request that is not the REST edge's.
  void Handle(const httplib::Request& request, httplib::Response& response);

 private:
  struct Route {
    std::string title;
    PageHandler handler = nullptr;
    bool is_form = false;
    // Answers JSON (asked by the page's script), errors included.
    bool is_json = false;
  };
  WebApp(WebOptions options, gateway::Gateway* gateway,
         std::unique_ptr<PageRenderer> renderer, StaticFiles files);

  void Serve(const httplib::Request& request, httplib::Response& response);
  static void AnswerJsonError(int status, const std::string& message,
                              httplib::Response& response);
  // `target` if it is a page of this app with a plain query, else "".
  std::string SafeReturn(const std::string& target) const;
  void ServeStatic(const std::string& path, httplib::Response& response);
  void ServeLogin(const httplib::Request& request, httplib::Response& response);
  void ServeLogout(const httplib::Request& request,
                   httplib::Response& response);
  void ServePage(const Route& route, const Session& session,
                 const httplib::Request& request, httplib::Response& response);
  // The layout around `page` (or around the template named in `result`).
  void Respond(const httplib::Request& request, const Session* session,
               ctemplate::TemplateDictionary& layout, const PageResult& result,
               httplib::Response& response);
  void RespondError(const absl::Status& status, const httplib::Request& request,
                    const Session* session, httplib::Response& response);
  std::optional<Session> SessionOf(const httplib::Request& request);

  const WebOptions options_;
  gateway::Gateway* gateway_;
  const std::unique_ptr<PageRenderer> renderer_;
  const StaticFiles files_;
  SessionStore sessions_;
  ChoicesCache choices_;
  gateway::AnswerCache fragments_;
  std::map<std::string, Route> routes_;
};

// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(absl::string_view header, absl::string_view name);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_WEB_APP_H_
