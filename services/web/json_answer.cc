#include "services/web/json_answer.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace valore::web {

std::string JsonAnswer(
    bool ok, const std::vector<std::pair<std::string, std::string>>& fields) {
  google::protobuf::Struct answer;
  (*answer.mutable_fields())["ok"].set_bool_value(ok);
  for (const auto& [name, text] : fields) {
    (*answer.mutable_fields())[name].set_string_value(text);
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(answer, &json).ok()) {
    return "{\"ok\":false}";
  }
  return json;
}

}  // namespace valore::web
