// The C++ source of valore_openapi_document: the document as raw string
// literals, so the gateway serves it with no file at run time.
#ifndef VALORE_TOOLS_OPENAPI_EMBED_H_
#define VALORE_TOOLS_OPENAPI_EMBED_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore::openapi {

// The .cc defining valore::gateway::OpenApiDocument() (openapi_document.h)
// as `document`. Split at line ends into literals of at most `chunk_bytes`
// (compilers bound one literal's length: MSVC at 16 KiB). INVALID_ARGUMENT
// when the text holds the raw string's closing delimiter.
absl::StatusOr<std::string> EmbedAsCpp(absl::string_view document,
                                       size_t chunk_bytes = 16000);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_EMBED_H_
