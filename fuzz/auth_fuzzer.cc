// Bytes as a run of calls on one shared connection: each call carries its
// own "authorization" headers (or none) and the connection's certificate
// names. Whatever came before, every call is judged by what it carries:
// the token's principal when it has exactly one known token, its
// certificate's only when it has no header, UNAUTHENTICATED otherwise.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "fuzz/fuzz_support.h"
#include "services/common/auth.h"

namespace {

using valore::Authenticate;
using valore::Principal;
using valore::TokenEntry;
using valore::TokenTable;

const char* const kTokens[] = {"admin-token", "carpi-token", "viewer-token"};
const char* const kPrincipals[] = {"m.rossi", "l.bianchi", "revisore"};

const TokenTable& Table() {
  static const TokenTable* table = [] {
    auto* t = new TokenTable();
    (*t)["sha256:" + valore::TokenHash(kTokens[0])] = {
        kPrincipals[0], valore::Role::kAdmin, {}};
    (*t)["sha256:" + valore::TokenHash(kTokens[1])] = {
        kPrincipals[1], valore::Role::kEditor, {"carpi"}};
    (*t)["sha256:" + valore::TokenHash(kTokens[2])] = {
        kPrincipals[2], valore::Role::kViewer, {}};
    (*t)["cert:valore-aggregation"] = {
        "valore-aggregation", valore::Role::kJob, {}};
    return t;
  }();
  return *table;
}

// The principal a known token stands for, or "".
std::string TokenPrincipal(absl::string_view header) {
  if (!absl::ConsumePrefix(&header, "Bearer ")) return "";
  for (int i = 0; i < 3; ++i) {
    if (header == kTokens[i]) return kPrincipals[i];
  }
  return "";
}

// Reads one byte, or 0 at the end.
uint8_t Byte(const uint8_t*& data, size_t& size) {
  if (size == 0) return 0;
  --size;
  return *data++;
}

// A header or a name: one of the known values, or bytes of the input.
std::string Text(const uint8_t*& data, size_t& size) {
  const uint8_t pick = Byte(data, size);
  switch (pick % 6) {
    case 0:
    case 1:
    case 2:
      return absl::StrCat("Bearer ", kTokens[pick % 3]);
    case 3:
      return "valore-aggregation";
    default: {
      const size_t n = std::min<size_t>(Byte(data, size), size);
      std::string out(reinterpret_cast<const char*>(data), n);
      data += n;
      size -= n;
      return out;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The connection's certificate names, fixed for the whole run.
  std::vector<std::string> cert_storage;
  for (int n = Byte(data, size) % 3; n > 0; --n) {
    cert_storage.push_back(Text(data, size));
  }
  const std::vector<absl::string_view> certs(cert_storage.begin(),
                                             cert_storage.end());
  std::string cert_principal;
  for (absl::string_view cn : certs) {
    if (cn == "valore-aggregation") {
      cert_principal = "valore-aggregation";
      break;
    }
  }
  while (size > 0) {
    std::vector<std::string> header_storage;
    for (int n = Byte(data, size) % 3; n > 0; --n) {
      header_storage.push_back(Text(data, size));
    }
    const std::vector<absl::string_view> headers(header_storage.begin(),
                                                 header_storage.end());
    absl::StatusOr<Principal> p = Authenticate(Table(), headers, certs);
    std::string expected;
    if (headers.size() == 1) {
      expected = TokenPrincipal(headers[0]);  // a token wins, known or not
    } else if (headers.empty()) {
      expected = cert_principal;
    }
    if (expected.empty()) {
      VALORE_FUZZ_CHECK(absl::IsUnauthenticated(p.status()),
                        p.ok() ? p->name : p.status().ToString());
      valore::fuzz::CheckBoundedError(p.status());
    } else {
      VALORE_FUZZ_CHECK(p.ok() && p->name == expected,
                        p.ok() ? p->name : p.status().ToString());
    }
  }
  return 0;
}
