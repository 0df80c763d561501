// The operations of one RPC: one per binding of its google.api.http rule
// (the rule and its additional_bindings), at the URL path_template.h makes
// of the rule's path.
#ifndef VALORE_TOOLS_OPENAPI_OPERATIONS_H_
#define VALORE_TOOLS_OPENAPI_OPERATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/api/http.pb.h"
#include "google/protobuf/descriptor.h"
#include "tools/openapi/examples.h"
#include "tools/openapi/json.h"
#include "tools/openapi/schemas.h"

namespace valore::openapi {

struct HttpBinding {
  std::string verb;       // "get", "post", "put", "patch", "delete"
  std::string rule_path;  // "/v1/{name=entities/*}"
  std::string body;       // "", "*" or a field of the request
};

// The rule first, then its additional_bindings. INVALID_ARGUMENT for a
// custom verb, which the gateway does not serve.
absl::StatusOr<std::vector<HttpBinding>> BindingsOf(
    const google::api::HttpRule& rule);

// One operation of the document.
struct Operation {
  std::string path;  // "/entities/{entity}": the URL without "/v1"
  std::string verb;
  Json object;  // the Operation Object
};

struct OperationInput {
  const google::protobuf::MethodDescriptor* method = nullptr;
  HttpBinding binding;
  std::string operation_id;
  std::string tag;
};

// Builds the operation, adding the schemas it uses to `schemas`; the
// example of its request body comes from `examples`.
absl::StatusOr<Operation> BuildOperation(const OperationInput& input,
                                         SchemaRegistry* schemas,
                                         ExampleStore* examples);

// The operationIds of a method's bindings, camelCase and unique in the
// document: the method's name ("getEntity"), after its service's when
// another documented service has a method of that name
// ("catalogListAuditEvents"); an additional binding adds "For" and the
// first path parameter the rule's own binding does not have
// ("getReportForEntity").
absl::StatusOr<std::vector<std::string>> OperationIdsOf(
    const google::protobuf::MethodDescriptor& method,
    const std::vector<HttpBinding>& bindings, bool qualify_with_service);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_OPERATIONS_H_
