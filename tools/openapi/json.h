// A small ordered JSON tree: the OpenAPI document is written in the order a
// person reads it (openapi, info, servers, paths, components), which
// google.protobuf.Struct, a map, cannot keep.
#ifndef VALORE_TOOLS_OPENAPI_JSON_H_
#define VALORE_TOOLS_OPENAPI_JSON_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace valore::openapi {

class Json {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Json() = default;
  Json(bool b) : kind_(Kind::kBool), bool_(b) {}                      // NOLINT
  Json(int n) : Json(static_cast<int64_t>(n)) {}                      // NOLINT
  Json(int64_t n);                                                    // NOLINT
  Json(const char* s) : kind_(Kind::kString), text_(s) {}             // NOLINT
  Json(std::string s) : kind_(Kind::kString), text_(std::move(s)) {}  // NOLINT
  Json(absl::string_view s) : kind_(Kind::kString), text_(s) {}       // NOLINT

  static Json Object() { return Json(Kind::kObject); }
  static Json Array() { return Json(Kind::kArray); }
  static Json ArrayOf(std::initializer_list<Json> items) {
    Json array(Kind::kArray);
    array.items_.assign(items.begin(), items.end());
    return array;
  }
  // A number kept as written ("1e3" stays "1e3").
  static Json Number(absl::string_view literal);

  Kind kind() const { return kind_; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // Objects (a null becomes one): the member `key`, added (null) at the end
  // when missing.
  Json& operator[](absl::string_view key);
  // Objects: the member `key`, or nullptr.
  const Json* Find(absl::string_view key) const;
  // Objects: sets `key` (replacing it in place when present); returns *this
  // so members chain.
  Json& Set(absl::string_view key, Json value);
  bool Erase(absl::string_view key);
  const std::vector<std::pair<std::string, Json>>& members() const {
    return members_;
  }

  // Arrays.
  Json& Append(Json value);
  const std::vector<Json>& items() const { return items_; }
  Json& item(size_t i) { return items_[i]; }
  size_t size() const {
    return kind_ == Kind::kArray ? items_.size() : members_.size();
  }

  const std::string& text() const { return text_; }
  bool boolean() const { return bool_; }

  // Two-space indented, UTF-8 kept as is, a newline at the end.
  std::string Serialize() const;

 private:
  explicit Json(Kind kind) : kind_(kind) {}
  void Write(std::string* out, int indent) const;

  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;  // a string's value, or a number's literal
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

// Parses RFC 8259 JSON, keeping the order of members. INVALID_ARGUMENT with
// the byte offset of the fault.
absl::StatusOr<Json> ParseJson(absl::string_view text);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_JSON_H_
