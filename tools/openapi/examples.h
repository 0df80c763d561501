// The hand-written request examples (docs/api/examples/<operationId>.json):
// every operation with a request body must have one, and it must parse into
// the body's message as the gateway parses it, else the build fails.
#ifndef VALORE_TOOLS_OPENAPI_EXAMPLES_H_
#define VALORE_TOOLS_OPENAPI_EXAMPLES_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "tools/openapi/json.h"

namespace valore::openapi {

class ExampleStore {
 public:
  // Reads every *.json of `dir`.
  static absl::StatusOr<ExampleStore> Open(const std::string& dir);

  // The example of `operation_id`'s body, checked against `body`: NOT_FOUND
  // when there is none, INVALID_ARGUMENT when it does not parse into `body`
  // (unknown fields included).
  absl::StatusOr<Json> ForBody(const std::string& operation_id,
                               const google::protobuf::Descriptor& body);

  // FAILED_PRECONDITION naming the files no operation used (a renamed
  // operation leaves its example behind).
  absl::Status CheckAllUsed() const;

 private:
  std::string dir_;
  absl::flat_hash_map<std::string, std::string> texts_;  // by operation id
  absl::flat_hash_set<std::string> used_;
};

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_EXAMPLES_H_
