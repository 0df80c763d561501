#include "tools/openapi/examples.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"

namespace valore::openapi {

absl::StatusOr<ExampleStore> ExampleStore::Open(const std::string& dir) {
  ExampleStore store;
  store.dir_ = dir;
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("examples directory ", dir, ": ", error.message()));
  }
  for (const auto& entry : it) {
    const std::filesystem::path& path = entry.path();
    if (path.extension() != ".json") continue;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
      return absl::DataLossError(absl::StrCat("cannot read ", path.string()));
    store.texts_[path.stem().string()] = text.str();
  }
  return store;
}

absl::StatusOr<Json> ExampleStore::ForBody(
    const std::string& operation_id, const google::protobuf::Descriptor& body) {
  const std::string file = absl::StrCat(dir_, "/", operation_id, ".json");
  auto it = texts_.find(operation_id);
  if (it == texts_.end()) {
    return absl::NotFoundError(absl::StrCat(
        "operation ", operation_id, " has a request body (", body.full_name(),
        ") but no example: write one in ", file));
  }
  used_.insert(operation_id);
  google::protobuf::DynamicMessageFactory factory(body.file()->pool());
  std::unique_ptr<google::protobuf::Message> message(
      factory.GetPrototype(&body)->New());
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (auto parsed = google::protobuf::util::JsonStringToMessage(
          it->second, message.get(), options);
      !parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, " is not a ", body.full_name(), ": ",
                     std::string(parsed.message())));
  }
  absl::StatusOr<Json> json = ParseJson(it->second);
  if (!json.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": ", json.status().message()));
  }
  return json;
}

absl::Status ExampleStore::CheckAllUsed() const {
  std::vector<std::string> unused;
  for (const auto& [operation_id, text] : texts_) {
    if (!used_.contains(operation_id)) {
      unused.push_back(absl::StrCat(dir_, "/", operation_id, ".json"));
    }
  }
  if (unused.empty()) return absl::OkStatus();
  std::sort(unused.begin(), unused.end());
  return absl::FailedPreconditionError(
      absl::StrCat("examples of no operation with a request body: ",
                   absl::StrJoin(unused, ", ")));
}

}  // namespace valore::openapi
