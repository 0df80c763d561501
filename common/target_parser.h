// Parses yearly targets as the DUP writes them into valore.v1.Target.
#ifndef VALORE_COMMON_TARGET_PARSER_H_
#define VALORE_COMMON_TARGET_PARSER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "valore/v1/common.pb.h"

namespace valore {

// Every text yields a Target, keeping the text in Target.text:
//   "==" or empty                      -> `none`
//   "> 85%", "≥ 99%", "≤ 433", "<0,10", ">=220", "Almeno 32,00 euro",
//   a bare "16" or "2.250" (at least)  -> `threshold`, one component
//   "1" alone                          -> at least 1 in UNIT_RATIO (= 100%)
//   "≥ 750 iscritti; ≥ 650 scrutinati ≥ 320 promossi agli esami",
//   "4 iniziative 1.000 studenti 80 docenti",
//   "> 95% consigli di nido / 22 nuovi progetti"
//                                      -> `threshold`, one component each
//   "±3%", "±3"                        -> `band` (relative / absolute)
//   "5 enti su 5"                      -> `entity_count`
//   words with no number ("Report semestrale", "Adozione e Approvazione PUG")
//                                      -> `qualitative`
// Text in parentheses qualifies the target and goes to Target.note; "su 10"
// after a number is its scale, not a component. Fails only on text longer
// than kMaxTargetTextBytes.
inline constexpr size_t kMaxTargetTextBytes = 1024;
// A threshold target has at most this many conditions (and a composite
// value as many parts).
inline constexpr int kMaxTargetComponents = 32;
// "N enti su M" counts at most this many entities.
inline constexpr int kMaxCountedEntities = 10000;
absl::StatusOr<valore::v1::Target> ParseTarget(absl::string_view text);

// What each form compares, the one place the rest of the code learns a
// target's shape from: one unit per number a value must give to be held to
// `target`, in order — each threshold component's unit, `unit` (the item's)
// for a band, UNIT_COUNT for an entity count; empty for a form that
// compares no number (none, qualitative, or a target left unparsed).
std::vector<valore::v1::Unit> ComparedUnits(const valore::v1::Target& target,
                                            valore::v1::Unit unit);

// The limits a stored target keeps, as (field under the target, reason)
// pairs: 1 to kMaxTargetComponents finite conditions, a finite band width
// >= 0, entity counts within kMaxCountedEntities. Empty when it keeps them.
std::vector<std::pair<std::string, std::string>> TargetProblems(
    const valore::v1::Target& target);

}  // namespace valore

#endif  // VALORE_COMMON_TARGET_PARSER_H_
