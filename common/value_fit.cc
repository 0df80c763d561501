#include "common/value_fit.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/target_parser.h"
#include "common/text_util.h"

namespace valore {
namespace {

// Units that measure the same thing on one scale or another: a percentage
// and a fraction of one; a count and a plain number.
int FamilyOf(v1::Unit unit) {
  switch (unit) {
    case v1::UNIT_PERCENT:
    case v1::UNIT_RATIO:
      return 1;
    case v1::UNIT_EURO:
      return 2;
    case v1::UNIT_DAYS:
      return 3;
    case v1::UNIT_AREA_KM2:
      return 4;
    default:
      return 0;  // counts, plain numbers, unspecified
  }
}

bool Bare(v1::Unit unit) {
  return unit == v1::UNIT_UNSPECIFIED || unit == v1::UNIT_NUMBER;
}

// A number written bare is read on the scale it is compared with, so it
// fits any unit; a number with a unit fits the units of its family. A
// qualitative indicator or an unspecified unit compares no unit.
bool UnitFits(v1::Unit actual, v1::Unit expected) {
  if (Bare(actual) || expected == v1::UNIT_UNSPECIFIED ||
      expected == v1::UNIT_TEXT) {
    return true;
  }
  return FamilyOf(actual) == FamilyOf(expected) && actual != v1::UNIT_TEXT;
}

std::string Shown(const v1::Quantity& q) {
  return absl::StrCat(q.value(), " (", v1::Unit_Name(q.unit()), ")");
}

// `field` names the quantity in an error message; a bulk write checks
// thousands of fitting values per call, so it is spelled out only then.
absl::Status CheckQuantity(const v1::Quantity& q, v1::Unit expected,
                           absl::FunctionRef<std::string()> field) {
  if (!v1::Unit_IsValid(q.unit())) {
    return InvalidFieldError(
        field() + ".unit",
        absl::StrCat(q.unit(), " is not a unit of valore.v1.Unit"),
        v1::VALUE_DOES_NOT_FIT_TARGET);
  }
  if (!std::isfinite(q.value())) {
    return InvalidFieldError(field() + ".value",
                             absl::StrCat(q.value(), " is not a finite number"),
                             v1::VALUE_DOES_NOT_FIT_TARGET);
  }
  const double bound = MaxMagnitude(q.unit());
  if (std::fabs(q.value()) > bound) {
    return InvalidFieldError(
        field() + ".value",
        absl::StrCat(q.value(), " is beyond ±", bound, ", the bound of ",
                     v1::Unit_Name(q.unit())),
        v1::VALUE_DOES_NOT_FIT_TARGET);
  }
  if (!UnitFits(q.unit(), expected)) {
    return InvalidFieldError(
        field(),
        absl::StrCat(Shown(q), " does not fit: expected ", UnitName(expected),
                     " or a bare number"),
        v1::VALUE_DOES_NOT_FIT_TARGET);
  }
  return absl::OkStatus();
}

}  // namespace

std::string UnitName(v1::Unit unit) {
  switch (unit) {
    case v1::UNIT_PERCENT:
      return "a percentage";
    case v1::UNIT_RATIO:
      return "a fraction of 1";
    case v1::UNIT_EURO:
      return "an amount in euro";
    case v1::UNIT_DAYS:
      return "a number of days";
    case v1::UNIT_AREA_KM2:
      return "an area in km²";
    case v1::UNIT_COUNT:
      return "a count";
    default:
      return "a number";
  }
}

double MaxMagnitude(v1::Unit unit) {
  switch (unit) {
    case v1::UNIT_PERCENT:
      return 1e6;
    case v1::UNIT_RATIO:
      return 1e4;
    case v1::UNIT_DAYS:
      return 1e6;
    case v1::UNIT_AREA_KM2:
      return 1e7;
    default:
      return 1e12;  // euro, counts, plain numbers
  }
}

const v1::Target* TargetFor(const v1::Indicator& indicator, int year,
                            absl::string_view entity) {
  const v1::Target* general = nullptr;
  for (const v1::YearlyTarget& y : indicator.targets()) {
    if (y.year() != year) continue;
    if (!entity.empty() && y.entity() == entity) return &y.target();
    if (y.entity().empty()) general = &y.target();
  }
  return general;
}

absl::Status CheckValueFits(const v1::Value& value, const v1::Target* target,
                            v1::Unit unit, absl::string_view prefix) {
  const std::vector<v1::Unit> expected = target == nullptr
                                             ? std::vector<v1::Unit>()
                                             : ComparedUnits(*target, unit);
  // Quoted only for an error message.
  auto target_text = [target]() {
    return target == nullptr
               ? std::string()
               : absl::StrCat(" ", QuoteForMessage(target->text()));
  };
  switch (value.kind_case()) {
    case v1::Value::kNumber: {
      if (expected.size() > 1) {
        return InvalidFieldError(
            absl::StrCat(prefix, "value.number"),
            absl::StrCat(value.number().value(), " is one number; the target",
                         target_text(), " has ", expected.size(),
                         " conditions: send value.composite with ",
                         expected.size(), " parts in the target's order"),
            v1::VALUE_DOES_NOT_FIT_TARGET);
      }
      return CheckQuantity(
          value.number(), expected.empty() ? unit : expected[0],
          [&] { return absl::StrCat(prefix, "value.number"); });
    }
    case v1::Value::kComposite: {
      const int parts = value.composite().parts_size();
      if (!expected.empty() && parts != static_cast<int>(expected.size())) {
        return InvalidFieldError(
            absl::StrCat(prefix, "value.composite.parts"),
            absl::StrCat(parts, " parts; the target", target_text(), " has ",
                         expected.size(),
                         expected.size() == 1 ? " condition" : " conditions",
                         ": expected ", expected.size(),
                         " parts in the target's order"),
            v1::VALUE_DOES_NOT_FIT_TARGET);
      }
      for (int i = 0; i < parts; ++i) {
        const v1::Unit want = expected.empty() ? unit : expected[i];
        if (absl::Status s = CheckQuantity(
                value.composite().parts(i), want,
                [&] {
                  return absl::StrCat(prefix, "value.composite.parts[", i, "]");
                });
            !s.ok()) {
          return s;
        }
      }
      return absl::OkStatus();
    }
    default:
      // Text and "not measurable" carry no number to compare; a text
      // against a numeric target is not assessable and reported so.
      return absl::OkStatus();
  }
}

}  // namespace valore
