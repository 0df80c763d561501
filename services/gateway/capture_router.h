// Which capture service a capture call goes to, where each entity may have
// its own (one per comune; the routing file the aggregation service and
// `valore import` read). A call that names entities goes to the capture
// service that holds them; one that names none goes to the only capture
// service there is. A call that would need several is refused, naming
// them: the gateway neither splits a batch (it is atomic on one service)
// nor merges pages of several services.
#ifndef VALORE_SERVICES_GATEWAY_CAPTURE_ROUTER_H_
#define VALORE_SERVICES_GATEWAY_CAPTURE_ROUTER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "services/gateway/backend.h"

namespace valore::gateway {

// The entities a capture request names ("carpi"); empty when it names
// none (every entity: locks, a stream of all entities). A name that does
// not parse names nothing here: the service it reaches refuses it.
std::vector<std::string> EntitiesNamedBy(
    const google::protobuf::Message& request);

class CaptureRouter {
 public:
  // `routes`: entity -> its capture service; `fallback` serves every other
  // entity (may be null when every entity has a route).
  CaptureRouter(std::shared_ptr<Backend> fallback,
                std::map<std::string, std::shared_ptr<Backend>> routes);

  // The capture service for `request`. FAILED_PRECONDITION, naming the
  // services and their entities, when it needs several or none.
  absl::StatusOr<std::shared_ptr<Backend>> For(
      const google::protobuf::Message& request) const;

  // Every capture service, once each (the status endpoint asks them all).
  std::vector<std::shared_ptr<Backend>> All() const;

 private:
  std::shared_ptr<Backend> fallback_;
  std::map<std::string, std::shared_ptr<Backend>> routes_;
};

// The router of a routing file's `routes` (entity -> capture address):
// one backend per address, named by its entities ("capture (carpi,
// soliera)"), made by `make`; `fallback` serves the other entities.
using BackendMaker = std::function<std::shared_ptr<Backend>(
    const std::string& name, const std::string& address)>;
std::shared_ptr<const CaptureRouter> RouteCaptures(
    const std::map<std::string, std::string>& routes,
    std::shared_ptr<Backend> fallback, const BackendMaker& make);

}  // namespace valore::gateway

#endif  // VALORE_SERVICES_GATEWAY_CAPTURE_ROUTER_H_
