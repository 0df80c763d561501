#include "services/capture/measurement_checks.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace valore::capture {
namespace {

absl::Status CheckQuantity(const std::string& field, const v1::Quantity& q) {
  if (!std::isfinite(q.value())) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".value: ", q.value(), " is not a finite number"));
  }
  return CheckText(field + ".label", q.label(), false, kMaxNameBytes);
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       bool required, size_t limit) {
  if (required && text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  }
  if (text.size() > limit) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", text.size(), " bytes is over the limit of ", limit));
  }
  return absl::OkStatus();
}

absl::Status CheckMeasurementShape(const v1::Measurement& m,
                                   absl::string_view prefix) {
  const std::string p(prefix);
  if (absl::Status s = CheckText(p + "entity", m.entity(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckText(p + "item", m.item(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckText(p + "note", m.note(), false); !s.ok())
    return s;
  const v1::Value& v = m.value();
  if (absl::Status s = CheckText(p + "value.display", v.display(), false);
      !s.ok()) {
    return s;
  }
  switch (v.kind_case()) {
    case v1::Value::kNumber:
      return CheckQuantity(p + "value.number", v.number());
    case v1::Value::kText:
      return CheckText(p + "value.text", v.text(), true);
    case v1::Value::kNotMeasurable:
      return CheckText(p + "value.not_measurable.reason",
                       v.not_measurable().reason(), true);
    case v1::Value::kComposite: {
      const int n = v.composite().parts_size();
      if (n == 0 || n > kMaxComponents) {
        return absl::InvalidArgumentError(
            absl::StrCat(p, "value.composite.parts: ", n,
                         " parts; expected 1 to ", kMaxComponents));
      }
      for (int i = 0; i < n; ++i) {
        absl::Status s =
            CheckQuantity(absl::StrCat(p, "value.composite.parts[", i, "]"),
                          v.composite().parts(i));
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case v1::Value::KIND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      p,
      "value: is required (a number, a text, not_measurable with a reason, "
      "or composite parts)"));
}

}  // namespace valore::capture
