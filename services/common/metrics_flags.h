// --metrics_listen, taken by every server: where GET /metrics answers.
#ifndef VALORE_SERVICES_COMMON_METRICS_FLAGS_H_
#define VALORE_SERVICES_COMMON_METRICS_FLAGS_H_

#include <string>

namespace valore {

// "HOST:PORT" for ServerConfig::metrics_listen; empty: no metrics endpoint.
std::string MetricsListenFromFlags();

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_METRICS_FLAGS_H_
