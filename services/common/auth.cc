#include "services/common/auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace valore {
namespace {

constexpr char kPrincipalProperty[] = "valore-principal";
constexpr char kRoleProperty[] = "valore-role";
constexpr char kEntityProperty[] = "valore-entity";

class TokenProcessor : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenProcessor(std::shared_ptr<const TokenTable> table)
      : table_(std::move(table)) {}

  // Token checks are memory lookups: no need for gRPC's extra thread hop.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata,
                       grpc::AuthContext* context, OutputMetadata* consumed,
                       OutputMetadata*) override {
    const TokenEntry* entry = nullptr;
    auto auth = metadata.find("authorization");
    if (auth != metadata.end()) {
      absl::string_view value(auth->second.data(), auth->second.size());
      if (!absl::ConsumePrefix(&value, "Bearer ")) {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                            "authorization: expected \"Bearer <token>\"");
      }
      auto it = table_->find(absl::StrCat("sha256:", TokenHash(value)));
      if (it == table_->end()) {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                            "the bearer token is not known to this server");
      }
      entry = &it->second;
      consumed->insert(std::make_pair(
          std::string(auth->first.data(), auth->first.size()),
          std::string(auth->second.data(), auth->second.size())));
    } else {
      // No token: a client certificate verified by the TLS layer may stand
      // for the caller.
      for (const grpc::string_ref& cn :
           context->FindPropertyValues("x509_common_name")) {
        auto it = table_->find(
            absl::StrCat("cert:", std::string(cn.data(), cn.size())));
        if (it != table_->end()) entry = &it->second;
      }
      if (entry == nullptr) {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                            "no credentials: send \"authorization: Bearer "
                            "<token>\" or a client certificate known to the "
                            "token file");
      }
    }
    context->AddProperty(kPrincipalProperty, entry->principal);
    context->AddProperty(kRoleProperty, RoleName(entry->role));
    for (const std::string& e : entry->entities) {
      context->AddProperty(kEntityProperty, e);
    }
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<const TokenTable> table_;
};

std::string First(const grpc::AuthContext& context, const char* name) {
  std::vector<grpc::string_ref> values = context.FindPropertyValues(name);
  if (values.empty()) return "";
  return std::string(values[0].data(), values[0].size());
}

}  // namespace

absl::StatusOr<Role> ParseRole(absl::string_view text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "viewer") return Role::kViewer;
  if (t == "editor") return Role::kEditor;
  if (t == "job") return Role::kJob;
  if (t == "admin") return Role::kAdmin;
  return absl::InvalidArgumentError(
      absl::StrCat("role: \"", text, "\" is not admin, editor, viewer or job"));
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
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(),
             nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
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
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("--auth_tokens: cannot read \"", path, "\""));
  }
  TokenTable table;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
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
            path, " line ", number, ": \"", key,
            "\" is neither a SHA-256 hex hash nor cert:<common name>"));
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

std::shared_ptr<grpc::AuthMetadataProcessor> MakeTokenProcessor(
    std::shared_ptr<const TokenTable> table) {
  return std::make_shared<TokenProcessor>(std::move(table));
}

Principal PrincipalOf(const grpc::ServerContext& context, bool authenticated,
                      const std::string& stated_author) {
  Principal p;
  if (!authenticated) {
    p.name = stated_author.empty() ? "anonymous" : stated_author;
    p.role = Role::kAdmin;
    p.unauthenticated_mode = true;
    return p;
  }
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  p.name = First(*auth, kPrincipalProperty);
  absl::StatusOr<Role> role = ParseRole(First(*auth, kRoleProperty));
  p.role = role.ok() ? *role : Role::kViewer;
  for (const grpc::string_ref& e : auth->FindPropertyValues(kEntityProperty)) {
    p.entities.emplace_back(e.data(), e.size());
  }
  return p;
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
    return absl::PermissionDeniedError(
        absl::StrCat(p.name, " (editor of ", absl::StrJoin(p.entities, ", "),
                     ") may not write values of entity \"", entity, "\""));
  }
  return absl::PermissionDeniedError(
      absl::StrCat(p.name, " (", RoleName(p.role),
                   ") may not write values; it needs the role "
                   "admin or editor of \"",
                   entity, "\""));
}

}  // namespace valore
