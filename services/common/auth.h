// Who is calling, and what they may do.
//
// Callers authenticate with a bearer token ("authorization: Bearer <token>")
// or, between services, with their mTLS client certificate; every call by
// its own credentials, a token winning over the connection's certificate.
// Tokens are kept only as SHA-256 hashes in a token file (written by `valore
// token create`); each line maps a token hash, or a certificate subject
// "cert:<CN>", to a principal, a role and, for editors, the entities they may
// write:
//
//   # sha256-hex-or-cert:CN <TAB> principal <TAB> role <TAB> entities
//   9f86d081…  m.rossi  editor  carpi,soliera
//   cert:valore-aggregation  valore-aggregation  job  -
#ifndef VALORE_SERVICES_COMMON_AUTH_H_
#define VALORE_SERVICES_COMMON_AUTH_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/security/auth_metadata_processor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore {

enum class Role { kViewer, kEditor, kJob, kAdmin };

absl::StatusOr<Role> ParseRole(absl::string_view text);
const char* RoleName(Role role);

struct Principal {
  std::string name;
  Role role = Role::kViewer;
  // Entities an editor may write; empty for other roles.
  std::vector<std::string> entities;
  // True when the server runs without authentication (insecure mode): the
  // caller is trusted as admin and named by the request's author field.
  bool unauthenticated_mode = false;
};

struct TokenEntry {
  std::string principal;
  Role role = Role::kViewer;
  std::vector<std::string> entities;
};

// The parsed token file: key "sha256:<hex>" or "cert:<CN>".
using TokenTable = absl::flat_hash_map<std::string, TokenEntry>;

absl::StatusOr<TokenTable> ReadTokenFile(const std::string& path);
// The text of a token file; `path` only names it in errors.
absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text,
                                          const std::string& path);

// Lowercase hex SHA-256 of some bytes.
std::string Sha256Hex(absl::string_view bytes);
// How a token is kept in the token file: its SHA-256.
inline std::string TokenHash(absl::string_view token) {
  return Sha256Hex(token);
}

// A new random token (URL-safe base64 of 32 random bytes).
absl::StatusOr<std::string> NewToken();

// The line to append to a token file for `entry` and `key` ("sha256:…" or
// "cert:CN").
std::string TokenFileLine(const std::string& key, const TokenEntry& entry);

class TokenStore;

// Who one call is: the principal of its own bearer token (`authorization`,
// the call's "authorization" header values), else of the connection's
// verified client certificate (`certificate_names`, its common names).
// UNAUTHENTICATED when neither is known to `table`.
absl::StatusOr<Principal> Authenticate(
    const TokenTable& table,
    const std::vector<absl::string_view>& authorization,
    const std::vector<absl::string_view>& certificate_names);

// Refuses, before any handler runs, a call that Authenticate refuses. It
// records nothing: gRPC keeps one AuthContext per connection, shared by every
// call on it, so a principal stored there would stick to the connection.
std::shared_ptr<grpc::AuthMetadataProcessor> MakeTokenProcessor(
    std::shared_ptr<const TokenStore> tokens);

// The caller of one call, from that call's own credentials; with no token
// store (insecure mode) an admin named `stated_author`.
absl::StatusOr<Principal> PrincipalOf(const grpc::ServerContextBase& context,
                                      const TokenStore* tokens,
                                      const std::string& stated_author);

// PERMISSION_DENIED naming the principal, role and what was refused, unless
// the principal has one of `roles`.
absl::Status Require(const Principal& p, std::initializer_list<Role> roles,
                     absl::string_view action);
// For writes of one entity's values: admin, or an editor of that entity.
absl::Status RequireEntityWriter(const Principal& p, absl::string_view entity);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_AUTH_H_
