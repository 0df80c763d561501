#include "cli/cli_context.h"

#include <chrono>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "services/common/channels.h"

ABSL_FLAG(
    std::string, catalog, "",
    "catalog service address (else $VALORE_CATALOG, else 127.0.0.1:7001)");
ABSL_FLAG(
    std::string, capture, "",
    "capture service address (else $VALORE_CAPTURE, else 127.0.0.1:7002)");
ABSL_FLAG(std::string, aggregation, "",
          "aggregation service address (else $VALORE_AGGREGATION, else "
          "127.0.0.1:7003)");
ABSL_FLAG(std::string, format, "table", "output: table or json");
ABSL_FLAG(std::string, author, "",
          "who writes (else $VALORE_AUTHOR, else $USER); recorded with each "
          "revision");
ABSL_FLAG(int, timeout, 30, "deadline of each call, in seconds");

namespace valore::cli {
namespace {

std::string Resolve(const std::string& flag, const char* env,
                    const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  if (value != nullptr && *value != '\0') return value;
  return fallback;
}

}  // namespace

absl::StatusOr<CliContext> CliContext::FromFlags() {
  CliContext c;
  c.catalog_address_ =
      Resolve(absl::GetFlag(FLAGS_catalog), "VALORE_CATALOG", "127.0.0.1:7001");
  c.capture_address_ =
      Resolve(absl::GetFlag(FLAGS_capture), "VALORE_CAPTURE", "127.0.0.1:7002");
  c.aggregation_address_ = Resolve(absl::GetFlag(FLAGS_aggregation),
                                   "VALORE_AGGREGATION", "127.0.0.1:7003");
  const char* user = std::getenv("USER");
  c.author_ = Resolve(absl::GetFlag(FLAGS_author), "VALORE_AUTHOR",
                      user != nullptr ? user : "");
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format == "json") {
    c.format_ = Format::kJson;
  } else if (format != "table") {
    return absl::InvalidArgumentError(
        absl::StrCat("--format: \"", format, "\" is not table or json"));
  }
  c.timeout_seconds_ = absl::GetFlag(FLAGS_timeout);
  if (c.timeout_seconds_ <= 0) {
    return absl::InvalidArgumentError(
        "--timeout: must be a positive number of seconds");
  }
  return c;
}

std::unique_ptr<v1::CatalogService::Stub> CliContext::Catalog() const {
  return v1::CatalogService::NewStub(MakeChannel(catalog_address_));
}

std::unique_ptr<v1::CaptureService::Stub> CliContext::Capture() const {
  return v1::CaptureService::NewStub(MakeChannel(capture_address_));
}

std::unique_ptr<v1::AggregationService::Stub> CliContext::Aggregation() const {
  return v1::AggregationService::NewStub(MakeChannel(aggregation_address_));
}

std::unique_ptr<grpc::ClientContext> CliContext::Call() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(timeout_seconds_));
  return context;
}

int Fail(const absl::Status& status) {
  std::cerr << "valore: " << status.message() << "\n";
  return 1;
}

int Fail(const grpc::Status& status, const std::string& service) {
  std::cerr << "valore: " << service << ": " << status.error_message() << "\n";
  return 1;
}

}  // namespace valore::cli
