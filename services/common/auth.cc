#include "services/common/auth.h"

#include <openssl/rand.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/error_details.h"
#include "common/message_digest.h"
#include "common/text_util.h"
#include "services/common/token_store.h"

namespace valore {
namespace {

constexpr char kCertificateProperty[] = "x509_common_name";

std::vector<absl::string_view> Views(
    const std::vector<grpc::string_ref>& values) {
  std::vector<absl::string_view> out;
  out.reserve(values.size());
  for (const grpc::string_ref& v : values) out.emplace_back(v.data(), v.size());
  return out;
}

// The values of a call's "authorization" headers.
template <typename Multimap>
std::vector<absl::string_view> AuthorizationHeaders(const Multimap& metadata) {
  std::vector<absl::string_view> out;
  auto [begin, end] = metadata.equal_range("authorization");
  for (auto it = begin; it != end; ++it) {
    out.emplace_back(it->second.data(), it->second.size());
  }
  return out;
}

bool IsHealthCheck(const grpc::AuthMetadataProcessor::InputMetadata& metadata) {
  auto path = metadata.find(":path");
  return path != metadata.end() &&
         absl::StartsWith(
             absl::string_view(path->second.data(), path->second.size()),
             "/grpc.health.v1.Health/");
}

class TokenProcessor : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenProcessor(std::shared_ptr<const TokenStore> tokens)
      : tokens_(std::move(tokens)) {}

  // Token checks are memory lookups: no need for gRPC's extra thread hop.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata,
                       grpc::AuthContext* context, OutputMetadata*,
                       OutputMetadata*) override {
    // A health check tells only whether a service serves: any peer whose
    // certificate the CA signed may ask, token or not (the gateway's status
    // endpoint, a load balancer's probe), without being a principal.
    if (IsHealthCheck(metadata) &&
        !context->FindPropertyValues(kCertificateProperty).empty()) {
      return grpc::Status::OK;
    }
    absl::StatusOr<Principal> principal =
        Authenticate(*tokens_->Current(), AuthorizationHeaders(metadata),
                     Views(context->FindPropertyValues(kCertificateProperty)));
    if (!principal.ok()) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          std::string(principal.status().message()));
    }
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<const TokenStore> tokens_;
};

Principal FromEntry(const TokenEntry& entry) {
  Principal p;
  p.name = entry.principal;
  p.role = entry.role;
  p.entities = entry.entities;
  return p;
}

}  // namespace

absl::StatusOr<Role> ParseRole(absl::string_view text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "viewer") return Role::kViewer;
  if (t == "editor") return Role::kEditor;
  if (t == "job") return Role::kJob;
  if (t == "admin") return Role::kAdmin;
  return absl::InvalidArgumentError(absl::StrCat(
      "role: ", QuoteForMessage(text), " is not admin, editor, viewer or job"));
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kEditor:
      return "editor";
    case Role::kJob:
      return "job";
    case Role::kViewer:
      break;
  }
  return "viewer";
}

std::string Sha256Hex(absl::string_view bytes) {
  return absl::BytesToHexString(Sha256(bytes));
}

absl::StatusOr<std::string> NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("token: the system has no random bytes to give");
  }
  return absl::StrCat(
      "vl_", absl::WebSafeBase64Escape(absl::string_view(
                 reinterpret_cast<const char*>(bytes), sizeof(bytes))));
}

std::string TokenFileLine(const std::string& key, const TokenEntry& entry) {
  return absl::StrCat(
      key, "\t", entry.principal, "\t", RoleName(entry.role), "\t",
      entry.entities.empty() ? "-" : absl::StrJoin(entry.entities, ","), "\n");
}

absl::StatusOr<TokenTable> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("--auth_tokens: cannot read ", QuoteForMessage(path)));
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseTokenFile(text.str(), path);
}

absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text_of_file,
                                          const std::string& path) {
  TokenTable table;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text_of_file, '\n')) {
    ++number;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text.front() == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(text, '\t');
    if (fields.size() != 4) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, " line ", number, ": expected 4 tab-separated fields, got ",
          fields.size()));
    }
    std::string key = fields[0];
    if (!absl::StartsWith(key, "cert:")) {
      if (key.size() != 64 || !std::all_of(key.begin(), key.end(), [](char c) {
            return absl::ascii_isxdigit(c);
          })) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, " line ", number, ": ", QuoteForMessage(key),
            " is neither a SHA-256 hex hash nor cert:<common name>"));
      }
      key = absl::StrCat("sha256:", absl::AsciiStrToLower(key));
    }
    absl::StatusOr<Role> role = ParseRole(fields[2]);
    if (!role.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", number, ": ", role.status().message()));
    }
    TokenEntry entry;
    entry.principal = fields[1];
    entry.role = *role;
    if (fields[3] != "-") {
      entry.entities = absl::StrSplit(fields[3], ',', absl::SkipEmpty());
    }
    table[key] = std::move(entry);
  }
  return table;
}

absl::StatusOr<Principal> Authenticate(
    const TokenTable& table,
    const std::vector<absl::string_view>& authorization,
    const std::vector<absl::string_view>& certificate_names) {
  if (authorization.size() > 1) {
    return absl::UnauthenticatedError(
        "authorization: more than one header on one call; send one token");
  }
  if (authorization.size() == 1) {
    absl::string_view value = authorization[0];
    if (!absl::ConsumePrefix(&value, "Bearer ")) {
      return absl::UnauthenticatedError(
          "authorization: expected \"Bearer <token>\"");
    }
    auto it = table.find(absl::StrCat("sha256:", TokenHash(value)));
    if (it == table.end()) {
      return absl::UnauthenticatedError(
          "the bearer token is not known to this server");
    }
    return FromEntry(it->second);
  }
  // No token: a client certificate verified by the TLS layer may stand for
  // the caller.
  for (absl::string_view cn : certificate_names) {
    auto it = table.find(absl::StrCat("cert:", cn));
    if (it != table.end()) return FromEntry(it->second);
  }
  return absl::UnauthenticatedError(
      "no credentials: send \"authorization: Bearer <token>\" or a client "
      "certificate known to the token file");
}

std::shared_ptr<grpc::AuthMetadataProcessor> MakeTokenProcessor(
    std::shared_ptr<const TokenStore> tokens) {
  return std::make_shared<TokenProcessor>(std::move(tokens));
}

absl::StatusOr<Principal> PrincipalOf(const grpc::ServerContextBase& context,
                                      const TokenStore* tokens,
                                      const std::string& stated_author) {
  if (tokens == nullptr) {
    Principal p;
    p.name = stated_author.empty() ? "anonymous" : stated_author;
    p.role = Role::kAdmin;
    p.unauthenticated_mode = true;
    return p;
  }
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  // The table may have changed since the processor let the call in: the
  // call is judged once more, by the table in force now.
  return Authenticate(
      *tokens->Current(), AuthorizationHeaders(context.client_metadata()),
      auth ? Views(auth->FindPropertyValues(kCertificateProperty))
           : std::vector<absl::string_view>{});
}

absl::Status Require(const Principal& p, std::initializer_list<Role> roles,
                     absl::string_view action) {
  if (std::find(roles.begin(), roles.end(), p.role) != roles.end()) {
    return absl::OkStatus();
  }
  std::vector<std::string> names;
  for (Role r : roles) names.push_back(RoleName(r));
  return absl::PermissionDeniedError(
      absl::StrCat(p.name, " (", RoleName(p.role), ") may not ", action,
                   "; it needs the role ", absl::StrJoin(names, " or ")));
}

absl::Status RequireEntityWriter(const Principal& p, absl::string_view entity) {
  if (p.role == Role::kAdmin) return absl::OkStatus();
  if (p.role == Role::kEditor && std::find(p.entities.begin(), p.entities.end(),
                                           entity) != p.entities.end()) {
    return absl::OkStatus();
  }
  if (p.role == Role::kEditor) {
    return WithReason(
        absl::PermissionDeniedError(absl::StrCat(
            p.name, " (editor of ", absl::StrJoin(p.entities, ", "),
            ") may not write values of entity ", QuoteForMessage(entity))),
        v1::ENTITY_NOT_ALLOWED, {{"entity", std::string(entity)}});
  }
  return absl::PermissionDeniedError(
      absl::StrCat(p.name, " (", RoleName(p.role),
                   ") may not write values; it needs the role "
                   "admin or editor of ",
                   QuoteForMessage(entity)));
}

}  // namespace valore
