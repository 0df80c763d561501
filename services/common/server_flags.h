// The security flags every server takes: --tls_cert, --tls_key, --tls_ca,
// --insecure, --auth_tokens.
#ifndef VALORE_SERVICES_COMMON_SERVER_FLAGS_H_
#define VALORE_SERVICES_COMMON_SERVER_FLAGS_H_

#include "services/common/security.h"

namespace valore {

SecurityOptions SecurityFromFlags();

}  // namespace valore

#endif  // VALORE_SERVICES_COMMON_SERVER_FLAGS_H_
