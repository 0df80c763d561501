// Client channels to valore services: message limits and a retry policy for
// reads, so a transient failure of a dependency is retried by gRPC itself.
#ifndef VALORE_SERVICES_COMMON_CHANNELS_H_
#define VALORE_SERVICES_COMMON_CHANNELS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace valore {

std::shared_ptr<grpc::Channel> MakeChannel(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_CHANNELS_H_
