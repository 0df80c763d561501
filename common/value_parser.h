// Parses a measured value as written ("80,5%", "3.593 bambini ... - 874
// frequentanti", "Non rilevabile") into valore.v1.Value, guided by the target
// it will be compared with.
#ifndef VALORE_COMMON_VALUE_PARSER_H_
#define VALORE_COMMON_VALUE_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/common.pb.h"

namespace valore {

inline constexpr size_t kMaxValueTextBytes = 1024;

// Value.display always keeps `text`. Then:
//   "Non rilevabile", "Non rilevato", "non disponibile", "==", ""
//                          -> not_measurable (reason: the text, or "==")
//   target FORM_QUALITATIVE / FORM_NONE with text that is not one number
//                          -> text
//   target with N > 1 components -> composite with the first N numbers, each
//                             with its unit ('%' -> UNIT_PERCENT) and label;
//                             text when fewer than N numbers are found
//   otherwise              -> number: the first number in the text ("8,3
//                             bambini 0-3 anni" -> 8.3); text when none
// Fails only on text longer than kMaxValueTextBytes.
absl::StatusOr<valore::v1::Value> ParseValue(absl::string_view text,
                                             const valore::v1::Target& target);

}  // namespace valore

#endif  // VALORE_COMMON_VALUE_PARSER_H_
