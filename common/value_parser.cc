#include "common/value_parser.h"

#include <algorithm>
#include <array>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/error_details.h"
#include "common/italian_number.h"
#include "common/quantity_scanner.h"
#include "common/target_parser.h"
#include "common/text_util.h"
#include "common/value_fit.h"

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

// How many numbers the target compares (at least one).
size_t ExpectedNumbers(const v1::Target& target) {
  return std::max<size_t>(1, ComparedUnits(target, v1::UNIT_NUMBER).size());
}

bool ComparesNumbers(const v1::Target& target) {
  return !ComparedUnits(target, v1::UNIT_NUMBER).empty();
}

bool NumberDue(v1::Unit unit) {
  return unit != v1::UNIT_UNSPECIFIED && unit != v1::UNIT_NUMBER &&
         unit != v1::UNIT_TEXT;
}

// The numbers a text gives as measurements: those not written after a
// comparator.
size_t MeasuredNumbers(absl::string_view text) {
  const QuantityScan scan = ScanQuantities(StripSpaces(text));
  return std::count_if(scan.quantities.begin(), scan.quantities.end(),
                       [](const ScannedQuantity& q) {
                         return q.comparator == v1::COMPARATOR_UNSPECIFIED &&
                                !q.band;
                       });
}

std::string Expected(const v1::Target& target) {
  const size_t n = ExpectedNumbers(target);
  return absl::StrCat(
      "the target ", QuoteForMessage(target.text()), " compares ",
      n == 1 ? "one number"
             : absl::StrCat(n, " numbers, one per condition in its order"),
      " (or a text such as \"Non rilevabile\" when there is no value)");
}

}  // namespace

absl::StatusOr<v1::Value> ParseValueForItem(absl::string_view text,
                                            const v1::Target* target,
                                            v1::Unit unit,
                                            absl::string_view field) {
  const v1::Target none;
  absl::StatusOr<v1::Value> value =
      ParseValue(text, target != nullptr ? *target : none);
  if (!value.ok()) {
    return InvalidFieldError(
        field, absl::StrCat(QuoteForMessage(text, 40), " is ", text.size(),
                            " bytes long; at most ", kMaxValueTextBytes,
                            " are allowed"));
  }
  auto refuse = [&](absl::string_view why) {
    return InvalidFieldError(field,
                             absl::StrCat(QuoteForMessage(text), ": ", why),
                             v1::VALUE_DOES_NOT_FIT_TARGET);
  };
  // With no target for the year, the unit says whether a number is due.
  if (target == nullptr && value->kind_case() == v1::Value::kText &&
      NumberDue(unit)) {
    return refuse(absl::StrCat("no number where the item is measured as ",
                               UnitName(unit),
                               " (or a text such as \"Non rilevabile\" when "
                               "there is no value)"));
  }
  if (target != nullptr && ComparesNumbers(*target)) {
    if (value->kind_case() == v1::Value::kText) {
      return refuse(absl::StrCat("no number where ", Expected(*target)));
    }
    const size_t expected = ExpectedNumbers(*target);
    if (expected > 1 && value->kind_case() == v1::Value::kComposite) {
      const size_t found = MeasuredNumbers(text);
      if (found != expected) {
        return refuse(
            absl::StrCat(found, " numbers where ", Expected(*target)));
      }
    }
  }
  if (absl::Status fits = CheckValueFits(*value, target, unit); !fits.ok()) {
    // What was read, without the path inside Value the client never wrote.
    const google::rpc::BadRequest bad = BadRequestOf(fits);
    std::string why = bad.field_violations_size() > 0
                          ? bad.field_violations(0).description()
                          : std::string(fits.message());
    if (target != nullptr) {
      absl::StrAppend(&why, " (the target: ", QuoteForMessage(target->text()),
                      ")");
    }
    return refuse(absl::StrCat("read as ", why));
  }
  return value;
}

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
  // A form that compares no number keeps what was written as it is.
  const bool unassessable = target.form_case() != v1::Target::FORM_NOT_SET &&
                            !ComparesNumbers(target);
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
