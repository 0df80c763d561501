// protoc-gen-valore-openapi: see generator.h.
#include "google/protobuf/compiler/plugin.h"
#include "tools/openapi/generator.h"

int main(int argc, char* argv[]) {
  valore::openapi::OpenApiGenerator generator;
  return google::protobuf::compiler::PluginMain(argc, argv, &generator);
}
