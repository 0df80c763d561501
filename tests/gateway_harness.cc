#include "tests/gateway_harness.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"

namespace valore::testing {

GatewayServer::GatewayServer(GatewaySetup setup) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials(setup.channels);
  EXPECT_TRUE(credentials.ok()) << credentials.status();
  std::map<std::string, std::shared_ptr<gateway::Backend>> backends;
  backends["valore.v1.CatalogService"] = std::make_shared<gateway::Backend>(
      "catalog", MakeChannel(setup.catalog, *credentials));
  backends["valore.v1.CaptureService"] = std::make_shared<gateway::Backend>(
      "capture", MakeChannel(setup.capture, *credentials));
  backends["valore.v1.AggregationService"] = std::make_shared<gateway::Backend>(
      "aggregation", MakeChannel(setup.aggregation, *credentials));
  std::shared_ptr<const gateway::CaptureRouter> captures;
  if (!setup.capture_routes.empty()) {
    captures = gateway::RouteCaptures(
        setup.capture_routes, backends["valore.v1.CaptureService"],
        [&](const std::string& name, const std::string& address) {
          return std::make_shared<gateway::Backend>(
              name, MakeChannel(address, *credentials));
        });
  }
  absl::StatusOr<std::unique_ptr<gateway::Gateway>> created =
      gateway::Gateway::Create(setup.options, std::move(backends),
                               std::move(captures));
  EXPECT_TRUE(created.ok()) << created.status();
  gateway_ = *std::move(created);
  gateway::Gateway* handler = gateway_.get();
  absl::StatusOr<std::unique_ptr<gateway::HttpListener>> listener =
      gateway::HttpListener::Start(setup.listener,
                                   [handler](const httplib::Request& request,
                                             httplib::Response& response) {
                                     handler->Handle(request, response);
                                   });
  EXPECT_TRUE(listener.ok()) << listener.status();
  listener_ = *std::move(listener);
}

GatewayServer::~GatewayServer() {
  if (listener_) listener_->Stop();
}

std::unique_ptr<httplib::Client> GatewayServer::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port());
  client->set_read_timeout(30, 0);
  return client;
}

std::string Rest(const std::string& path) {
  return absl::StrCat("/rest/valore", path);
}

}  // namespace valore::testing
