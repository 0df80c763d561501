#include "tools/openapi/generator.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream.h"
#include "tools/openapi/comments.h"
#include "tools/openapi/document_frame.h"
#include "tools/openapi/embed.h"
#include "tools/openapi/examples.h"
#include "tools/openapi/operations.h"
#include "tools/openapi/schemas.h"

namespace valore::openapi {
namespace {

using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using google::protobuf::compiler::GeneratorContext;

constexpr char kDocumentFile[] = "valore-v1.openapi.json";
constexpr char kSourceFile[] = "openapi_document.cc";

void Write(GeneratorContext* context, const std::string& name,
           absl::string_view text) {
  std::unique_ptr<google::protobuf::io::ZeroCopyOutputStream> stream(
      context->Open(name));
  google::protobuf::io::CodedOutputStream out(stream.get());
  out.WriteRaw(text.data(), static_cast<int>(text.size()));
}

absl::StatusOr<Json> BuildDocument(
    const std::vector<const FileDescriptor*>& files, const std::string& version,
    ExampleStore* examples) {
  std::vector<const ServiceDescriptor*> services;
  absl::flat_hash_map<std::string, int> method_names;
  for (const FileDescriptor* file : files) {
    for (int s = 0; s < file->service_count(); ++s) {
      const ServiceDescriptor* service = file->service(s);
      services.push_back(service);
      for (int m = 0; m < service->method_count(); ++m) {
        ++method_names[service->method(m)->name()];
      }
    }
  }
  if (services.empty()) {
    return absl::FailedPreconditionError("no service to describe");
  }

  DocumentParts parts;
  parts.version = version;
  parts.error_reasons =
      files[0]->pool()->FindEnumTypeByName("valore.v1.ErrorReason");
  SchemaRegistry schemas(&parts.schemas);
  absl::flat_hash_set<std::string> operation_ids = {"getStatus",
                                                    "getOpenApiDocument"};
  absl::flat_hash_set<std::string> routes;
  for (const ServiceDescriptor* service : services) {
    const std::string tag(absl::StripSuffix(service->name(), "Service"));
    parts.tags.Append(Json::Object()
                          .Set("name", tag)
                          .Set("description", CommentOf(*service)));
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor& method = *service->method(m);
      // Every RPC of a file given to the plugin is on the REST edge: a
      // gRPC-only service (AdminService) stays out of the protoc call.
      if (!method.options().HasExtension(google::api::http)) {
        return absl::FailedPreconditionError(absl::StrCat(
            method.full_name(), " has no google.api.http rule: every RPC of ",
            method.file()->name(), " is on the REST edge"));
      }
      absl::StatusOr<std::vector<HttpBinding>> bindings =
          BindingsOf(method.options().GetExtension(google::api::http));
      if (!bindings.ok()) {
        return absl::FailedPreconditionError(absl::StrCat(
            method.full_name(), ": ", bindings.status().message()));
      }
      absl::StatusOr<std::vector<std::string>> ids =
          OperationIdsOf(method, *bindings, method_names[method.name()] > 1);
      if (!ids.ok()) return ids.status();
      for (size_t b = 0; b < bindings->size(); ++b) {
        if (!operation_ids.insert((*ids)[b]).second) {
          return absl::FailedPreconditionError(
              absl::StrCat("operationId ", (*ids)[b], " is used twice"));
        }
        absl::StatusOr<Operation> operation = BuildOperation(
            OperationInput{&method, (*bindings)[b], (*ids)[b], tag}, &schemas,
            examples);
        if (!operation.ok()) return operation.status();
        if (!routes.insert(absl::StrCat(operation->verb, " ", operation->path))
                 .second) {
          return absl::FailedPreconditionError(
              absl::StrCat(method.full_name(), ": ", operation->verb, " ",
                           operation->path, " is another operation's"));
        }
        parts.paths[operation->path].Set(operation->verb,
                                         std::move(operation->object));
      }
    }
  }
  if (absl::Status used = examples->CheckAllUsed(); !used.ok()) return used;
  return AssembleDocument(std::move(parts));
}

}  // namespace

bool OpenApiGenerator::Generate(const FileDescriptor*, const std::string&,
                                GeneratorContext*, std::string* error) const {
  *error = "protoc-gen-valore-openapi describes all files at once";
  return false;
}

bool OpenApiGenerator::GenerateAll(
    const std::vector<const FileDescriptor*>& files,
    const std::string& parameter, GeneratorContext* context,
    std::string* error) const {
  std::vector<std::pair<std::string, std::string>> options;
  google::protobuf::compiler::ParseGeneratorParameter(parameter, &options);
  std::string version;
  std::string examples_dir;
  for (const auto& [key, value] : options) {
    if (key == "version") {
      version = value;
    } else if (key == "examples") {
      examples_dir = value;
    } else {
      *error = absl::StrCat("unknown parameter ", key);
      return false;
    }
  }
  if (examples_dir.empty()) {
    *error = "examples=DIR is required";
    return false;
  }
  absl::StatusOr<ExampleStore> examples = ExampleStore::Open(examples_dir);
  if (!examples.ok()) {
    *error = std::string(examples.status().message());
    return false;
  }
  absl::StatusOr<Json> document = BuildDocument(files, version, &*examples);
  if (!document.ok()) {
    *error = std::string(document.status().message());
    return false;
  }
  const std::string text = document->Serialize();
  absl::StatusOr<std::string> source = EmbedAsCpp(text);
  if (!source.ok()) {
    *error = std::string(source.status().message());
    return false;
  }
  Write(context, kDocumentFile, text);
  Write(context, kSourceFile, *source);
  return true;
}

}  // namespace valore::openapi
