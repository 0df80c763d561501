// Printing data for people (aligned tables) or programs (JSON).
#ifndef VALORE_CLI_OUTPUT_H_
#define VALORE_CLI_OUTPUT_H_

#include <google/protobuf/message.h>

#include <ostream>
#include <string>
#include <vector>

#include "valore/v1/common.pb.h"

namespace valore::cli {

// Columns padded to their widest cell, counting UTF-8 characters.
void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// The message as JSON with the proto field names.
void PrintJson(std::ostream& out, const google::protobuf::Message& message);

// What the service understood of a value: "the number 81,5%", "3 numbers:
// 624 iscritti; 294 scrutinati; 130 promossi", "not measurable (...)".
std::string ShowUnderstood(const v1::Value& value);

// Characters (not bytes) in a UTF-8 string.
size_t Utf8Width(const std::string& s);

}  // namespace valore::cli

#endif  // VALORE_CLI_OUTPUT_H_
