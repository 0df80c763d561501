// Bytes as one HTTP request to the gateway: method, path, query and body on
// the first three lines and the rest. Whatever arrives, routing and building
// the gRPC request never crash, refuse with INVALID_ARGUMENT (a bad body,
// parameter or path) and a problem document that is JSON, and a request
// that builds serializes and parses back to itself. Also the rule-path
// parser on the path as written.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_support.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/gateway/path_template.h"
#include "services/gateway/problem.h"
#include "services/gateway/request_builder.h"
#include "services/gateway/route_table.h"

namespace {

using valore::gateway::QueryParameters;
using valore::gateway::RouteTable;

const RouteTable& Table() {
  static const RouteTable* table = [] {
    auto routes = RouteTable::FromServices({"valore.v1.CatalogService",
                                            "valore.v1.CaptureService",
                                            "valore.v1.AggregationService"});
    VALORE_FUZZ_CHECK(routes.ok(), "the routes of the three services");
    return new RouteTable(*std::move(routes));
  }();
  return *table;
}

void CheckProblem(const absl::Status& status, absl::string_view path) {
  google::protobuf::Struct document;
  VALORE_FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(
                        valore::gateway::ProblemJson(status, path), &document)
                        .ok(),
                    "a problem document is JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<absl::string_view> parts =
      absl::StrSplit(input, absl::MaxSplits('\n', 3));
  parts.resize(4);
  const absl::string_view method = parts[0];
  const absl::string_view path = parts[1];

  (void)valore::gateway::ParsePathTemplate(path);

  std::vector<std::string> segments = absl::StrSplit(path, '/');
  absl::StatusOr<valore::gateway::RouteMatch> match =
      Table().Match(method, segments);
  if (!match.ok()) {
    VALORE_FUZZ_CHECK(absl::IsNotFound(match.status()) ||
                          absl::IsFailedPrecondition(match.status()),
                      "no route is NOT_FOUND or another method's");
    CheckProblem(match.status(), path);
    return 0;
  }
  QueryParameters query;
  for (absl::string_view pair :
       absl::StrSplit(parts[2], '&', absl::SkipEmpty())) {
    std::vector<std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    kv.resize(2);
    query.emplace_back(kv[0], kv[1]);
  }
  auto request = valore::gateway::BuildRequest(*match, query, parts[3]);
  if (!request.ok()) {
    VALORE_FUZZ_CHECK(absl::IsInvalidArgument(request.status()),
                      "a request that does not build is INVALID_ARGUMENT");
    CheckProblem(request.status(), path);
    return 0;
  }
  const std::string bytes = (*request)->SerializeAsString();
  std::unique_ptr<google::protobuf::Message> again((*request)->New());
  VALORE_FUZZ_CHECK(again->ParseFromString(bytes), "a built request parses");
  VALORE_FUZZ_CHECK(again->SerializeAsString() == bytes,
                    "a built request reads back the same");
  return 0;
}
