// Health tells the truth. Each service name's grpc.health.v1 status is its
// readiness: the aggregation's is NOT_SERVING while a service it reads from
// is down, the capture's once a failed commit makes it refuse writes. The
// whole server's status ("") is liveness and stays SERVING meanwhile.
//
// Real servers on loopback ports, real RocksDB; the failed commit is a real
// one, in a capture child process whose files may no longer grow.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"
#include "services/common/health_client.h"
#include "tests/harness.h"
#include "tests/process.h"

extern char** environ;

namespace valore::testing {
namespace {

const std::string kAggregation = v1::AggregationService::service_full_name();
const std::string kCapture = v1::CaptureService::service_full_name();

// Bound on a wait for a prober's verdict: far above its 200 ms rounds and
// the 1 s reconnect backoff of a channel to a restarted server. The verdict
// is the status seen, never how long it took.
constexpr absl::Duration kVerdictWait = absl::Seconds(30);

// The status of `service` ("" for the whole server) as text: "SERVING",
// "NOT_SERVING", or the error of the call.
std::string StatusOf(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& service) {
  absl::StatusOr<ServingStatus> status =
      QueryHealth(channel, service, absl::Seconds(5));
  if (!status.ok()) return status.status().ToString();
  return ServingStatusName(*status);
}

// Asks until `service` reports `want` or kVerdictWait passes; the last
// status seen.
std::string WaitForStatus(const std::shared_ptr<grpc::Channel>& channel,
                          const std::string& service, const std::string& want) {
  const absl::Time deadline = absl::Now() + kVerdictWait;
  std::string last = StatusOf(channel, service);
  while (last != want && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
    last = StatusOf(channel, service);
  }
  return last;
}

// The exit code of `valore ARGS...`, as a Kubernetes exec probe runs it
// (-1 when it did not run or exit).
int RunCli(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {VALORE_CLI_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProgram(argv);
}

// Catalog, capture and an aggregation reading both, with its channel.
class AggregationHealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.Start();
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               catalog_.address());
    capture_->Start();
    aggregation_ = std::make_unique<AggregationServer>(
        dir_.Sub("aggregation"), catalog_.address(), capture_->address());
    aggregation_->Start();
    channel_ = MakeChannel(aggregation_->address());
  }

  // `valore health aggregation`, the readiness probe of the manifests.
  int Probe(bool overall = false) {
    std::vector<std::string> args = {
        "health", "aggregation",
        absl::StrCat("--aggregation=", aggregation_->address()), "--timeout=5"};
    if (overall) args.push_back("--overall");
    return RunCli(args);
  }

