#include "services/gateway/backend.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "services/common/grpc_status.h"

namespace valore::gateway {
namespace {

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromByteBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  (void)buffer.Dump(&slices);
  std::string bytes;
  bytes.reserve(buffer.Length());
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

void Prepare(const BackendCall& call, grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(call.deadline));
  if (!call.authorization.empty()) {
    context->AddMetadata("authorization", call.authorization);
  }
}

}  // namespace

Backend::Backend(std::string name, std::shared_ptr<grpc::Channel> channel,
                 CounterRef unavailable)
    : name_(std::move(name)),
      channel_(std::move(channel)),
      unavailable_(unavailable) {}

namespace {

absl::Status Failed(const grpc::Status& status, const std::string& name,
                    const CounterRef& unavailable) {
  // The caller learns which service is down, not where it runs.
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    unavailable.Increment();
    return WithReason(absl::UnavailableError(absl::StrCat(
                          "the ", name, " service is unavailable")),
                      v1::SERVICE_UNAVAILABLE, {{"service", name}});
  }
  return FromGrpcStatus(status);
}

}  // namespace

absl::StatusOr<std::string> Backend::Unary(const BackendCall& call,
                                           const std::string& request) const {
  grpc::GenericStub stub(channel_);
  grpc::ClientContext context;
  Prepare(call, &context);
  const grpc::ByteBuffer request_buffer = ToByteBuffer(request);
  grpc::ByteBuffer response;
  grpc::Status result;
  absl::Notification done;
  stub.UnaryCall(&context, call.method, grpc::StubOptions(), &request_buffer,
                 &response, [&](grpc::Status status) {
                   result = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!result.ok()) return Failed(result, name_, unavailable_);
  return FromByteBuffer(response);
}

absl::Status Backend::ServerStream(
    const BackendCall& call, const std::string& request,
    const std::function<bool(const std::string&)>& on_message) const {
  grpc::GenericStub stub(channel_);
  grpc::ClientContext context;
  Prepare(call, &context);
  grpc::CompletionQueue queue;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> stream =
      stub.PrepareCall(&context, call.method, &queue);
  // One operation in flight at a time: each Next returns it.
  auto step = [&queue](void* tag) {
    void* got = nullptr;
    bool ok = false;
    return queue.Next(&got, &ok) && got == tag && ok;
  };
  int tag = 0;
  bool open = (stream->StartCall(&tag), step(&tag));
  if (open) {
    stream->Write(ToByteBuffer(request), &tag);
    open = step(&tag);
  }
  if (open) {
    stream->WritesDone(&tag);
    open = step(&tag);
  }
  grpc::ByteBuffer message;
  bool stopped = false;
  while (open && !stopped) {
    stream->Read(&message, &tag);
    if (!step(&tag)) break;
    if (!on_message(FromByteBuffer(message))) {
      context.TryCancel();
      stopped = true;
    }
  }
  grpc::Status result;
  stream->Finish(&result, &tag);
  step(&tag);
  queue.Shutdown();
  void* ignored_tag;
  bool ignored_ok;
  while (queue.Next(&ignored_tag, &ignored_ok)) {
  }
  if (!result.ok() && !stopped) return Failed(result, name_, unavailable_);
  return absl::OkStatus();
}

}  // namespace valore::gateway
