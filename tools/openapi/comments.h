// The comments of a .proto (SourceCodeInfo, which protoc always hands a
// plugin) as the document's descriptions: the comment lines, wrapped at 80
// columns in the source, joined back into paragraphs.
#ifndef VALORE_TOOLS_OPENAPI_COMMENTS_H_
#define VALORE_TOOLS_OPENAPI_COMMENTS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace valore::openapi {

// Comment text as paragraphs: lines of one paragraph joined by a space,
// paragraphs separated by a blank line.
std::string Unwrap(absl::string_view comment);

// The leading comment of an element, else its trailing one ("// ambientale"
// after an enum value); empty when it has none.
template <typename DescriptorT>
std::string CommentOf(const DescriptorT& descriptor) {
  google::protobuf::SourceLocation location;
  if (!descriptor.GetSourceLocation(&location)) return "";
  return Unwrap(location.leading_comments.empty() ? location.trailing_comments
                                                  : location.leading_comments);
}

// Up to the end of the first sentence ('.', '!' or '?' before a space or the
// end), without that stop: the operation's summary.
std::string FirstSentence(absl::string_view text);

}  // namespace valore::openapi

#endif  // VALORE_TOOLS_OPENAPI_COMMENTS_H_
