#include "services/web/web_app.h"

#include <httplib.h>
#include <openssl/crypto.h>

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/italian_date.h"
#include "services/common/call_log.h"
#include "services/gateway/problem.h"
#include "services/web/json_answer.h"
#include "services/web/page_choices.h"
#include "services/web/page_labels.h"
#include "services/web/url_query.h"

namespace valore::web {
namespace {

constexpr absl::string_view kStaticPrefix = "/static/";
constexpr char kHome[] = "/panoramica";
constexpr char kLogin[] = "/accesso";

// The pages in the menu, in its order.
struct MenuItem {
  const char* path;
  const char* label;
};
constexpr MenuItem kMenu[] = {
    {"/panoramica", "Panoramica"},
    {"/inserimento", "Inserimento valori"},
    {"/validazione", "Validazione esiti"},
    {"/periodi", "Periodi e snapshot"},
    {"/registro", "Registro modifiche"},
};

const std::vector<std::string>& TemplateNames() {
  static const auto* names = new std::vector<std::string>{
      "layout.tpl",          "login.tpl",         "error.tpl",
      "accessibility.tpl",   "overview.tpl",      "entry.tpl",
      "validation.tpl",      "periods.tpl",       "audit.tpl",
      "indicator.tpl",       "line.tpl",          "table.tpl",
      "overview_report.tpl", "period_select.tpl", "entity_select.tpl"};
  return *names;
}

std::string CookieName(bool secure) {
  // The __Host- prefix keeps the cookie to this host, path / and HTTPS.
  return secure ? "__Host-valore_sessione" : "valore_sessione";
}

bool SameSecret(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && !a.empty() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void SetSecurityHeaders(httplib::Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; "
                      "object-src 'none'; base-uri 'none'; "
                      "form-action 'self'; frame-ancestors 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
}

}  // namespace

std::string CookieValue(absl::string_view header, absl::string_view name) {
  for (absl::string_view part : absl::StrSplit(header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

std::string FormValue(const httplib::Request& request,
                      const std::string& name) {
  if (request.has_file(name.c_str())) {
    return std::string(absl::StripAsciiWhitespace(
        request.get_file_value(name.c_str()).content));
  }
  return std::string(
      absl::StripAsciiWhitespace(request.get_param_value(name.c_str())));
}

std::string PageContext::Param(const std::string& name) const {
  return FormValue(request, name);
}

absl::StatusOr<std::unique_ptr<WebApp>> WebApp::Create(
    WebOptions options, gateway::Gateway* gateway) {
  absl::StatusOr<std::unique_ptr<PageRenderer>> renderer =
      PageRenderer::Open(options.web_root + "/templates", TemplateNames());
  if (!renderer.ok()) return renderer.status();
  absl::StatusOr<StaticFiles> files =
      StaticFiles::Load(options.web_root + "/static");
  if (!files.ok()) return files.status();
  return std::unique_ptr<WebApp>(new WebApp(
      std::move(options), gateway, *std::move(renderer), *std::move(files)));
}

WebApp::WebApp(WebOptions options, gateway::Gateway* gateway,
               std::unique_ptr<PageRenderer> renderer, StaticFiles files)
    : options_(std::move(options)),
      gateway_(gateway),
      renderer_(std::move(renderer)),
      files_(std::move(files)),
      sessions_(options_.sessions),
      choices_(options_.choices_ttl),
      fragments_(options_.fragment_cache_bytes) {
  routes_["GET /panoramica"] = {"Panoramica", &OverviewPage};
  routes_["GET /inserimento"] = {"Inserimento valori", &EntryPage};
  routes_["POST /inserimento"] = {"Inserimento valori", &SaveEntries, true};
  routes_["GET /inserimento/csv"] = {"Inserimento valori", &EntryCsv};
  routes_["POST /inserimento/anteprima"] = {"Inserimento valori", &PreviewEntry,
                                            /*is_form=*/true, /*is_json=*/true};
  routes_["GET /validazione"] = {"Validazione esiti", &ValidationPage};
  routes_["POST /validazione"] = {"Validazione esiti", &SaveValidation, true};
  routes_["GET /periodi"] = {"Periodi e snapshot", &PeriodsPage};
  routes_["POST /periodi"] = {"Periodi e snapshot", &ChangePeriod, true};
  routes_["GET /periodi/scarica"] = {"Periodi e snapshot", &SnapshotDownload};
  routes_["GET /registro"] = {"Registro modifiche", &AuditPage};
  routes_["GET /indicatore"] = {"Indicatore", &IndicatorPage};
  routes_["GET /linea"] = {"Linea di programmazione", &LinePage};
}

std::optional<Session> WebApp::SessionOf(const httplib::Request& request) {
  const std::string id = CookieValue(request.get_header_value("Cookie"),
                                     CookieName(options_.secure_cookie));
  if (id.empty()) return std::nullopt;
  return sessions_.Find(id, absl::Now());
}

void WebApp::Handle(const httplib::Request& request,
                    httplib::Response& response) {
  const absl::Time start = absl::Now();
  response.status = 200;
  Serve(request, response);
  // As the API's requests are logged; the path only: neither queries nor
  // forms go to the log.
  LogLine(
      "valore-gateway",
      absl::StrCat(
          request.method, " ", request.path, " ", response.status, " ",
          absl::StrFormat("%.2fms",
                          absl::ToDoubleMilliseconds(absl::Now() - start)),
          " route=web peer=", request.remote_addr, ":", request.remote_port));
}

void WebApp::Serve(const httplib::Request& request,
                   httplib::Response& response) {
  SetSecurityHeaders(response);
  const std::string& path = request.path;
  if (absl::StartsWith(path, kStaticPrefix)) {
    ServeStatic(path.substr(kStaticPrefix.size()), response);
    return;
  }
  response.set_header("Cache-Control", "no-store");
  std::optional<Session> session = SessionOf(request);
  // A person's pages count against the same budget as their REST calls;
  // before signing in, their address's.
  const gateway::RateDecision rate = gateway_->Admit(
      gateway::Gateway::RateKey(session ? session->authorization : "",
                                request.remote_addr),
      absl::Now());
  if (!rate.allowed) {
    response.set_header("Retry-After", absl::StrCat(rate.reset_seconds));
    RespondError(ItalianError(absl::StatusCode::kResourceExhausted,
                              absl::StrCat("troppe richieste: riprovare tra ",
                                           rate.reset_seconds, " secondi")),
                 request, session ? &*session : nullptr, response);
    return;
  }
  // A form sent from another site is refused before anything else, sign-in
  // and sign-out included (browsers say where a request comes from).
  if (request.method == "POST") {
    const std::string site = request.get_header_value("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin" && site != "none") {
      RespondError(ItalianError(absl::StatusCode::kPermissionDenied,
                                "il modulo non viene da questa applicazione"),
                   request, session ? &*session : nullptr, response);
      return;
    }
  }
  if (path == "/") {
    response.set_redirect(kHome, 303);
    return;
  }
  if (path == kLogin) {
    ServeLogin(request, response);
    return;
  }
  // HEAD is answered as GET (the server leaves the body out).
  const std::string method =
      request.method == "HEAD" ? std::string("GET") : request.method;
  if (path == "/dichiarazione-accessibilita" && method == "GET") {
    ctemplate::TemplateDictionary layout("layout");
    layout.AddIncludeDictionary("BODY")->SetFilename("accessibility.tpl");
    PageResult result;
    result.title = "Dichiarazione di accessibilità";
    Respond(request, session ? &*session : nullptr, layout, result, response);
    return;
  }
  if (path == "/esci" && method == "POST") {
    ServeLogout(request, response);
    return;
  }
  auto route = routes_.find(absl::StrCat(method, " ", path));
  if (route == routes_.end()) {
    std::vector<std::string> allowed;
    for (const char* other : {"GET", "POST"}) {
      if (routes_.count(absl::StrCat(other, " ", path)) > 0 ||
          (path == "/esci" && std::string(other) == "POST")) {
        allowed.push_back(other);
      }
    }
    if (allowed.empty()) {
      RespondError(
          ItalianError(absl::StatusCode::kNotFound, "pagina inesistente"),
          request, session ? &*session : nullptr, response);
      return;
    }
    RespondError(ItalianError(absl::StatusCode::kFailedPrecondition,
                              absl::StrCat("il metodo ", request.method,
                                           " non è previsto per questa "
                                           "pagina")),
                 request, session ? &*session : nullptr, response);
    response.status = 405;
    response.set_header("Allow", absl::StrJoin(allowed, ", "));
    return;
  }
  if (!session) {
    if (route->second.is_json) {
      AnswerJsonError(401, "accesso richiesto", response);
      return;
    }
    response.set_redirect(kLogin, 303);
    return;
  }
  if (route->second.is_form &&
      !SameSecret(FormValue(request, "csrf"), session->csrf_token)) {
    const absl::Status refused = ItalianError(
        absl::StatusCode::kPermissionDenied,
        "il modulo è scaduto o non viene da questa applicazione: ricaricare "
        "la pagina e riprovare");
    if (route->second.is_json) {
      AnswerJsonError(403, std::string(refused.message()), response);
      return;
    }
    RespondError(refused, request, &*session, response);
    return;
  }
  ServePage(route->second, *session, request, response);
}

void WebApp::AnswerJsonError(int status, const std::string& message,
                             httplib::Response& response) {
  response.status = status;
  response.set_content(JsonAnswer(false, {{"message", message}}),
                       "application/json");
}

std::string WebApp::SafeReturn(const std::string& target) const {
  return LocalReturn(target, [this](const std::string& path) {
    return routes_.count(absl::StrCat("GET ", path)) > 0;
  });
}

void WebApp::ServeStatic(const std::string& path, httplib::Response& response) {
  const StaticFile* file = files_.Find(path);
  if (file == nullptr) {
    response.status = 404;
    response.set_content("not found\n", "text/plain; charset=utf-8");
    return;
  }
  response.set_header("Cache-Control", "public, max-age=3600");
  response.set_content(file->content, file->media_type);
}

void WebApp::ServeLogin(const httplib::Request& request,
                        httplib::Response& response) {
  ctemplate::TemplateDictionary layout("layout");
  layout.AddIncludeDictionary("BODY")->SetFilename("login.tpl");
  PageResult result;
  result.title = "Accesso";
  if (request.method == "POST") {
    const std::string token = FormValue(request, "token");
    const std::string authorization = absl::StrCat("Bearer ", token);
    absl::StatusOr<v1::Caller> caller =
        token.empty()
            ? absl::UnauthenticatedError("no token")
            : ServiceCalls(*gateway_, authorization,
                           absl::Now() + options_.call_timeout)
                  .Catalog<v1::Caller>("GetCaller", v1::GetCallerRequest());
    if (caller.ok()) {
      // A new sign-in replaces the session this browser had.
      if (std::optional<Session> old = SessionOf(request)) {
        sessions_.Remove(old->id);
      }
      absl::StatusOr<Session> session =
          sessions_.Create(authorization, *caller, absl::Now());
      if (!session.ok()) {
        RespondError(session.status(), request, nullptr, response);
        return;
      }
      response.set_header(
          "Set-Cookie",
          absl::StrCat(CookieName(options_.secure_cookie), "=", session->id,
                       "; Path=/; HttpOnly; SameSite=Strict",
                       options_.secure_cookie ? "; Secure" : ""));
      response.set_redirect(kHome, 303);
      return;
    }
    if (caller.status().code() != absl::StatusCode::kUnauthenticated) {
      RespondError(caller.status(), request, nullptr, response);
      return;
    }
    result.status = 401;
    result.flash = Flash{
        "Token non valido: controllare di averlo copiato per intero, o "
        "chiederne uno nuovo all'amministratore.",
        "", true};
  }
  Respond(request, nullptr, layout, result, response);
}

void WebApp::ServeLogout(const httplib::Request& request,
                         httplib::Response& response) {
  std::optional<Session> session = SessionOf(request);
  if (session && !SameSecret(FormValue(request, "csrf"), session->csrf_token)) {
    // Someone else's form cannot sign a person out.
    RespondError(ItalianError(absl::StatusCode::kPermissionDenied,
                              "il modulo è scaduto o non viene da questa "
                              "applicazione: ricaricare la pagina e riprovare"),
                 request, &*session, response);
    return;
  }
  if (session) sessions_.Remove(session->id);
  response.set_header("Set-Cookie",
                      absl::StrCat(CookieName(options_.secure_cookie),
                                   "=; Path=/; HttpOnly; SameSite=Strict; "
                                   "Max-Age=0",
                                   options_.secure_cookie ? "; Secure" : ""));
  response.set_redirect(kLogin, 303);
}

void WebApp::ServePage(const Route& route, const Session& session,
                       const httplib::Request& request,
                       httplib::Response& response) {
  const absl::Time now = absl::Now();
  ServiceCalls calls(*gateway_, session.authorization,
                     now + options_.call_timeout);
  PageContext context{request,   session,         calls,      now,
                      &choices_, renderer_.get(), &fragments_};
  ctemplate::TemplateDictionary layout("layout");
  ctemplate::TemplateDictionary* page = layout.AddIncludeDictionary("BODY");
  PageResult result;
  result.title = route.title;
  absl::Status status = route.handler(context, page, &result);
  if (status.code() == absl::StatusCode::kUnauthenticated) {
    // A token revoked since sign-in: the session ends with it.
    sessions_.Remove(session.id);
    response.set_redirect(kLogin, 303);
    return;
  }
  if (!status.ok() && route.is_json) {
    AnswerJsonError(gateway::HttpStatusOf(status.code()),
                    ErrorFlash(status).text, response);
    return;
  }
  if (!status.ok() && route.is_form) {
    // A refused form goes back to its page with the reason.
    result.redirect = SafeReturn(FormValue(request, "ritorno"));
    if (result.redirect.empty()) {
      result.redirect = routes_.count(absl::StrCat("GET ", request.path)) > 0
                            ? request.path
                            : std::string(kHome);
    }
    result.flash = ErrorFlash(status);
    status = absl::OkStatus();
  }
  if (!status.ok()) {
    RespondError(status, request, &session, response);
    return;
  }
  if (!result.redirect.empty()) {
    if (!result.flash.text.empty()) {
      sessions_.SetFlash(session.id, result.flash);
    }
    response.set_redirect(result.redirect, 303);
    return;
  }
  if (!result.download_type.empty()) {
    if (!result.content_security_policy.empty()) {
      response.headers.erase("Content-Security-Policy");
      response.set_header("Content-Security-Policy",
                          result.content_security_policy);
    }
    if (!result.download_name.empty()) {
      response.set_header(
          "Content-Disposition",
          absl::StrCat("attachment; filename=\"", result.download_name, "\""));
    }
    response.set_content(result.download, result.download_type);
    return;
  }
  page->SetFilename(result.template_name);
  // The message of the form that led here, unless this page has its own.
  if (std::optional<Flash> flash = sessions_.TakeFlash(session.id);
      flash && result.flash.text.empty()) {
    result.flash = *std::move(flash);
  }
  Respond(request, &session, layout, result, response);
}

void WebApp::Respond(const httplib::Request& request, const Session* session,
                     ctemplate::TemplateDictionary& layout,
                     const PageResult& result, httplib::Response& response) {
  layout.SetValue("PAGE_TITLE", result.title);
  layout.SetValue("UPDATED", FormatItalianDate(absl::Now()));
  if (session != nullptr) {
    layout.SetTemplateGlobalValue("CSRF", session->csrf_token);
    ctemplate::TemplateDictionary* user =
        layout.AddSectionDictionary("SIGNED_IN");
    user->SetValue("PRINCIPAL", session->caller.principal());
    user->SetValue("ROLE", RoleLabel(session->caller));
    ctemplate::TemplateDictionary* menu = layout.AddSectionDictionary("MENU");
    for (const MenuItem& item : kMenu) {
      ctemplate::TemplateDictionary* entry = menu->AddSectionDictionary("ITEM");
      entry->SetValue("HREF", item.path);
      entry->SetValue("LABEL", item.label);
      if (request.path == item.path) entry->ShowSection("CURRENT");
    }
  }
  if (!result.flash.text.empty()) {
    ctemplate::TemplateDictionary* flash = layout.AddSectionDictionary("FLASH");
    flash->SetValue("TEXT", result.flash.text);
    flash->SetValue("KIND", result.flash.is_error ? "danger" : "success");
    flash->SetValue("ROLE", result.flash.is_error ? "alert" : "status");
    if (!result.flash.detail.empty()) {
      flash->AddSectionDictionary("DETAIL")->SetValue("DETAIL_TEXT",
                                                      result.flash.detail);
    }
  }
  absl::StatusOr<std::string> html = renderer_->Render("layout.tpl", layout);
  if (!html.ok()) {
    response.status = 500;
    response.set_content("errore interno\n", "text/plain; charset=utf-8");
    return;
  }
  response.status = result.status;
  response.set_content(*html, "text/html; charset=utf-8");
}

void WebApp::RespondError(const absl::Status& status,
                          const httplib::Request& request,
                          const Session* session, httplib::Response& response) {
  ctemplate::TemplateDictionary layout("layout");
  PageResult result;
  result.title = ErrorTitle(status.code());
  result.status = gateway::HttpStatusOf(status.code());
  ctemplate::TemplateDictionary* body = layout.AddIncludeDictionary("BODY");
  body->SetFilename("error.tpl");
  // The page's title says what kind of error; its text the rest.
  const Flash words = ErrorFlash(status);
  const size_t colon = words.text.find(": ");
  if (colon != std::string::npos) {
    body->AddSectionDictionary("SENTENCE")
        ->SetValue("TEXT", words.text.substr(colon + 2));
  }
  if (!words.detail.empty()) {
    body->AddSectionDictionary("DETAIL")->SetValue("DETAIL_TEXT", words.detail);
  }
  Respond(request, session, layout, result, response);
}

}  // namespace valore::web