  TempDir dir_;
  CatalogServer catalog_{dir_.Sub("catalog")};
  std::unique_ptr<CaptureServer> capture_;
  std::unique_ptr<AggregationServer> aggregation_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(AggregationHealthTest, NotServingWhileTheCatalogIsDown) {
  ASSERT_EQ(WaitForStatus(channel_, kAggregation, "SERVING"), "SERVING");
  EXPECT_EQ(StatusOf(channel_, ""), "SERVING");
  EXPECT_EQ(Probe(), 0);

  const std::string catalog_address = catalog_.address();
  catalog_.Stop();
  EXPECT_EQ(WaitForStatus(channel_, kAggregation, "NOT_SERVING"),
            "NOT_SERVING");
  // Liveness: the server itself is fine, it waits for its peer.
  EXPECT_EQ(StatusOf(channel_, ""), "SERVING");
  EXPECT_EQ(Probe(), 1);
  EXPECT_EQ(Probe(/*overall=*/true), 0);

  catalog_.Start(catalog_address);
  EXPECT_EQ(WaitForStatus(channel_, kAggregation, "SERVING"), "SERVING");
  EXPECT_EQ(StatusOf(channel_, ""), "SERVING");
  EXPECT_EQ(Probe(), 0);
}

TEST_F(AggregationHealthTest, NotServingWhileItsCaptureIsDown) {
  ASSERT_EQ(WaitForStatus(channel_, kAggregation, "SERVING"), "SERVING");

  const std::string capture_address = capture_->address();
  capture_->Stop();
  EXPECT_EQ(WaitForStatus(channel_, kAggregation, "NOT_SERVING"),
            "NOT_SERVING");
  EXPECT_EQ(StatusOf(channel_, ""), "SERVING");

  capture_->Start(capture_address);
  EXPECT_EQ(WaitForStatus(channel_, kAggregation, "SERVING"), "SERVING");
  EXPECT_EQ(StatusOf(channel_, ""), "SERVING");
}

// With routes, the default capture address is only the fallback of an
// entity without one; a federated deployment runs nothing there, and that
// must not keep the aggregation unready.
TEST_F(AggregationHealthTest, RoutedAggregationDoesNotWaitForTheDefault) {
  // Port 1 on loopback: nothing listens there.
  AggregationServer routed(dir_.Sub("routed"), catalog_.address(),
                           "127.0.0.1:1");
  routed.set_routes({{"carpi", capture_->address()}});
  routed.Start();
  const std::shared_ptr<grpc::Channel> channel = MakeChannel(routed.address());
  EXPECT_EQ(WaitForStatus(channel, kAggregation, "SERVING"), "SERVING");

  const std::string capture_address = capture_->address();
  capture_->Stop();
  EXPECT_EQ(WaitForStatus(channel, kAggregation, "NOT_SERVING"), "NOT_SERVING");
  capture_->Start(capture_address);
  EXPECT_EQ(WaitForStatus(channel, kAggregation, "SERVING"), "SERVING");
}

grpc::Status WriteNumber(v1::CaptureService::Stub& stub,
                         const std::string& item, const std::string& period,
                         double value) {
  v1::WriteMeasurementRequest request;
  v1::Measurement* m = request.mutable_measurement();
  m->set_entity("carpi");
  m->set_item(item);
  m->set_period(period);
  m->mutable_value()->mutable_number()->set_value(value);
  request.set_author("health-test");
  v1::Measurement written;
  return stub.WriteMeasurement(Deadline().get(), request, &written);
}

TEST(CaptureHealthTest, NotServingAfterAFailedCommitUntilRestarted) {
  TempDir dir;
  CatalogServer catalog(dir.Sub("catalog"));
  catalog.Start();
  const import::DataFolder data = ReadShippedData();
  ASSERT_GT(data.catalog.indicators_size(), 0);
  {
    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = data.catalog;
    v1::ImportCatalogResponse imported;
    ASSERT_TRUE(catalog.Stub()
                    ->ImportCatalog(Deadline().get(), import, &imported)
                    .ok());
  }
  // Years without targets in the shipped catalog: a plain number fits.
  const std::string item = data.catalog.indicators(0).code();
  const std::vector<std::string> argv = {
      VALORE_CAPTURE_BINARY, "--insecure", "--listen=127.0.0.1:0",
      absl::StrCat("--data=", dir.Sub("capture")),
      absl::StrCat("--catalog=", catalog.address())};

  // The child keeps an ignored SIGXFSZ (posix_spawn resets only caught
  // signals): past its file size limit a write then fails with EFBIG
  // instead of killing the process.
  struct sigaction ignore = {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  struct sigaction previous = {};
  ASSERT_EQ(sigaction(SIGXFSZ, &ignore, &previous), 0);
  absl::StatusOr<ServerProcess> server =
      ServerProcess::Start(argv, absl::Seconds(20));
  sigaction(SIGXFSZ, &previous, nullptr);
  ASSERT_TRUE(server.ok()) << server.status();
  std::shared_ptr<grpc::Channel> channel = MakeChannel(server->address());
  std::unique_ptr<v1::CaptureService::Stub> stub =
      v1::CaptureService::NewStub(channel);
  const std::vector<std::string> probe = {
      "health", "capture", absl::StrCat("--capture=", server->address()),
      "--timeout=5"};

  EXPECT_EQ(StatusOf(channel, kCapture), "SERVING");
  EXPECT_EQ(RunCli(probe), 0);
  grpc::Status status = WriteNumber(*stub, item, "3100S1", 1);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // No file of the capture may grow any more (as on a full disk): the next
  // commit fails in RocksDB, on the write-ahead log. Root is no exception.
  struct rlimit room = {};
  ASSERT_EQ(prlimit(server->pid(), RLIMIT_FSIZE, nullptr, &room), 0)
      << std::strerror(errno);
  struct rlimit full = room;
  full.rlim_cur = 0;
  ASSERT_EQ(prlimit(server->pid(), RLIMIT_FSIZE, &full, nullptr), 0)
      << std::strerror(errno);
  status = WriteNumber(*stub, item, "3100S2", 2);
  EXPECT_FALSE(status.ok());
  // The status changed before the write's answer left the server: no wait.
  EXPECT_EQ(StatusOf(channel, kCapture), "NOT_SERVING");
  EXPECT_EQ(StatusOf(channel, ""), "SERVING");
  EXPECT_EQ(RunCli(probe), 1);

  // Room again, yet writes stay refused and the service unready: the failed
  // batch may still be applied when the database is reopened.
  ASSERT_EQ(prlimit(server->pid(), RLIMIT_FSIZE, &room, nullptr), 0)
      << std::strerror(errno);
  status = WriteNumber(*stub, item, "3101S1", 3);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();
  EXPECT_EQ(StatusOf(channel, kCapture), "NOT_SERVING");
  EXPECT_EQ(StatusOf(channel, ""), "SERVING");

  // A restart reopens the database: ready again, writes taken.
  server->Kill();
  absl::StatusOr<ServerProcess> restarted =
      ServerProcess::Start(argv, absl::Seconds(20));
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  channel = MakeChannel(restarted->address());
  stub = v1::CaptureService::NewStub(channel);
  EXPECT_EQ(StatusOf(channel, kCapture), "SERVING");
  status = WriteNumber(*stub, item, "3101S2", 4);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace valore::testing
