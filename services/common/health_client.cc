#include "services/common/health_client.h"

#include <grpcpp/generic/generic_stub.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "services/common/grpc_status.h"

namespace valore {
namespace {

constexpr char kCheckMethod[] = "/grpc.health.v1.Health/Check";
constexpr int kServing = 1;

// Reads HealthCheckResponse.status (field 1, varint) from the wire bytes.
int ServingStatusOf(const std::string& bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char tag = static_cast<unsigned char>(bytes[i++]);
    if (tag != 0x08) return -1;
    int value = 0;
    int shift = 0;
    while (i < bytes.size() && shift < 28) {
      const unsigned char b = static_cast<unsigned char>(bytes[i++]);
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return value;
      shift += 7;
    }
    return -1;
  }
  return 0;  // absent field: UNKNOWN
}

}  // namespace

absl::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         absl::Duration timeout) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::ByteBuffer request;  // empty HealthCheckRequest: the whole server
  grpc::ByteBuffer response;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(&context, kCheckMethod, grpc::StubOptions(), &request,
                 &response, [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return FromDependency(status, "health check");
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) {
    return absl::InternalError("health check: unreadable reply");
  }
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  const int serving = ServingStatusOf(bytes);
  if (serving != kServing) {
    return absl::UnavailableError(absl::StrCat(
        "health check: server is not serving (status ", serving, ")"));
  }
  return absl::OkStatus();
}

absl::Status WaitUntilServing(const std::shared_ptr<grpc::Channel>& channel,
                              absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Status last = absl::DeadlineExceededError("health check: no attempt");
  while (absl::Now() < deadline) {
    last = CheckHealth(channel, absl::Milliseconds(500));
    if (last.ok()) return last;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return last;
}

}  // namespace valore
