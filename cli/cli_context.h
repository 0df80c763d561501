// What every command of the `valore` CLI shares: service addresses (flags,
// then environment, then defaults), output format, author, deadlines, and
// how errors are reported.
#ifndef VALORE_CLI_CLI_CONTEXT_H_
#define VALORE_CLI_CLI_CONTEXT_H_

#include <grpcpp/grpcpp.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "valore/v1/aggregation.grpc.pb.h"
#include "valore/v1/capture.grpc.pb.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::cli {

enum class Format { kTable, kJson };

class CliContext {
 public:
  // Reads the global flags and the VALORE_* environment variables.
  static absl::StatusOr<CliContext> FromFlags();

  const std::string& catalog_address() const { return catalog_address_; }
  const std::string& capture_address() const { return capture_address_; }
  const std::string& aggregation_address() const {
    return aggregation_address_;
  }
  Format format() const { return format_; }
  // The --format flag as given ("table", "json", "csv", ...).
  const std::string& format_name() const { return format_name_; }
  const std::string& author() const { return author_; }
  // --timeout: the deadline of each call.
  absl::Duration timeout() const { return absl::Seconds(timeout_seconds_); }

  std::unique_ptr<v1::CatalogService::Stub> Catalog() const;
  std::unique_ptr<v1::CaptureService::Stub> Capture() const;
  std::unique_ptr<v1::AggregationService::Stub> Aggregation() const;
  // A channel to any valore service, with the CLI's credentials.
  std::shared_ptr<grpc::Channel> Channel(const std::string& address) const;
  // A context with the command's deadline.
  std::unique_ptr<grpc::ClientContext> Call() const;

 private:
  std::string catalog_address_;
  std::string capture_address_;
  std::string aggregation_address_;
  Format format_ = Format::kTable;
  std::string format_name_ = "table";
  std::string author_;
  int timeout_seconds_ = 30;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  // --tls_server_name: see MakeChannel.
  std::string tls_server_name_;
};

// Prints "valore: <message>" on stderr and returns the exit code for it.
int Fail(const absl::Status& status);
// The same for a failed call to the service named `service`.
int Fail(const grpc::Status& status, const std::string& service);

}  // namespace valore::cli

#endif  // VALORE_CLI_CLI_CONTEXT_H_
