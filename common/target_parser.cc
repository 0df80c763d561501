#include "common/target_parser.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/quantity_scanner.h"
#include "common/text_util.h"

namespace valore {
namespace {

bool IsCount(double value) {
  return value >= 0 && value <= kMaxCountedEntities &&
         std::floor(value) == value;
}

// "5 enti su 5": the first number is followed by "enti su" (or "comuni su")
// and then the total.
bool ReadEntityCount(const QuantityScan& scan, v1::Target* target) {
  if (scan.quantities.size() < 2) return false;
  const ScannedQuantity& required = scan.quantities[0];
  const ScannedQuantity& total = scan.quantities[1];
  const std::string label = absl::AsciiStrToLower(required.label);
  const bool entity_words = label == "enti su" || label == "comuni su" ||
                            label == "entità su" || label == "ente su";
  if (!entity_words || required.unit != v1::UNIT_NUMBER ||
      !IsCount(required.value) || !IsCount(total.value)) {
    return false;
  }
  target->mutable_entity_count();
  target->mutable_entity_count()->set_required(
      static_cast<int32_t>(required.value));
  target->mutable_entity_count()->set_total(static_cast<int32_t>(total.value));
  return true;
}

// "±3%" is relative to the previous year's actual, "±3" absolute.
bool ReadBand(const QuantityScan& scan, v1::Target* target) {
  const ScannedQuantity& first = scan.quantities[0];
  if (!first.band) return false;
  target->mutable_band();
  target->mutable_band()->set_width(std::fabs(first.value));
  target->mutable_band()->set_relative(first.unit == v1::UNIT_PERCENT);
  return true;
}

// A lone "1" with nothing around it means 100%.
bool IsLoneOne(const QuantityScan& scan) {
  if (scan.quantities.size() != 1 || !scan.note.empty() ||
      scan.default_comparator != v1::COMPARATOR_UNSPECIFIED) {
    return false;
  }
  const ScannedQuantity& q = scan.quantities[0];
  return q.value == 1 && q.unit == v1::UNIT_NUMBER &&
         q.comparator == v1::COMPARATOR_UNSPECIFIED && q.label.empty() &&
         q.scale == 0;
}

void ReadThreshold(const QuantityScan& scan, v1::Target* target) {
  target->mutable_threshold();
  // A number without a comparator of its own is at least that much, unless
  // the text says otherwise for all ("Almeno", "Al massimo").
  const v1::Comparator fallback =
      scan.default_comparator != v1::COMPARATOR_UNSPECIFIED
          ? scan.default_comparator
          : v1::COMPARATOR_AT_LEAST;
  for (const ScannedQuantity& q : scan.quantities) {
    v1::TargetComponent* component =
        target->mutable_threshold()->add_components();
    component->set_comparator(
        q.comparator != v1::COMPARATOR_UNSPECIFIED ? q.comparator : fallback);
    component->mutable_threshold()->set_value(q.value);
    component->mutable_threshold()->set_unit(q.unit);
    component->mutable_threshold()->set_label(q.label);
    component->set_scale(q.scale);
  }
  if (IsLoneOne(scan)) {
    target->mutable_threshold()
        ->mutable_components(0)
        ->mutable_threshold()
        ->set_unit(v1::UNIT_RATIO);
  }
}

}  // namespace

absl::StatusOr<v1::Target> ParseTarget(absl::string_view text) {
  if (text.size() > kMaxTargetTextBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target: ", QuoteForMessage(text), " is ", text.size(),
        " bytes long; at most ", kMaxTargetTextBytes, " are allowed"));
  }
  v1::Target target;
  target.set_text(ToValidUtf8(text));
  const absl::string_view trimmed = StripSpaces(text);
  if (trimmed.empty() || trimmed == "==") {
    target.mutable_none();
    return target;
  }
  const QuantityScan scan = ScanQuantities(trimmed);
  target.set_note(scan.note);
  if (scan.quantities.empty()) {
    target.mutable_qualitative();
  } else if (!ReadBand(scan, &target) && !ReadEntityCount(scan, &target)) {
    ReadThreshold(scan, &target);
  }
  return target;
}

std::vector<v1::Unit> ComparedUnits(const v1::Target& target, v1::Unit unit) {
  switch (target.form_case()) {
    case v1::Target::kThreshold: {
      std::vector<v1::Unit> units;
      for (const v1::TargetComponent& c : target.threshold().components()) {
        units.push_back(c.threshold().unit());
      }
      return units;
    }
    case v1::Target::kBand:
      return {unit};
    case v1::Target::kEntityCount:
      return {v1::UNIT_COUNT};
    default:
      return {};
  }
}

std::vector<std::pair<std::string, std::string>> TargetProblems(
    const v1::Target& target) {
  std::vector<std::pair<std::string, std::string>> problems;
  if (target.has_threshold()) {
    const int n = target.threshold().components_size();
    if (n < 1 || n > kMaxTargetComponents) {
      problems.emplace_back("threshold.components",
                            absl::StrCat(n, " conditions; 1 to ",
                                         kMaxTargetComponents, " are allowed"));
    }
    for (int i = 0; i < n; ++i) {
      if (!std::isfinite(
              target.threshold().components(i).threshold().value())) {
        problems.emplace_back(absl::StrCat("threshold.components[", i, "]"),
                              "threshold is not a finite number");
      }
    }
  }
  if (target.has_band() &&
      (!std::isfinite(target.band().width()) || target.band().width() < 0)) {
    problems.emplace_back("band.width", "must be a finite number ≥ 0");
  }
  if (target.has_entity_count()) {
    const v1::Target::EntityCount& count = target.entity_count();
    if (count.required() < 0 || count.required() > kMaxCountedEntities ||
        count.total() < 0 || count.total() > kMaxCountedEntities) {
      problems.emplace_back("entity_count",
                            absl::StrCat("required and total must be 0 to ",
                                         kMaxCountedEntities));
    }
  }
  return problems;
}

}  // namespace valore
