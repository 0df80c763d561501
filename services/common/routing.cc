#include "services/common/routing.h"

#include <google/protobuf/text_format.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/security.h"
#include "valore/config/v1/routing.pb.h"

namespace valore {

absl::StatusOr<std::map<std::string, std::string>> ReadRoutes(
    const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path, "--routing");
  if (!text.ok()) return text.status();
  config::v1::RoutingConfig config;
  if (!google::protobuf::TextFormat::ParseFromString(*text, &config)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--routing: \"", path,
        "\" is not a RoutingConfig in text format (route { entity: \"carpi\" "
        "capture: \"host:7002\" })"));
  }
  std::map<std::string, std::string> routes;
  for (const auto& r : config.route()) {
    if (r.entity().empty() || r.capture().empty()) {
      return absl::InvalidArgumentError(
          "--routing: every route needs an entity and a capture");
    }
    if (!routes.emplace(r.entity(), r.capture()).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--routing: entity \"", r.entity(), "\" has two routes"));
    }
  }
  return routes;
}

}  // namespace valore
