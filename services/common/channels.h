// Client channels to valore services: message limits and a retry policy for
// reads, so a transient failure of a dependency is retried by gRPC itself.
#ifndef VALORE_SERVICES_COMMON_CHANNELS_H_
#define VALORE_SERVICES_COMMON_CHANNELS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace valore {

// `tls_server_name`, when set, is the name the server's certificate must
// hold instead of the address's host: an exec probe inside a pod dials
// 127.0.0.1, which a real PKI's certificate does not name.
std::shared_ptr<grpc::Channel> MakeChannel(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr,
    const std::string& tls_server_name = "");

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_CHANNELS_H_
