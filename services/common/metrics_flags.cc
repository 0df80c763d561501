#include "services/common/metrics_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT where GET /metrics serves Prometheus metrics over plain "
          "HTTP; port 0 picks a free port (logged on stderr); empty: none");

namespace valore {

std::string MetricsListenFromFlags() {
  return absl::GetFlag(FLAGS_metrics_listen);
}

}  // namespace valore
