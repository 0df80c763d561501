#include "services/gateway/capture_router.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/resource_names.h"
#include "valore/v1/audit.pb.h"
#include "valore/v1/capture.pb.h"

namespace valore::gateway {
namespace {

template <typename T>
const T* As(const google::protobuf::Message& message) {
  return message.GetDescriptor() == T::descriptor()
             ? static_cast<const T*>(&message)
             : nullptr;
}

std::vector<std::string> EntityOfCell(const std::string& name, bool series) {
  absl::StatusOr<CellRef> cell = series ? ParseSeriesName(name, "parent")
                                        : ParseMeasurementName(name, "name");
  if (!cell.ok()) return {};
  return {cell->entity};
}

}  // namespace

std::vector<std::string> EntitiesNamedBy(
    const google::protobuf::Message& request) {
  if (auto* r = As<v1::WriteMeasurementRequest>(request)) {
    return {r->measurement().entity()};
  }
  if (auto* r = As<v1::BatchWriteMeasurementsRequest>(request)) {
    std::vector<std::string> entities;
    for (const v1::Measurement& m : r->measurements()) {
      entities.push_back(m.entity());
    }
    return entities;
  }
  if (auto* r = As<v1::GetMeasurementRequest>(request)) {
    return EntityOfCell(r->name(), false);
  }
  if (auto* r = As<v1::ListMeasurementRevisionsRequest>(request)) {
    return EntityOfCell(r->name(), false);
  }
  if (auto* r = As<v1::ReadSeriesRequest>(request)) {
    return EntityOfCell(r->parent(), true);
  }
  if (auto* r = As<v1::BatchGetMeasurementsRequest>(request)) {
    return {r->entities().begin(), r->entities().end()};
  }
  if (auto* r = As<v1::StreamPeriodValuesRequest>(request)) {
    return {r->entities().begin(), r->entities().end()};
  }
  if (auto* r = As<v1::ListAuditEventsRequest>(request)) {
    if (!r->entity().empty()) return {r->entity()};
  }
  return {};
}

CaptureRouter::CaptureRouter(
    std::shared_ptr<Backend> fallback,
    std::map<std::string, std::shared_ptr<Backend>> routes)
    : fallback_(std::move(fallback)), routes_(std::move(routes)) {}

std::vector<std::shared_ptr<Backend>> CaptureRouter::All() const {
  std::vector<std::shared_ptr<Backend>> all;
  std::set<const Backend*> seen;
  if (fallback_ != nullptr) {
    all.push_back(fallback_);
    seen.insert(fallback_.get());
  }
  for (const auto& [entity, backend] : routes_) {
    if (seen.insert(backend.get()).second) all.push_back(backend);
  }
  return all;
}

absl::StatusOr<std::shared_ptr<Backend>> CaptureRouter::For(
    const google::protobuf::Message& request) const {
  const std::vector<std::string> entities = EntitiesNamedBy(request);
  std::vector<std::shared_ptr<Backend>> chosen;
  if (entities.empty()) {
    chosen = All();
  } else {
    std::set<const Backend*> seen;
    for (const std::string& entity : entities) {
      auto route = routes_.find(entity);
      const std::shared_ptr<Backend>& backend =
          route != routes_.end() ? route->second : fallback_;
      if (backend == nullptr) {
        return WithReason(
            absl::FailedPreconditionError(absl::StrCat(
                "no capture service holds entity \"", entity, "\"")),
            v1::PRECONDITION_NOT_MET, {{"entity", entity}});
      }
      if (seen.insert(backend.get()).second) chosen.push_back(backend);
    }
  }
  if (chosen.size() == 1) return chosen.front();
  std::vector<std::string> names;
  for (const auto& backend : chosen) names.push_back(backend->name());
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          entities.empty() ? "this request names no entity and "
                           : "the entities of this request are held by ",
          chosen.size(), " capture services (", absl::StrJoin(names, "; "),
          "): ",
          entities.empty() ? "name the entities of one"
                           : "send one request per capture service")),
      v1::PRECONDITION_NOT_MET);
}

std::shared_ptr<const CaptureRouter> RouteCaptures(
    const std::map<std::string, std::string>& routes,
    std::shared_ptr<Backend> fallback, const BackendMaker& make) {
  std::map<std::string, std::vector<std::string>> entities_at;
  for (const auto& [entity, address] : routes) {
    entities_at[address].push_back(entity);
  }
  std::map<std::string, std::shared_ptr<Backend>> at_address;
  for (const auto& [address, entities] : entities_at) {
    at_address[address] = make(
        absl::StrCat("capture (", absl::StrJoin(entities, ", "), ")"), address);
  }
  std::map<std::string, std::shared_ptr<Backend>> by_entity;
  for (const auto& [entity, address] : routes) {
    by_entity[entity] = at_address[address];
  }
  return std::make_shared<CaptureRouter>(std::move(fallback),
                                         std::move(by_entity));
}

}  // namespace valore::gateway
