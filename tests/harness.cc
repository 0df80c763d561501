#include "tests/harness.h"

#include <filesystem>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/pagination.h"
#include "gtest/gtest.h"
#include "importer/import_plan.h"
#include "services/aggregation/dependency_health.h"
#include "services/common/channels.h"

namespace valore::testing {

TempDir::TempDir() {
  std::random_device random;
  const std::filesystem::path base = ::testing::TempDir();
  for (;;) {
    std::filesystem::path candidate =
        base / absl::StrCat("valore-test-", random(), random());
    if (std::filesystem::create_directories(candidate)) {
      path_ = candidate.string();
      return;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// Serves `service` and the AdminService of `kv` on `listen`, with the
// statuses of `health`, as the service's main does.
void Serve(const std::string& name, const std::string& listen,
           const ServerSecurity& security, grpc::Service* service,
           storage::KvStore* kv, std::unique_ptr<AdminServiceImpl>* admin,
           std::unique_ptr<RunningServer>* server, std::string* address,
           HealthReporter* health, VersionWatchHub* watch = nullptr) {
  *admin = std::make_unique<AdminServiceImpl>(kv, security.tokens.get());
  ServerConfig config;
  config.name = name;
  config.listen = listen;
  config.services = {service, admin->get()};
  if (watch != nullptr) {
    config.services.push_back(watch);
    config.before_drain = [watch] { watch->Close(); };
  }
  config.credentials = security.credentials;
  config.health = health;
  auto running = RunningServer::Start(config);
  ASSERT_TRUE(running.ok()) << running.status();
  *server = *std::move(running);
  *address = (*server)->address();
}

}  // namespace

void CatalogServer::Start(const std::string& listen) {
  auto core = catalog::CatalogCore::Open(data_dir_, storage::KvOptions());
  ASSERT_TRUE(core.ok()) << core.status();
  core_ = *std::move(core);
  auto security = MakeServerSecurity(security_, "catalog");
  ASSERT_TRUE(security.ok()) << security.status();
  tokens_ = security->tokens;
  catalog::CatalogCore* core_now = core_.get();
  watch_ = std::make_unique<VersionWatchHub>(
      [core_now] { return core_now->Version(); }, security->tokens.get());
  service_ = std::make_unique<catalog::CatalogServiceImpl>(
      core_.get(), security->tokens.get(), watch_.get());
  health_ = std::make_unique<HealthReporter>("catalog");
  health_->SetServing(v1::CatalogService::service_full_name(), true);
  Serve("catalog", listen, *security, service_.get(), core_->kv(), &admin_,
        &server_, &address_, health_.get(), watch_.get());
}

void CatalogServer::Stop() {
  if (server_) server_->Shutdown(1);
  server_.reset();
  service_.reset();
  watch_.reset();
  admin_.reset();
  core_.reset();
  tokens_.reset();
  health_.reset();
}

std::unique_ptr<v1::CatalogService::Stub> CatalogServer::Stub() const {
  return v1::CatalogService::NewStub(MakeChannel(address_));
}

void CaptureServer::Start(const std::string& listen) {
  capture::CatalogCache::Options cache_options;
  cache_options.call_timeout = catalog_timeout_;
  cache_options.min_refresh_interval = absl::ZeroDuration();
  cache_options.max_staleness = absl::ZeroDuration();
  auto channel_credentials = MakeChannelCredentials(security_);
  ASSERT_TRUE(channel_credentials.ok()) << channel_credentials.status();
  registry_ = std::make_unique<capture::CatalogCache>(
      MakeChannel(catalog_address_, *channel_credentials), catalog_address_,
      cache_options);
  capture::CaptureOptions options;
  options.entities = entities_;
  health_ = std::make_unique<HealthReporter>("capture");
  options.on_writable_change = [health = health_.get()](
                                   bool writable, const std::string& why) {
    health->SetServing(v1::CaptureService::service_full_name(), writable, why);
  };
  auto core = capture::CaptureCore::Open(data_dir_, options, registry_.get());
  ASSERT_TRUE(core.ok()) << core.status();
  core_ = *std::move(core);
  health_->SetServing(v1::CaptureService::service_full_name(),
                      core_->writable());
  auto security = MakeServerSecurity(security_, "capture");
  ASSERT_TRUE(security.ok()) << security.status();
  tokens_ = security->tokens;
  capture::CaptureCore* core_now = core_.get();
  watch_ = std::make_unique<VersionWatchHub>(
      [core_now] { return core_now->Etag(); }, security->tokens.get());
  service_ = std::make_unique<capture::CaptureServiceImpl>(
      core_.get(), security->tokens.get(), watch_.get());
  Serve("capture", listen, *security, service_.get(), core_->kv(), &admin_,
        &server_, &address_, health_.get(), watch_.get());
}

void CaptureServer::Stop() {
  if (server_) server_->Shutdown(1);
  server_.reset();
  service_.reset();
  watch_.reset();
  admin_.reset();
  core_.reset();
  tokens_.reset();
  registry_.reset();
  health_.reset();  // after core_, whose callback uses it
}

std::unique_ptr<v1::CaptureService::Stub> CaptureServer::Stub() const {
  return v1::CaptureService::NewStub(MakeChannel(address_));
}

void AggregationServer::Start(const std::string& listen) {
  auto channel_credentials = MakeChannelCredentials(security_);
  ASSERT_TRUE(channel_credentials.ok()) << channel_credentials.status();
  sources_ = std::make_unique<aggregation::RemoteSources>(
      catalog_address_, capture_address_, *channel_credentials, routes_);
  auto core = aggregation::AggregationCore::Open(
      data_dir_, storage::KvOptions(), sources_.get());
  ASSERT_TRUE(core.ok()) << core.status();
  core_ = *std::move(core);
  auto security = MakeServerSecurity(security_, "aggregation");
  ASSERT_TRUE(security.ok()) << security.status();
  tokens_ = security->tokens;
  service_ = std::make_unique<aggregation::AggregationServiceImpl>(
      core_.get(), absl::Seconds(5), security->tokens.get());
  health_ = std::make_unique<HealthReporter>("aggregation");
  DependencyProber::Options probe;
  probe.interval = absl::Milliseconds(200);  // tests wait on its verdicts
  prober_ = aggregation::StartDependencyProber(*sources_, health_.get(), probe);
  Serve("aggregation", listen, *security, service_.get(), core_->kv(), &admin_,
        &server_, &address_, health_.get());
}

void AggregationServer::Stop() {
  prober_.reset();  // before health_
  if (server_) server_->Shutdown(1);
  server_.reset();
  service_.reset();
  admin_.reset();
  core_.reset();
  tokens_.reset();
  sources_.reset();
  health_.reset();
}

std::unique_ptr<v1::AggregationService::Stub> AggregationServer::Stub() const {
  return v1::AggregationService::NewStub(MakeChannel(address_));
}

Suite::Suite() {
  catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
  catalog_->Start();
  capture_ =
      std::make_unique<CaptureServer>(dir_.Sub("capture"), catalog_->address());
  capture_->Start();
  aggregation_ = std::make_unique<AggregationServer>(
      dir_.Sub("aggregation"), catalog_->address(), capture_->address());
  aggregation_->Start();
}

void Suite::Restart() {
  const std::string catalog_address = catalog_->address();
  const std::string capture_address = capture_->address();
  const std::string aggregation_address = aggregation_->address();
  aggregation_->Stop();
  capture_->Stop();
  catalog_->Stop();
  catalog_->Start(catalog_address);
  capture_->Start(capture_address);
  aggregation_->Start(aggregation_address);
}

namespace {

import::ImportPlan TestPlan(const import::DataFolder& data){
    import::PlanOptions options;
options.author = "test";
return import::PlanImport(data, options);
}  // namespace

void SendCatalogAndMeasurements(const import::ImportPlan& plan,
                                v1::CatalogService::Stub& catalog,
                                v1::CaptureService::Stub& capture) {
  v1::ImportCatalogResponse imported;
  grpc::Status status =
      catalog.ImportCatalog(Deadline().get(), plan.catalog, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  for (const import::MeasurementBatch& batch : plan.measurements) {
    v1::BatchWriteMeasurementsResponse written;
    status = capture.BatchWriteMeasurements(Deadline().get(), batch.request,
                                            &written);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
}

}  // namespace valore::testing

void ImportAll(const import::DataFolder& data, Suite& suite) {
  const import::ImportPlan plan = TestPlan(data);
  SendCatalogAndMeasurements(plan, *suite.catalog().Stub(),
                             *suite.capture().Stub());
  auto stub = suite.aggregation().Stub();
  if (plan.validated_outcomes.has_value()) {
    v1::BatchSetValidatedOutcomesResponse response;
    grpc::Status status = stub->BatchSetValidatedOutcomes(
        Deadline().get(), *plan.validated_outcomes, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  for (const v1::ImportPublishedFiguresRequest& request : plan.published) {
    v1::ImportPublishedFiguresResponse response;
    grpc::Status status =
        stub->ImportPublishedFigures(Deadline().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
}

std::vector<v1::Measurement> AllRevisions(v1::CaptureService::Stub& capture,
                                          const std::string& entity,
                                          const std::string& item,
                                          const std::string& period) {
  v1::ListMeasurementRevisionsRequest request;
  request.set_name(MeasurementName(entity, item, period));
  v1::ListMeasurementRevisionsResponse all;
  const grpc::Status status = ReadAllPages(
      request,
      [&](const v1::ListMeasurementRevisionsRequest& r,
          v1::ListMeasurementRevisionsResponse* page) {
        return capture.ListMeasurementRevisions(Deadline().get(), r, page);
      },
      &v1::ListMeasurementRevisionsResponse::mutable_revisions, &all);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return {all.revisions().begin(), all.revisions().end()};
}

std::string ShippedDataDir() {
  return std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023";
}

import::DataFolder ReadShippedData(){
    auto data = import::ReadDataFolder(ShippedDataDir());
EXPECT_TRUE(data.ok()) << data.status();
return data.ok() ? *std::move(data) : import::DataFolder();
}

std::unique_ptr<grpc::ClientContext> Deadline(int seconds) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(seconds));
  return context;
}

void ImportThroughServices(const import::DataFolder& data,
                           v1::CatalogService::Stub& catalog,
                           v1::CaptureService::Stub& capture) {
  SendCatalogAndMeasurements(TestPlan(data), catalog, capture);
}

}  // namespace valore::testing
