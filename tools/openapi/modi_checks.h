// The checks the Italian interoperability guidelines (ModI) make of an
// OpenAPI document, as Developers Italia's api-oas-checker (Spectral's
// italian rules) makes them, strict where the checker is lenient: every
// string has maxLength or enum, not merely a format.
#ifndef VALORE_TOOLS_OPENAPI_MODI_CHECKS_H_
#define VALORE_TOOLS_OPENAPI_MODI_CHECKS_H_

#include <string>
#include <vector>

#include "tools/openapi/json.h"

namespace valore::openapi {

// Every violation, each "<rule>: <where>: <what>" (rule as
// "string-max-length"); empty when the document passes.
std::vector<std::string> CheckModi(const Json& document);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_MODI_CHECKS_H_
