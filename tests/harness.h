// Real services for tests: each on its own loopback port (port 0), with its
// RocksDB in a temporary folder, reached through real gRPC channels.
// Stopping and starting again on the same folder is a restart.
#ifndef VALORE_TESTS_HARNESS_H_
#define VALORE_TESTS_HARNESS_H_

#include <memory>
#include <string>

#include "importer/data_folder.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/aggregation_service.h"
#include "services/aggregation/sources.h"
#include "services/capture/capture_core.h"
#include "services/capture/capture_service.h"
#include "services/capture/catalog_cache.h"
#include "services/catalog/catalog_core.h"
#include "services/catalog/catalog_service.h"
#include "services/common/admin_service.h"
#include "services/common/dependency_prober.h"
#include "services/common/health_reporter.h"
#include "services/common/security.h"
#include "services/common/server_runner.h"
#include "valore/v1/aggregation.grpc.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::testing {

// A fresh folder under the test temp dir, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline SecurityOptions InsecureOptions() {
  SecurityOptions o;
  o.insecure = true;
  return o;
}

class CatalogServer {
 public:
  explicit CatalogServer(std::string data_dir)
      : data_dir_(std::move(data_dir)) {}
  ~CatalogServer() { Stop(); }
  // TLS and tokens for the next Start (default: insecure).
  void set_security(SecurityOptions security) {
    security_ = std::move(security);
  }
  // Starts on a new free port (or `listen` when given).
  void Start(const std::string& listen = "127.0.0.1:0");
  void Stop();
  const std::string& address() const { return address_; }
  std::unique_ptr<v1::CatalogService::Stub> Stub() const;
  // The tokens it judges calls by; null when insecure.
  const TokenStore* tokens() const { return tokens_.get(); }

 private:
  std::string data_dir_;
  std::string address_;
  SecurityOptions security_ = InsecureOptions();
  std::unique_ptr<catalog::CatalogCore> core_;
  std::unique_ptr<VersionWatchHub> watch_;
  std::unique_ptr<catalog::CatalogServiceImpl> service_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<RunningServer> server_;
  std::shared_ptr<TokenStore> tokens_;
  std::unique_ptr<HealthReporter> health_;
};

class CaptureServer {
 public:
  CaptureServer(std::string data_dir, std::string catalog_address)
      : data_dir_(std::move(data_dir)),
        catalog_address_(std::move(catalog_address)) {}
  ~CaptureServer() { Stop(); }
  // Serve only these entities (default: all).
  void set_entities(std::vector<std::string> entities) {
    entities_ = std::move(entities);
  }
  void set_security(SecurityOptions security) {
    security_ = std::move(security);
  }
  // Capture's own bound on a catalog call (default 2 s).
  void set_catalog_timeout(absl::Duration timeout) {
    catalog_timeout_ = timeout;
  }
  void Start(const std::string& listen = "127.0.0.1:0");
  void Stop();
  const std::string& address() const { return address_; }
  std::unique_ptr<v1::CaptureService::Stub> Stub() const;

 private:
  std::string data_dir_;
  std::string catalog_address_;
  std::string address_;
  SecurityOptions security_ = InsecureOptions();
  std::vector<std::string> entities_;
  absl::Duration catalog_timeout_ = absl::Seconds(2);
  std::unique_ptr<capture::CatalogCache> registry_;
  std::unique_ptr<capture::CaptureCore> core_;
  std::unique_ptr<VersionWatchHub> watch_;
  std::unique_ptr<capture::CaptureServiceImpl> service_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<RunningServer> server_;
  std::shared_ptr<TokenStore> tokens_;
  std::unique_ptr<HealthReporter> health_;
};

class AggregationServer {
 public:
  AggregationServer(std::string data_dir, std::string catalog_address,
                    std::string capture_address)
      : data_dir_(std::move(data_dir)),
        catalog_address_(std::move(catalog_address)),
        capture_address_(std::move(capture_address)) {}
  ~AggregationServer() { Stop(); }
  // Each entity's capture address; entities without one go to the capture
  // address given at construction (if not empty).
  void set_security(SecurityOptions security) {
    security_ = std::move(security);
  }
  void set_routes(std::map<std::string, std::string> routes) {
    routes_ = std::move(routes);
  }
  void Start(const std::string& listen = "127.0.0.1:0");
  void Stop();
  const std::string& address() const { return address_; }
  std::unique_ptr<v1::AggregationService::Stub> Stub() const;

 private:
  std::string data_dir_;
  std::string catalog_address_;
  std::string capture_address_;
  std::string address_;
  std::map<std::string, std::string> routes_;
  SecurityOptions security_ = InsecureOptions();
  std::unique_ptr<aggregation::RemoteSources> sources_;
  std::unique_ptr<aggregation::AggregationCore> core_;
  std::unique_ptr<aggregation::AggregationServiceImpl> service_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<RunningServer> server_;
  std::shared_ptr<TokenStore> tokens_;
  std::unique_ptr<HealthReporter> health_;
  std::unique_ptr<DependencyProber> prober_;  // reports into health_
};

// The three services on loopback, each with its folder under one TempDir.
class Suite {
 public:
  Suite();
  void Restart();
  CatalogServer& catalog() { return *catalog_; }
  CaptureServer& capture() { return *capture_; }
  AggregationServer& aggregation() { return *aggregation_; }

 private:
  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  std::unique_ptr<AggregationServer> aggregation_;
};

// The shipped data folder, read from the source tree.
std::string ShippedDataDir();
import::DataFolder ReadShippedData();

// Every message of a server stream, and its final status.
template <typename Response>
std::vector<Response> ReadStream(grpc::ClientReader<Response>& reader,
                                 grpc::Status* status) {
  std::vector<Response> out;
  Response message;
  while (reader.Read(&message)) out.push_back(std::move(message));
  *status = reader.Finish();
  return out;
}

// A context whose deadline is `seconds` from now.
std::unique_ptr<grpc::ClientContext> Deadline(int seconds = 10);

// Every revision of one cell, read page by page, oldest first.
std::vector<v1::Measurement> AllRevisions(v1::CaptureService::Stub& capture,
                                          const std::string& entity,
                                          const std::string& item,
                                          const std::string& period);

// Imports everything of `data` through the three services, as
// `valore import` does.
void ImportAll(const import::DataFolder& data, Suite& suite);

// Imports the catalog and measurements of `data` through the services.
void ImportThroughServices(const import::DataFolder& data,
                           v1::CatalogService::Stub& catalog,
                           v1::CaptureService::Stub& capture);

}  // namespace valore::testing

#endif  // VALORE_TESTS_HARNESS_H_
