#include "common/value_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/italian_number.h"

namespace valore {
namespace {

std::string QuantityText(const v1::Quantity& q) {
  return absl::StrCat(FormatItalianCompact(q.value()),
                      q.unit() == v1::UNIT_PERCENT ? "%" : "");
}

}  // namespace

std::string ValueText(const v1::Value& value) {
  if (!value.display().empty()) return value.display();
  switch (value.kind_case()) {
    case v1::Value::kNumber:
      return QuantityText(value.number());
    case v1::Value::kText:
      return value.text();
    case v1::Value::kNotMeasurable:
      return value.not_measurable().reason().empty()
                 ? "non misurabile"
                 : value.not_measurable().reason();
    case v1::Value::kComposite: {
      std::vector<std::string> parts;
      for (const v1::Quantity& q : value.composite().parts()) {
        parts.push_back(QuantityText(q));
      }
      return absl::StrJoin(parts, " - ");
    }
    default:
      return "";
  }
}

}  // namespace valore
