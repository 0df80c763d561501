#include "services/common/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <malloc.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/common/call_log.h"
#include "services/common/grpc_metrics_interceptor.h"
#include "services/common/http_serving.h"

namespace valore {

absl::StatusOr<std::unique_ptr<RunningServer>> RunningServer::Start(
    const ServerConfig& config) {
  absl::StatusOr<ListenAddress> listen =
      ParseListenAddress(config.listen, "--listen");
  if (!listen.ok()) return listen.status();
  const std::string* host = &listen->host;
  if (!config.metrics_listen.empty() && config.metrics == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(config.name, ": --metrics_listen without metrics"));
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<RunningServer> running(new RunningServer());
  running->name_ = config.name;
  running->before_drain_ = config.before_drain;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen,
                           config.credentials
                               ? config.credentials
                               : grpc::InsecureServerCredentials(),
                           &running->port_);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  for (grpc::Service* service : config.services) {
    builder.RegisterService(service);
  }
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(MakeCallLogInterceptorFactory(config.name));
  if (!config.metrics_listen.empty()) {
    interceptors.push_back(
        MakeGrpcMetricsInterceptorFactory(config.metrics->registry()));
  }
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  running->server_ = builder.BuildAndStart();
  if (running->server_ == nullptr || running->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat(config.name, ": cannot listen on ", config.listen));
  }
  running->address_ = absl::StrCat(*host, ":", running->port_);
  if (config.health != nullptr) {
    grpc::HealthCheckServiceInterface* health =
        running->server_->GetHealthCheckService();
    if (health == nullptr) {
      return absl::InternalError(
          absl::StrCat(config.name, ": no grpc.health.v1 service"));
    }
    config.health->Attach(health);
    running->health_ = config.health;
  }
  if (!config.metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<MetricsServer>> metrics =
        MetricsServer::Start(config.metrics_listen, config.metrics);
    if (!metrics.ok()) return metrics.status();
    running->metrics_ = *std::move(metrics);
    // On stderr: stdout carries only the line scripts read the port from.
    LogLine(config.name,
            absl::StrCat("metrics listening on http://",
                         running->metrics_->address(), "/metrics"));
  }
  return running;
}

const std::string& RunningServer::metrics_address() const {
  static const std::string* const kNone = new std::string();
  return metrics_ != nullptr ? metrics_->address() : *kNone;
}

RunningServer::~RunningServer() { Shutdown(); }

void RunningServer::Shutdown(int drain_seconds) {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  // The reporter may outlive the server and its health service.
  if (health_ != nullptr) health_->Detach();
  if (before_drain_) before_drain_();
  server_->Shutdown(std::chrono::system_clock::now() +
                    std::chrono::seconds(drain_seconds));
  server_->Wait();
  // After the drain, so that a last scrape sees every call counted.
  if (metrics_ != nullptr) metrics_->Stop();
}

namespace {

sigset_t ServerSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void ReturnLargeBlocksWhenFreed() {
  // glibc raises its mmap threshold to the size of each large block freed,
  // after which a request of megabytes (a catalog import) is carved from
  // the heap and its pages stay with the process: every import added its
  // size to the catalog's memory. A fixed threshold maps such blocks
  // separately and gives them back when freed.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

void KeepFreedHeapTopUpTo(int bytes) {
  // With the mmap threshold fixed, glibc's trim threshold stays at its
  // 128 KiB default: each bulk write's freed memory went back to the
  // kernel, and its pages were faulted in again by the next one.
  mallopt(M_TRIM_THRESHOLD, bytes);
}

void SkipMutexDeadlockChecks() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

void BlockShutdownSignals() {
  const sigset_t set = ServerSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForSignal() {
  const sigset_t set = ServerSignals();
  int signal_number = 0;
  while (sigwait(&set, &signal_number) != 0) {
  }
  return signal_number;
}

int ServeUntilSignal(const ServerConfig& config) {
  absl::StatusOr<std::unique_ptr<RunningServer>> server =
      RunningServer::Start(config);
  if (!server.ok()) {
    std::cerr << config.name << ": " << server.status().message() << "\n";
    return 1;
  }
  // Stdout carries only this line, so scripts can read the chosen port.
  std::cout << config.name << " listening on " << (*server)->address()
            << std::endl;
  LogLine(config.name, absl::StrCat("listening on ", (*server)->address()));
  int signal_number = WaitForSignal();
  for (; signal_number == SIGHUP; signal_number = WaitForSignal()) {
    LogLine(config.name, "SIGHUP");
    if (config.on_hangup) config.on_hangup();
  }
  LogLine(config.name, absl::StrCat("signal ", signal_number, ", draining"));
  (*server)->Shutdown();
  LogLine(config.name, "stopped");
  return 0;
}

}  // namespace valore
