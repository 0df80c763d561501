// Item codes inside resource names. A code is kept as the document writes
// it ("DG.00005/S4.00004", a shared executive objective), but a '/' inside
// an id would split a resource name, and no URL template could match it:
// in names, '/' is written '~' (never part of a code).
#ifndef VALORE_COMMON_RESOURCE_NAMES_H_
#define VALORE_COMMON_RESOURCE_NAMES_H_

#include <string>

#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace valore {

// "DG.00005/S4.00004" -> "DG.00005~S4.00004"; other codes are unchanged.
inline std::string ResourceIdOf(absl::string_view code) {
  return absl::StrReplaceAll(code, {{"/", "~"}});
}

// The inverse of ResourceIdOf.
inline std::string CodeOfResourceId(absl::string_view id) {
  return absl::StrReplaceAll(id, {{"~", "/"}});
}

}  // namespace valore

#endif  // VALORE_COMMON_RESOURCE_NAMES_H_
