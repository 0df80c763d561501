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
//   target `qualitative` / `none` with text that is not one number
//                          -> text
//   target with N > 1 components -> composite with the first N numbers, each
//                             with its unit ('%' -> UNIT_PERCENT) and label;
//                             text when fewer than N numbers are found
//   otherwise              -> number: the first number in the text ("8,3
//                             bambini 0-3 anni" -> 8.3); text when none
// Fails only on text longer than kMaxValueTextBytes.
absl::StatusOr<valore::v1::Value> ParseValue(absl::string_view text,
                                             const valore::v1::Target& target);

// A value as a person writes it for an item ("81,5%", "3.593",
// "624 iscritti 294 scrutinati 130 promossi", "Non rilevabile"), read with
// ParseValue against `target` (the item's target for the period's year and
// entity, null when there is none) and then held to it: INVALID_ARGUMENT
// (VALUE_DOES_NOT_FIT_TARGET) naming `field`, the text and what was expected
// when
//   - the target compares numbers, or there is no target and `unit` is one
//     of a measure (a percentage, a count, euro, days, km²), and the text
//     has no number (a word where a number is due);
//   - the target has N > 1 conditions and the text does not have exactly N
//     numbers, one per condition in the target's order (a number written
//     after a comparator, "più di 70 giorni", qualifies the one before it
//     and is not counted);
//   - the numbers do not fit the target's or the item's `unit`, or their
//     bounds (CheckValueFits: a percentage for an amount in euro).
// A target of one number reads the first number; the words around it stay
// in Value.display.
absl::StatusOr<valore::v1::Value> ParseValueForItem(
    absl::string_view text, const valore::v1::Target* target,
    valore::v1::Unit unit, absl::string_view field);

}  // namespace valore

#endif  // VALORE_COMMON_VALUE_PARSER_H_
