// Changes to a token file, each written whole to a new file that then
// replaces the old one (rename, keeping owner, group and mode), so that a
// server reloading it never reads half a change; changes at once are
// serialized by a lock on "<file>.lock".
#ifndef VALORE_SERVICES_COMMON_TOKEN_FILE_H_
#define VALORE_SERVICES_COMMON_TOKEN_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/auth.h"

namespace valore {

// Adds the line of `key` ("sha256:…" hex or "cert:CN") for `entry`,
// creating the file (mode 0600) when missing. A file that does not parse is
// left as it is: FAILED_PRECONDITION naming the line.
absl::Status AddToTokenFile(const std::string& path, const std::string& key,
                            const TokenEntry& entry);

// Removes every line of `principal`; how many were removed. NOT_FOUND when
// the principal has none.
absl::StatusOr<int> RevokeFromTokenFile(const std::string& path,
                                        const std::string& principal);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_TOKEN_FILE_H_
