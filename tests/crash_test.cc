// Durability under crashes: the capture and catalog servers are killed with
// SIGKILL in the middle of writes, dozens of times, and restarted. Every
// acknowledged write must be there afterwards, readable; an unacknowledged
// batch must be there whole or not at all.
//
// Each kill follows an event, never a guessed time: after the Nth
// acknowledged write of the server's life, or while a write is in flight.
// A timed kill lands before anything is acknowledged when the machine is
// slow (sanitizers, a loaded CI box), and then the test proves nothing.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "gtest/gtest.h"
#include "services/common/channels.h"
#include "tests/harness.h"
#include "tests/process.h"

namespace valore::testing {
namespace {

constexpr int kCrashes = 50;
constexpr int kRecordsPerBatch = 100;
// Bound on every wait for the writer and on each of its calls: far above any
// honest write, even instrumented, yet a hang still ends as a failure.
constexpr int kWaitSeconds = 60;
// Batch k goes to a semester of year kFirstYear + k / 2. The shipped catalog
// has targets only around 2022-2026, and the capture service checks a value
// against its indicator's target for the period's year; with no target there
// these plain numbers fit any indicator. A few hundred batches stay far
// below Period::kMaxYear.
constexpr int kFirstYear = 3000;

// When one server's life ends: after `acks` acknowledged writes, or, with
// `in_flight`, once at least `acks` are acknowledged and another has been
// handed to gRPC and not answered yet.
struct KillPoint {
  int acks = 1;
  bool in_flight = false;
};

// Alternates the two kinds of kill point; 1 to 3 acknowledgements first, so
// that every cycle proves some writes got through.
KillPoint DrawKillPoint(int crash, std::mt19937& random) {
  KillPoint point;
  point.acks = 1 + static_cast<int>(random() % 3);
  point.in_flight = crash % 2 == 1;
  return point;
}

// What the writer thread has done during one server's life, for the main
// thread to wait on.
class Progress {
 public:
  // Right before the blocking call.
  void Sending() {
    absl::MutexLock lock(&mu_);
    ++sending_;
  }
  void Acknowledged() {
    absl::MutexLock lock(&mu_);
    ++acknowledged_;
  }
  // The writer stopped: a refused or failed call (the kill, or a bug).
  void Failed(std::string why) {
    absl::MutexLock lock(&mu_);
    failed_ = true;
    why_ = std::move(why);
  }

  // Waits until `point` is reached. An error if the writer stopped first or
  // nothing happened for kWaitSeconds.
  absl::Status WaitFor(const KillPoint& point) {
    auto reached = [this, point]() {
      mu_.AssertReaderHeld();
      return acknowledged_ >= point.acks &&
             (!point.in_flight || (sending_ > acknowledged_ && !failed_));
    };
    auto done = [this, &reached]() {
      mu_.AssertReaderHeld();
      return reached() || failed_;
    };
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&done), absl::Seconds(kWaitSeconds));
    if (reached()) return absl::OkStatus();
    const std::string seen =
        absl::StrCat(acknowledged_, " acknowledged, ", sending_, " sent; ",
                     "waited for ", point.acks, " acknowledged",
                     point.in_flight ? " and one more in flight" : "");
    if (failed_) {
      return absl::InternalError(absl::StrCat(
          "the writer stopped before the kill point (", seen, "): ", why_));
    }
    return absl::DeadlineExceededError(absl::StrCat(
        "kill point not reached in ", kWaitSeconds, " s (", seen, ")"));
  }

 private:
  absl::Mutex mu_;
  int sending_ = 0;
  int acknowledged_ = 0;
  bool failed_ = false;
  std::string why_;
};

// A few milliseconds more once a write is in flight, so that some kills
// land while the server is already working on it, not only before it read
// the request.
void InFlightDelay(const KillPoint& point, std::mt19937& random) {
  if (point.in_flight) {
    absl::SleepFor(absl::Microseconds(static_cast<int64_t>(random() % 4000)));
  }
}

struct Batch {
  int number = 0;
  std::string period;
  bool acknowledged = false;
};

std::vector<std::string> ItemCodes(const import::DataFolder& data, int n) {
  std::vector<std::string> codes;
  for (const v1::Indicator& i : data.catalog.indicators()) {
    if (static_cast<int>(codes.size()) == n) break;
    codes.push_back(i.code());
  }
  return codes;
}

