// Routes from entities to the capture services that hold their values: the
// RoutingConfig text file used by the aggregation service and by
// `valore import --routing`.
#ifndef VALORE_SERVICES_COMMON_ROUTING_H_
#define VALORE_SERVICES_COMMON_ROUTING_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace valore {

// entity -> capture address, from a RoutingConfig in protobuf text format
// (`route { entity: "carpi" capture: "10.0.0.12:7002" }`, '#' comments).
absl::StatusOr<std::map<std::string, std::string>> ReadRoutes(
    const std::string& path);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_ROUTING_H_
