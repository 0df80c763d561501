// The document against the contracts: every public RPC is in it, at the URL
// its rule makes, and every request example is a message the gateway can
// read.
#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/gateway/path_template.h"
#include "tools/openapi/json.h"
#include "tools/openapi/openapi_document.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::MethodDescriptor;

// Services that stay gRPC-only, on purpose.
constexpr absl::string_view kGrpcOnly[] = {"valore.v1.AdminService",
                                           "valore.v1.VersionWatchService"};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Binding {
  const MethodDescriptor* method;
  std::string verb;
  std::string rule_path;
  std::string body;
};

class OpenApiContractTest : public testing::Test {
 protected:
  void SetUp() override {
    // The generated extension must be linked for the options to parse.
    ASSERT_NE(google::api::http.number(), 0);
    google::protobuf::FileDescriptorSet set;
    ASSERT_TRUE(set.ParseFromString(ReadFile(VALORE_V1_DESCRIPTOR_SET)))
        << VALORE_V1_DESCRIPTOR_SET;
    for (const auto& file : set.file()) {
      ASSERT_NE(pool_.BuildFile(file), nullptr) << file.name();
    }
    absl::StatusOr<Json> document = ParseJson(gateway::OpenApiDocument());
    ASSERT_TRUE(document.ok()) << document.status();
    document_ = *std::move(document);
  }

  // Every binding of every RPC of valore.v1 that is not gRPC-only; fails
  // the test for an RPC without a rule.
  std::vector<Binding> PublicBindings() {
    std::vector<Binding> bindings;
    google::protobuf::FileDescriptorSet set;
    set.ParseFromString(ReadFile(VALORE_V1_DESCRIPTOR_SET));
    for (const auto& proto : set.file()) {
      const auto* file = pool_.FindFileByName(proto.name());
      if (file->package() != "valore.v1") continue;
      for (int s = 0; s < file->service_count(); ++s) {
        const auto* service = file->service(s);
        if (std::find(std::begin(kGrpcOnly), std::end(kGrpcOnly),
                      service->full_name()) != std::end(kGrpcOnly)) {
          continue;
        }
        for (int m = 0; m < service->method_count(); ++m) {
          const MethodDescriptor* method = service->method(m);
          if (!method->options().HasExtension(google::api::http)) {
            ADD_FAILURE() << method->full_name()
                          << " has no google.api.http rule";
            continue;
          }
          const google::api::HttpRule& rule =
              method->options().GetExtension(google::api::http);
          std::vector<const google::api::HttpRule*> rules = {&rule};
          for (const auto& extra : rule.additional_bindings()) {
            rules.push_back(&extra);
          }
          for (const auto* r : rules) {
            Binding b{method, "", "", r->body()};
            if (r->has_get()) b = {method, "get", r->get(), r->body()};
            if (r->has_post()) b = {method, "post", r->post(), r->body()};
            if (r->has_put()) b = {method, "put", r->put(), r->body()};
            if (r->has_patch()) b = {method, "patch", r->patch(), r->body()};
            if (r->has_delete_()) {
              b = {method, "delete", r->delete_(), r->body()};
            }
            bindings.push_back(std::move(b));
          }
        }
      }
    }
    return bindings;
  }

  // The document's operation for a binding, or nullptr.
  const Json* OperationOf(const Binding& b) {
    absl::StatusOr<gateway::PathTemplate> parsed =
        gateway::ParsePathTemplate(b.rule_path);
    if (!parsed.ok()) return nullptr;
    const std::string url = gateway::UrlTemplateOf(*parsed).path;
    absl::string_view path = url;
    if (!absl::ConsumePrefix(&path, "/v1")) return nullptr;
    const Json* item = document_.Find("paths")->Find(path);
    return item == nullptr ? nullptr : item->Find(b.verb);
  }

  DescriptorPool pool_;
  Json document_;
};

TEST_F(OpenApiContractTest, EveryPublicRpcIsAnOperation) {
  std::vector<Binding> bindings = PublicBindings();
  ASSERT_FALSE(bindings.empty());
  size_t operations = 0;
  for (const auto& [path, item] : document_.Find("paths")->members()) {
    for (const auto& [verb, operation] : item.members()) {
      const Json* tags = operation.Find("tags");
      if (tags != nullptr && tags->items()[0].text() != "Status") ++operations;
    }
  }
  for (const Binding& b : bindings) {
    EXPECT_NE(OperationOf(b), nullptr)
        << b.method->full_name() << ": " << b.verb << " " << b.rule_path
        << " is not in the document";
  }
  // And nothing else: no operation of an RPC that is gone.
  EXPECT_EQ(operations, bindings.size());
}

// A body example as the gateway reads it: into the generated message, with
// unknown fields refused.
TEST_F(OpenApiContractTest, EveryRequestExampleParsesIntoItsMessage) {
  // Linked, so that the generated pool has the three contracts.
  ASSERT_NE(v1::ImportCatalogRequest::descriptor(), nullptr);
  ASSERT_NE(v1::WriteMeasurementRequest::descriptor(), nullptr);
  ASSERT_NE(v1::TakeSnapshotRequest::descriptor(), nullptr);
  int checked = 0;
  for (const Binding& b : PublicBindings()) {
    if (b.body.empty()) continue;
    const Json* operation = OperationOf(b);
    ASSERT_NE(operation, nullptr) << b.method->full_name();
    const Json* content = operation->Find("requestBody") == nullptr
                              ? nullptr
                              : operation->Find("requestBody")->Find("content");
    ASSERT_NE(content, nullptr) << b.method->full_name() << " has no body";
    const Json* example =
        content->Find("application/json") == nullptr
            ? nullptr
            : content->Find("application/json")->Find("example");
    ASSERT_NE(example, nullptr) << b.method->full_name() << " has no example";

    std::string type = b.method->input_type()->full_name();
    if (b.body != "*") {
      type = b.method->input_type()
                 ->FindFieldByName(b.body)
                 ->message_type()
                 ->full_name();
    }
    const Descriptor* descriptor =
        DescriptorPool::generated_pool()->FindMessageTypeByName(type);
    ASSERT_NE(descriptor, nullptr) << type << " is not linked in";
    std::unique_ptr<google::protobuf::Message> message(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(descriptor)
            ->New());
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto parsed = google::protobuf::util::JsonStringToMessage(
        example->Serialize(), message.get(), options);
    EXPECT_TRUE(parsed.ok())
        << b.method->full_name() << ": " << parsed.ToString();
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST_F(OpenApiContractTest, TheEmbeddedDocumentIsTheBuiltFile) {
  EXPECT_EQ(gateway::OpenApiDocument(), ReadFile(VALORE_OPENAPI_JSON));
}

}  // namespace
}  // namespace valore::openapi
