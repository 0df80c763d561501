// The JSON the page's script is answered with: {"ok": …, and text fields},
// printed by protobuf so that no text is glued into it.
#ifndef VALORE_SERVICES_WEB_JSON_ANSWER_H_
#define VALORE_SERVICES_WEB_JSON_ANSWER_H_

#include <string>
#include <utility>
#include <vector>

namespace valore::web {

std::string JsonAnswer(
    bool ok, const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace valore::web

#endif  // VALORE_SERVICES_WEB_JSON_ANSWER_H_
