// protoc-gen-valore-openapi: the OpenAPI document of the REST edge, from
// the services of the .proto files protoc is given (each RPC with a
// google.api.http rule) and from their comments.
//
// Parameters (--valore-openapi_opt=...):
//   version=N.N.N     info.version: the CMake project's version
//   examples=DIR      the request examples, DIR/<operationId>.json
// Writes valore-v1.openapi.json and openapi_document.cc (embed.h).
#ifndef VALORE_TOOLS_OPENAPI_GENERATOR_H_
#define VALORE_TOOLS_OPENAPI_GENERATOR_H_

#include <string>
#include <vector>

#include "google/protobuf/compiler/code_generator.h"

namespace valore::openapi {

class OpenApiGenerator : public google::protobuf::compiler::CodeGenerator {
 public:
  bool Generate(const google::protobuf::FileDescriptor* file,
                const std::string& parameter,
                google::protobuf::compiler::GeneratorContext* context,
                std::string* error) const override;
  // One document for all the files.
  bool GenerateAll(
      const std::vector<const google::protobuf::FileDescriptor*>& files,
      const std::string& parameter,
      google::protobuf::compiler::GeneratorContext* context,
      std::string* error) const override;
  uint64_t GetSupportedFeatures() const override {
    return FEATURE_PROTO3_OPTIONAL;
  }
};

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_GENERATOR_H_
