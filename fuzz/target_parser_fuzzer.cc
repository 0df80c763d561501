// ParseTarget and ParseValue on the same text: neither may crash, and both
// succeed on any text within their length limits.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "common/target_parser.h"
#include "common/value_parser.h"
#include "fuzz/fuzz_support.h"

namespace {

void CheckValue(absl::string_view text, const valore::v1::Target& target) {
  absl::StatusOr<valore::v1::Value> value = valore::ParseValue(text, target);
  if (text.size() <= valore::kMaxValueTextBytes) {
    VALORE_FUZZ_CHECK(value.ok(), value.status().ToString());
  }
  if (!value.ok()) return;
  // What is stored must serialize and read back (valid UTF-8 strings).
  valore::v1::Value back;
  VALORE_FUZZ_CHECK(back.ParseFromString(value->SerializeAsString()),
                    value->ShortDebugString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<valore::v1::Target> target = valore::ParseTarget(text);
  if (text.size() <= valore::kMaxTargetTextBytes) {
    VALORE_FUZZ_CHECK(target.ok(), target.status().ToString());
  }
  // Against the target the text itself makes, and against no target.
  if (target.ok()) {
    valore::v1::Target back;
    VALORE_FUZZ_CHECK(back.ParseFromString(target->SerializeAsString()),
                      target->ShortDebugString());
    CheckValue(text, *target);
  }
  CheckValue(text, valore::v1::Target());
  return 0;
}
