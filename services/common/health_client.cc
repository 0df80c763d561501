#include "services/common/health_client.h"

#include <grpcpp/generic/generic_stub.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/time/clock.h"
#include "services/common/grpc_status.h"

namespace valore {
namespace {

constexpr char kCheckMethod[] = "/grpc.health.v1.Health/Check";

// HealthCheckRequest{service}. Always one slice, even an empty one: a
// ByteBuffer with no slice at all sends no message, and the server then
// fails the call.
grpc::ByteBuffer EncodeRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes.push_back('\x0a');  // field 1, length-delimited
    size_t n = service.size();
    while (n >= 0x80) {
      bytes.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    bytes.push_back(static_cast<char>(n));
    bytes.append(service);
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// Reads HealthCheckResponse.status (field 1, varint) from the wire bytes;
// -1 when they are not that message.
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

struct HealthCall {
  explicit HealthCall(std::shared_ptr<grpc::Channel> channel)
      : stub(std::move(channel)) {}
  grpc::GenericStub stub;
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  grpc::Status status;
};

absl::StatusOr<ServingStatus> AnswerOf(const HealthCall& call) {
  if (!call.status.ok()) return FromDependency(call.status, "health check");
  std::vector<grpc::Slice> slices;
  if (!call.response.Dump(&slices).ok()) {
    return absl::InternalError("health check: unreadable reply");
  }
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  const int status = ServingStatusOf(bytes);
  if (status < 0) return absl::InternalError("health check: unreadable reply");
  // A status this client does not know is no more than UNKNOWN.
  if (status > static_cast<int>(ServingStatus::kServiceUnknown)) {
    return ServingStatus::kUnknown;
  }
  return static_cast<ServingStatus>(status);
}

}  // namespace

const char* ServingStatusName(ServingStatus status) {
  switch (status) {
    case ServingStatus::kServing:
      return "SERVING";
    case ServingStatus::kNotServing:
      return "NOT_SERVING";
    case ServingStatus::kServiceUnknown:
      return "SERVICE_UNKNOWN";
    case ServingStatus::kUnknown:
      break;
  }
  return "UNKNOWN";
}

std::vector<absl::StatusOr<ServingStatus>> QueryHealthAll(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& service, absl::Duration timeout) {
  std::vector<absl::StatusOr<ServingStatus>> answers;
  if (channels.empty()) return answers;
  const auto deadline = absl::ToChronoTime(absl::Now() + timeout);
  std::vector<std::unique_ptr<HealthCall>> calls;
  calls.reserve(channels.size());
  absl::BlockingCounter pending(static_cast<int>(channels.size()));
  for (const std::shared_ptr<grpc::Channel>& channel : channels) {
    calls.push_back(std::make_unique<HealthCall>(channel));
    HealthCall* call = calls.back().get();
    call->context.set_deadline(deadline);
    call->request = EncodeRequest(service);
    call->stub.UnaryCall(&call->context, kCheckMethod, grpc::StubOptions(),
                         &call->request, &call->response,
                         [call, &pending](grpc::Status s) {
                           call->status = std::move(s);
                           pending.DecrementCount();
                         });
  }
  pending.Wait();
  answers.reserve(calls.size());
  for (const std::unique_ptr<HealthCall>& call : calls) {
    answers.push_back(AnswerOf(*call));
  }
  return answers;
}

absl::StatusOr<ServingStatus> QueryHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout) {
  return QueryHealthAll({channel}, service, timeout).front();
}

absl::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                         absl::Duration timeout) {
  absl::StatusOr<ServingStatus> status = QueryHealth(channel, "", timeout);
  if (!status.ok()) return status.status();
  if (*status != ServingStatus::kServing) {
    return absl::UnavailableError(
        absl::StrCat("health check: server is not serving (status ",
                     ServingStatusName(*status), ")"));
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
