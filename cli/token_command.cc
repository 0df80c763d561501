// valore token create: a new bearer token, stored as a hash in a token file
// and printed once; or a certificate principal (--cert CN).
// valore token revoke: removes a principal's lines. Either way the file is
// replaced whole, and the servers follow it within seconds.
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "services/common/auth.h"
#include "services/common/token_file.h"

ABSL_FLAG(std::string, principal, "",
          "token create: who the token stands for; token revoke: whose "
          "tokens and certificates to remove");
ABSL_FLAG(std::string, role, "viewer",
          "token create: admin, editor, viewer or job");
ABSL_FLAG(std::vector<std::string>, entities, {},
          "token create: the entities an editor may write (comma-separated)");
ABSL_FLAG(std::string, tokens, "", "token create/revoke: the token file");
ABSL_FLAG(std::string, cert, "",
          "token create: map this certificate common name instead of making a "
          "token");

namespace valore::cli {

namespace {

int Revoke(const std::string& file, const std::string& principal) {
  if (file.empty() || principal.empty()) {
    return Fail(
        absl::InvalidArgumentError("--tokens and --principal are required"));
  }
  absl::StatusOr<int> removed = RevokeFromTokenFile(file, principal);
  if (!removed.ok()) return Fail(removed.status());
  std::cout << "revoked " << *removed << " line(s) of " << principal
            << "; the servers refuse them within seconds (or at once on "
               "SIGHUP)\n";
  return 0;
}

}  // namespace

int TokenCommand(const CliContext&, const Args& args) {
  if (args.size() == 1 && args[0] == "revoke") {
    return Revoke(absl::GetFlag(FLAGS_tokens), absl::GetFlag(FLAGS_principal));
  }
  if (args.size() != 1 || args[0] != "create") {
    std::cerr << "usage: valore token create --tokens FILE --principal NAME "
                 "--role admin|editor|viewer|job [--entities a,b] [--cert CN]\n"
                 "       valore token revoke --tokens FILE --principal NAME\n";
    return 2;
  }
  const std::string file = absl::GetFlag(FLAGS_tokens);
  TokenEntry entry;
  entry.principal = absl::GetFlag(FLAGS_principal);
  if (file.empty() || entry.principal.empty()) {
    return Fail(
        absl::InvalidArgumentError("--tokens and --principal are required"));
  }
  absl::StatusOr<Role> role = ParseRole(absl::GetFlag(FLAGS_role));
  if (!role.ok()) return Fail(role.status());
  entry.role = *role;
  entry.entities = absl::GetFlag(FLAGS_entities);
  if (entry.role == Role::kEditor && entry.entities.empty()) {
    return Fail(absl::InvalidArgumentError(
        "--entities: an editor needs the entities it may write"));
  }
  if (entry.role != Role::kEditor && !entry.entities.empty()) {
    return Fail(
        absl::InvalidArgumentError("--entities: only editors have entities"));
  }
  std::string key;
  std::string token;
  const std::string cert = absl::GetFlag(FLAGS_cert);
  if (!cert.empty()) {
    key = absl::StrCat("cert:", cert);
  } else {
    absl::StatusOr<std::string> made = NewToken();
    if (!made.ok()) return Fail(made.status());
    token = *made;
    key = TokenHash(token);
  }
  // The file holds only hashes, but who may use which token is still
  // nobody else's business: a new file is 0600.
  if (absl::Status s = AddToTokenFile(file, key, entry); !s.ok()) {
    return Fail(s);
  }
  if (!token.empty()) {
    std::cerr << "New token for " << entry.principal << " ("
              << RoleName(entry.role) << "), shown only now:\n";
    std::cout << token << "\n";
  } else {
    std::cout << "certificate " << cert << " maps to " << entry.principal
              << " (" << RoleName(entry.role) << ")\n";
  }
  return 0;
}

}  // namespace valore::cli