// Batch k writes the unit-less number k*1000+i to item i of carpi, in a
// semester of its own in a year without targets (kFirstYear).
v1::BatchWriteMeasurementsRequest MakeBatch(
    int k, const std::vector<std::string>& items, std::string* period) {
  *period = Period(kFirstYear + k / 2, k % 2 + 1).ToString();
  v1::BatchWriteMeasurementsRequest request;
  for (size_t i = 0; i < items.size(); ++i) {
    v1::Measurement* m = request.add_measurements();
    m->set_entity("carpi");
    m->set_item(items[i]);
    m->set_period(*period);
    m->mutable_value()->mutable_number()->set_value(k * 1000.0 + i);
  }
  request.set_request_id(absl::StrCat("crash-batch-", k));
  return request;
}

TEST(CrashTest, CaptureKeepsEveryAcknowledgedBatchAndNoPartialOne) {
  TempDir dir;
  CatalogServer catalog(dir.Sub("catalog"));
  catalog.Start();
  const import::DataFolder data = ReadShippedData();
  {
    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = data.catalog;
    v1::ImportCatalogResponse imported;
    ASSERT_TRUE(catalog.Stub()
                    ->ImportCatalog(Deadline().get(), import, &imported)
                    .ok());
  }
  const std::vector<std::string> items = ItemCodes(data, kRecordsPerBatch);
  ASSERT_EQ(static_cast<int>(items.size()), kRecordsPerBatch);
  const std::vector<std::string> argv = {
      VALORE_CAPTURE_BINARY, "--insecure", "--listen=127.0.0.1:0",
      absl::StrCat("--data=", dir.Sub("capture")),
      absl::StrCat("--catalog=", catalog.address())};

  std::mt19937 random(20231231);
  // Written by the writer thread only, read after it is joined.
  std::vector<Batch> batches;
  int next = 0;
  int waited_for = 0;  // acknowledgements the kill points required
  for (int crash = 0; crash < kCrashes; ++crash) {
    absl::StatusOr<ServerProcess> server =
        ServerProcess::Start(argv, absl::Seconds(20));
    ASSERT_TRUE(server.ok()) << server.status();
    auto stub = v1::CaptureService::NewStub(MakeChannel(server->address()));
    const KillPoint point = DrawKillPoint(crash, random);
    Progress progress;
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      while (!stop.load()) {
        Batch b;
        b.number = next++;
        v1::BatchWriteMeasurementsRequest request =
            MakeBatch(b.number, items, &b.period);
        v1::BatchWriteMeasurementsResponse response;
        progress.Sending();
        grpc::Status status = stub->BatchWriteMeasurements(
            Deadline(kWaitSeconds).get(), request, &response);
        b.acknowledged = status.ok();
        batches.push_back(b);
        if (!status.ok()) {
          progress.Failed(
              absl::StrCat("batch ", b.number, ": ", status.error_message()));
          break;
        }
        progress.Acknowledged();
      }
    });
    const absl::Status reached = progress.WaitFor(point);
    if (reached.ok()) InFlightDelay(point, random);
    server->Kill();
    stop = true;
    writer.join();
    ASSERT_TRUE(reached.ok()) << "cycle " << crash << ": " << reached;
    waited_for += point.acks;
  }

  // Restart once more and read everything back.
  absl::StatusOr<ServerProcess> server =
      ServerProcess::Start(argv, absl::Seconds(20));
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::CaptureService::NewStub(MakeChannel(server->address()));
  int acknowledged = 0, partial = 0, landed_unacknowledged = 0;
  for (const Batch& b : batches) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period(b.period);
    request.add_entities("carpi");
    v1::BatchGetMeasurementsResponse response;
    grpc::Status status =
        stub->BatchGetMeasurements(Deadline().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    const int found = response.measurements_size();
    if (b.acknowledged) {
      ++acknowledged;
      ASSERT_EQ(found, kRecordsPerBatch)
          << "acknowledged batch " << b.number << " lost";
      for (const v1::Measurement& m : response.measurements()) {
        const auto it = std::find(items.begin(), items.end(), m.item());
        ASSERT_NE(it, items.end());
        EXPECT_EQ(m.value().number().value(),
                  b.number * 1000.0 + static_cast<double>(it - items.begin()));
      }
    } else if (found != 0) {
      EXPECT_EQ(found, kRecordsPerBatch)
          << "batch " << b.number << " is partial";
      if (found != kRecordsPerBatch) ++partial;
      ++landed_unacknowledged;
    }
  }
  EXPECT_EQ(partial, 0);
  // Every cycle waited for at least one acknowledgement before its kill, so
  // the test really wrote under the kills.
  EXPECT_GE(waited_for, kCrashes);
  EXPECT_GE(acknowledged, waited_for);
  RecordProperty("acknowledged_batches", acknowledged);
  RecordProperty("unacknowledged_but_landed", landed_unacknowledged);
}

