#include "common/value_parser.h"

#include <algorithm>
#include <array>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/italian_number.h"
#include "common/quantity_scanner.h"
#include "common/text_util.h"

namespace valore {
namespace {

// Whole texts that say there is no value.
constexpr std::array<absl::string_view, 7> kNoValueTexts = {
    "", "==", "n.d", "n/d", "nd", "n.r", "-"};
// Beginnings of texts that say the value could not be measured.
constexpr std::array<absl::string_view, 8> kNoValuePrefixes = {
    "non rilevabil",  "non rilevat",       "non disponibil",
    "non pervenut",   "non misurabil",     "dato non disponibil",
    "dato non rilev", "dato disponibile a"};

bool IsNotMeasurable(absl::string_view trimmed) {
  std::string lower = absl::AsciiStrToLower(trimmed);
  absl::string_view text = lower;
  absl::ConsumeSuffix(&text, ".");
  for (absl::string_view whole : kNoValueTexts) {
    if (text == whole) return true;
  }
  for (absl::string_view prefix : kNoValuePrefixes) {
    if (absl::StartsWith(text, prefix)) return true;
  }
  return false;
}

v1::Quantity ToQuantity(const ScannedQuantity& scanned) {
  v1::Quantity quantity;
  quantity.set_value(scanned.value);
  quantity.set_unit(scanned.unit);
  quantity.set_label(scanned.label);
  return quantity;
}

// How many numbers the target compares: one per component of a threshold,
// one for a band or an entity count.
size_t ExpectedNumbers(const v1::Target& target) {
  if (target.form() == v1::Target::FORM_THRESHOLD) {
    return std::max<size_t>(1, target.components_size());
  }
  return 1;
}

}  // namespace

absl::StatusOr<v1::Value> ParseValue(absl::string_view text,
                                     const v1::Target& target) {
  if (text.size() > kMaxValueTextBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "value: ", QuoteForMessage(text), " is ", text.size(),
        " bytes long; at most ", kMaxValueTextBytes, " are allowed"));
  }
  v1::Value value;
  value.set_display(ToValidUtf8(text));
  const absl::string_view trimmed = StripSpaces(text);
  if (IsNotMeasurable(trimmed)) {
    value.mutable_not_measurable()->set_reason(ToValidUtf8(trimmed));
    return value;
  }
  const bool unassessable = target.form() == v1::Target::FORM_QUALITATIVE ||
                            target.form() == v1::Target::FORM_NONE;
  if (unassessable) {
    absl::StatusOr<ParsedNumber> number = ParseItalianNumber(trimmed);
    if (number.ok()) {
      value.mutable_number()->set_value(number->value);
      value.mutable_number()->set_unit(number->percent ? v1::UNIT_PERCENT
                                                       : v1::UNIT_NUMBER);
    } else {
      value.set_text(ToValidUtf8(trimmed));
    }
    return value;
  }
  const QuantityScan scan = ScanQuantities(trimmed);
  const size_t expected = ExpectedNumbers(target);
  if (scan.quantities.size() < expected) {
    value.set_text(ToValidUtf8(trimmed));
  } else if (expected == 1) {
    *value.mutable_number() = ToQuantity(scan.quantities[0]);
  } else {
    for (size_t i = 0; i < expected; ++i) {
      *value.mutable_composite()->add_parts() = ToQuantity(scan.quantities[i]);
    }
  }
  return value;
}

}  // namespace valore
