// A value as a person reads it in the report, the audit and the command
// line: the text the office wrote, else the number in Italian notation.
#ifndef VALORE_COMMON_VALUE_TEXT_H_
#define VALORE_COMMON_VALUE_TEXT_H_

#include <string>

#include "valore/v1/common.pb.h"

namespace valore {

// `display` when set; else "81,5%" for a percentage, "3.593" for a count,
// the parts of a composite joined by " - ", the reason of a value not
// measurable ("non misurabile" when it gives none), the text of a text;
// empty for no value.
std::string ValueText(const v1::Value& value);

}  // namespace valore

#endif  // VALORE_COMMON_VALUE_TEXT_H_
