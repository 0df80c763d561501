#include "services/capture/measurement_checks.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/value_parser.h"

namespace valore::capture {
namespace {

// Numbers, units and parts are value_fit's (CheckValueFits, after the
// item's rule is known); the shape check bounds the label.
absl::Status CheckQuantity(const std::string& field, const v1::Quantity& q) {
  return CheckText(field + ".label", q.label(), false, kMaxNameBytes);
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       bool required, size_t limit) {
  if (required && text.empty()) {
    return InvalidFieldError(field, "is required", v1::FIELD_REQUIRED);
  }
  if (text.size() > limit) {
    return InvalidFieldError(
        field,
        absl::StrCat(text.size(), " bytes is over the limit of ", limit));
  }
  return absl::OkStatus();
}

absl::Status CheckMeasurementShape(const v1::Measurement& m,
                                   absl::string_view prefix) {
  // Field names are only spelled out for an error: a bulk write checks
  // thousands of valid records per call.
  auto field = [&](absl::string_view name) {
    return absl::StrCat(prefix, name);
  };
  auto text = [&](absl::string_view name, absl::string_view value,
                  bool required, size_t limit) -> absl::Status {
    if ((required && value.empty()) || value.size() > limit) {
      return CheckText(field(name), value, required, limit);
    }
    return absl::OkStatus();
  };
  auto quantity = [&](absl::string_view name,
                      const v1::Quantity& q) -> absl::Status {
    if (q.label().size() <= kMaxNameBytes) return absl::OkStatus();
    return CheckQuantity(field(name), q);
  };
  if (absl::Status s = text("entity", m.entity(), true, kMaxNameBytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = text("item", m.item(), true, kMaxNameBytes); !s.ok()) {
    return s;
  }
  if (absl::Status s = text("note", m.note(), false, kMaxTextBytes); !s.ok()) {
    return s;
  }
  if (!m.value_text().empty()) {
    // The text is read against the item's target once that is known.
    if (m.has_value()) {
      return InvalidFieldError(field("value_text"),
                               "set either value or value_text, not both");
    }
    return text("value_text", m.value_text(), false, kMaxValueTextBytes);
  }
  const v1::Value& v = m.value();
  if (absl::Status s = text("value.display", v.display(), false, kMaxTextBytes);
      !s.ok()) {
    return s;
  }
  switch (v.kind_case()) {
    case v1::Value::kNumber:
      return quantity("value.number", v.number());
    case v1::Value::kText:
      return text("value.text", v.text(), true, kMaxTextBytes);
    case v1::Value::kNotMeasurable:
      return text("value.not_measurable.reason", v.not_measurable().reason(),
                  true, kMaxTextBytes);
    case v1::Value::kComposite: {
      const int n = v.composite().parts_size();
      if (n == 0 || n > kMaxComponents) {
        return InvalidFieldError(
            absl::StrCat(prefix, "value.composite.parts"),
            absl::StrCat(n, " parts; expected 1 to ", kMaxComponents),
            v1::VALUE_DOES_NOT_FIT_TARGET);
      }
      for (int i = 0; i < n; ++i) {
        absl::Status s =
            quantity(absl::StrCat("value.composite.parts[", i, "]"),
                     v.composite().parts(i));
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case v1::Value::KIND_NOT_SET:
      break;
  }
  return InvalidFieldError(
      absl::StrCat(prefix, "value"),
      "is required (a number, a text, not_measurable with a reason, or "
      "composite parts), or value_text",
      v1::FIELD_REQUIRED);
}

}  // namespace valore::capture
