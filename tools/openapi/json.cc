#include "tools/openapi/json.h"

#include <cctype>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace valore::openapi {

Json::Json(int64_t n) : kind_(Kind::kNumber), text_(absl::StrCat(n)) {}

Json Json::Number(absl::string_view literal) {
  Json number(Kind::kNumber);
  number.text_ = std::string(literal);
  return number;
}

Json& Json::operator[](absl::string_view key) {
  if (kind_ == Kind::kNull) kind_ = Kind::kObject;
  for (auto& [name, value] : members_) {
    if (name == key) return value;
  }
  members_.emplace_back(std::string(key), Json());
  return members_.back().second;
}

const Json* Json::Find(absl::string_view key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

Json& Json::Set(absl::string_view key, Json value) {
  (*this)[key] = std::move(value);
  return *this;
}

bool Json::Erase(absl::string_view key) {
  for (auto it = members_.begin(); it != members_.end(); ++it) {
    if (it->first == key) {
      members_.erase(it);
      return true;
    }
  }
  return false;
}

Json& Json::Append(Json value) {
  if (kind_ == Kind::kNull) kind_ = Kind::kArray;
  items_.push_back(std::move(value));
  return items_.back();
}

namespace {

void WriteString(absl::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void NewLine(int indent, std::string* out) {
  out->push_back('\n');
  out->append(static_cast<size_t>(indent) * 2, ' ');
}

}  // namespace

void Json::Write(std::string* out, int indent) const {
  switch (kind_) {
    case Kind::kNull:
      out->append("null");
      return;
    case Kind::kBool:
      out->append(bool_ ? "true" : "false");
      return;
    case Kind::kNumber:
      out->append(text_);
      return;
    case Kind::kString:
      WriteString(text_, out);
      return;
    case Kind::kArray:
      if (items_.empty()) {
        out->append("[]");
        return;
      }
      out->push_back('[');
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out->push_back(',');
        NewLine(indent + 1, out);
        items_[i].Write(out, indent + 1);
      }
      NewLine(indent, out);
      out->push_back(']');
      return;
    case Kind::kObject:
      if (members_.empty()) {
        out->append("{}");
        return;
      }
      out->push_back('{');
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i > 0) out->push_back(',');
        NewLine(indent + 1, out);
        WriteString(members_[i].first, out);
        out->append(": ");
        members_[i].second.Write(out, indent + 1);
      }
      NewLine(indent, out);
      out->push_back('}');
      return;
  }
}

std::string Json::Serialize() const {
  std::string out;
  Write(&out, 0);
  out.push_back('\n');
  return out;
}

namespace {

// A recursive-descent reader over `text`; depth is bounded so a hostile
// example cannot overflow the stack.
class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  absl::StatusOr<Json> Document() {
    absl::StatusOr<Json> value = Value(0);
    if (!value.ok()) return value;
    SkipSpace();
    if (pos_ != text_.size()) return Fail("text after the value");
    return value;
  }

 private:
  absl::Status Fail(absl::string_view why) const {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON at byte ", pos_, ": ", why));
  }
  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
            text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Consume(absl::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  absl::StatusOr<Json> Value(int depth) {
    if (depth > 64) return Fail("nested too deeply");
    SkipSpace();
    if (pos_ >= text_.size()) return Fail("a value is missing");
    const char c = text_[pos_];
    if (c == '{') return ObjectValue(depth);
    if (c == '[') return ArrayValue(depth);
    if (c == '"') {
      absl::StatusOr<std::string> s = String();
      if (!s.ok()) return s.status();
      return Json(*std::move(s));
    }
    if (Consume("true")) return Json(true);
    if (Consume("false")) return Json(false);
    if (Consume("null")) return Json();
    return NumberValue();
  }

  absl::StatusOr<Json> ObjectValue(int depth) {
    ++pos_;
    Json object = Json::Object();
    SkipSpace();
    if (Consume("}")) return object;
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return Fail("a member name is missing");
      }
      absl::StatusOr<std::string> key = String();
      if (!key.ok()) return key.status();
      if (object.Find(*key) != nullptr) return Fail("a member is repeated");
      SkipSpace();
      if (!Consume(":")) return Fail("':' is missing");
      absl::StatusOr<Json> value = Value(depth + 1);
      if (!value.ok()) return value;
      object.Set(*key, *std::move(value));
      SkipSpace();
      if (Consume("}")) return object;
      if (!Consume(",")) return Fail("',' or '}' is missing");
    }
  }

  absl::StatusOr<Json> ArrayValue(int depth) {
    ++pos_;
    Json array = Json::Array();
    SkipSpace();
    if (Consume("]")) return array;
    while (true) {
      absl::StatusOr<Json> value = Value(depth + 1);
      if (!value.ok()) return value;
      array.Append(*std::move(value));
      SkipSpace();
      if (Consume("]")) return array;
      if (!Consume(",")) return Fail("',' or ']' is missing");
    }
  }

  absl::StatusOr<Json> NumberValue() {
    const size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const size_t digits = pos_;
    while (pos_ < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E' ||
            text_[pos_] == '+' || text_[pos_] == '-')) {
      ++pos_;
    }
    if (pos_ == digits ||
        !std::isdigit(static_cast<unsigned char>(text_[digits]))) {
      pos_ = start;
      return Fail("not a JSON value");
    }
    return Json::Number(text_.substr(start, pos_ - start));
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  absl::StatusOr<uint32_t> Hex4() {
    if (pos_ + 4 > text_.size()) return Fail("a \\u escape is cut");
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9') {
        code |= static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        code |= static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        code |= static_cast<uint32_t>(h - 'A' + 10);
      } else {
        return Fail("a \\u escape is not hexadecimal");
      }
    }
    return code;
  }

  absl::StatusOr<std::string> String() {
    ++pos_;  // the opening quote
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        return Fail("a control character in a string");
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) break;
      const char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          absl::StatusOr<uint32_t> code = Hex4();
          if (!code.ok()) return code.status();
          if (*code >= 0xD800 && *code < 0xDC00 && Consume("\\u")) {
            absl::StatusOr<uint32_t> low = Hex4();
            if (!low.ok()) return low.status();
            if (*low < 0xDC00 || *low > 0xDFFF) return Fail("a bad surrogate");
            *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
          }
          AppendUtf8(*code, &out);
          break;
        }
        default:
          return Fail("an unknown escape");
      }
    }
    return Fail("a string is not closed");
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<Json> ParseJson(absl::string_view text) {
  return Parser(text).Document();
}

}  // namespace valore::openapi
