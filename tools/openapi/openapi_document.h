// The OpenAPI 3.0.3 document of the REST edge (GET /openapi.json), built
// from the .proto contracts by protoc-gen-valore-openapi at build time and
// compiled in: the gateway needs no file at run time.
#ifndef VALORE_TOOLS_OPENAPI_OPENAPI_DOCUMENT_H_
#define VALORE_TOOLS_OPENAPI_OPENAPI_DOCUMENT_H_

#include "absl/strings/string_view.h"

namespace valore::gateway {

// The document as JSON text (UTF-8), the same bytes as
// build/openapi/valore-v1.openapi.json.
absl::string_view OpenApiDocument();

}  // namespace valore::gateway

#endif  // VALORE_TOOLS_OPENAPI_OPENAPI_DOCUMENT_H_
