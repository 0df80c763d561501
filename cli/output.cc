#include "cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/italian_number.h"

namespace valore::cli {

size_t Utf8Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xc0) != 0x80) ++n;
  }
  return n;
}

void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], Utf8Width(row[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      absl::StrAppend(&line, cell);
      if (i + 1 < width.size()) {
        line.append(width[i] - Utf8Width(cell) + 2, ' ');
      }
    }
    out << line << "\n";
  };
  print(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  print(rule);
  for (const auto& row : rows) print(row);
}

void PrintJson(std::ostream& out, const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  if (google::protobuf::util::MessageToJsonString(message, &json, options)
          .ok()) {
    out << json;
  }
}

namespace {

std::string ShowQuantity(const v1::Quantity& q) {
  std::string out = FormatItalianCompact(q.value());
  switch (q.unit()) {
    case v1::UNIT_PERCENT:
      absl::StrAppend(&out, "%");
      break;
    case v1::UNIT_EURO:
      absl::StrAppend(&out, " euro");
      break;
    case v1::UNIT_DAYS:
      absl::StrAppend(&out, " days");
      break;
    case v1::UNIT_AREA_KM2:
      absl::StrAppend(&out, " km²");
      break;
    case v1::UNIT_RATIO:
      absl::StrAppend(&out, " (fraction of 1)");
      break;
    default:
      break;
  }
  if (!q.label().empty()) absl::StrAppend(&out, " ", q.label());
  return out;
}

}  // namespace

std::string ShowUnderstood(const v1::Value& value) {
  switch (value.kind_case()) {
    case v1::Value::kNumber:
      return absl::StrCat("the number ", ShowQuantity(value.number()));
    case v1::Value::kText:
      return "a text, not a number";
    case v1::Value::kNotMeasurable:
      return absl::StrCat("not measurable (", value.not_measurable().reason(),
                          ")");
    case v1::Value::kComposite: {
      std::vector<std::string> parts;
      for (const v1::Quantity& q : value.composite().parts()) {
        parts.push_back(ShowQuantity(q));
      }
      return absl::StrCat(parts.size(),
                          " numbers: ", absl::StrJoin(parts, "; "));
    }
    default:
      return "no value";
  }
}

}  // namespace valore::cli