TEST(CrashTest, CatalogKeepsEveryAcknowledgedImport) {
  TempDir dir;
  const import::DataFolder data = ReadShippedData();
  const std::vector<std::string> argv = {
      VALORE_CATALOG_BINARY, "--insecure", "--listen=127.0.0.1:0",
      absl::StrCat("--data=", dir.Sub("catalog"))};
  std::mt19937 random(20240101);
  // The policy ratio tells the imports apart: import n sets 0.5 + n / 10000.
  // Written by the importer thread only, read after it is joined.
  std::map<int64_t, double> acknowledged;  // version -> ratio
  std::set<double> sent;
  int n = 0;
  int64_t last_version = 0;
  int waited_for = 0;  // acknowledgements the kill points required
  for (int crash = 0; crash < kCrashes; ++crash) {
    absl::StatusOr<ServerProcess> server =
        ServerProcess::Start(argv, absl::Seconds(20));
    ASSERT_TRUE(server.ok()) << server.status();
    auto stub = v1::CatalogService::NewStub(MakeChannel(server->address()));
    const KillPoint point = DrawKillPoint(crash, random);
    Progress progress;
    std::atomic<bool> stop{false};
    std::thread importer([&] {
      while (!stop.load()) {
        v1::ImportCatalogRequest request;
        *request.mutable_catalog() = data.catalog;
        const double ratio = 0.5 + (n++) / 10000.0;
        request.mutable_catalog()->mutable_policy()->set_partly_achieved_ratio(
            ratio);
        sent.insert(ratio);
        v1::ImportCatalogResponse response;
        progress.Sending();
        grpc::Status status = stub->ImportCatalog(Deadline(kWaitSeconds).get(),
                                                  request, &response);
        if (!status.ok()) {
          progress.Failed(
              absl::StrCat("import ", ratio, ": ", status.error_message()));
          break;
        }
        acknowledged[response.version()] = ratio;
        last_version = response.version();
        progress.Acknowledged();
      }
    });
    const absl::Status reached = progress.WaitFor(point);
    if (reached.ok()) InFlightDelay(point, random);
    server->Kill();
    stop = true;
    importer.join();
    ASSERT_TRUE(reached.ok()) << "cycle " << crash << ": " << reached;
    waited_for += point.acks;
  }
  absl::StatusOr<ServerProcess> server =
      ServerProcess::Start(argv, absl::Seconds(20));
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::CatalogService::NewStub(MakeChannel(server->address()));
  v1::ExportCatalogResponse exported;
  ASSERT_TRUE(stub->ExportCatalog(Deadline().get(), {}, &exported).ok());
  const v1::Catalog& current = exported.catalog();
  EXPECT_GE(current.version(), last_version);
  // Each acknowledged import has a version of its own, and every cycle
  // waited for at least one before its kill.
  EXPECT_GE(waited_for, kCrashes);
  EXPECT_GE(acknowledged.size(), static_cast<size_t>(waited_for));
  const double ratio = current.policy().partly_achieved_ratio();
  if (auto it = acknowledged.find(current.version());
      it != acknowledged.end()) {
    EXPECT_EQ(ratio, it->second);
  } else {
    EXPECT_TRUE(sent.count(ratio)) << "a catalog nobody sent";
  }
  EXPECT_EQ(current.indicators_size(), data.catalog.indicators_size());
  EXPECT_EQ(current.lines_size(), data.catalog.lines_size());
}

}  // namespace
}  // namespace valore::testing
