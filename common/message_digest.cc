#include "common/message_digest.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/sha.h>

#include <memory>

#include "absl/strings/escaping.h"

namespace valore {

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> unkeyed(request.New());
  unkeyed->CopyFrom(request);
  if (const google::protobuf::FieldDescriptor* field =
          unkeyed->GetDescriptor()->FindFieldByName("request_id")) {
    unkeyed->GetReflection()->ClearField(unkeyed.get(), field);
  }
  return DeterministicBytes(*unkeyed);
}

std::string Sha256(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string ContentDigestHex(const google::protobuf::Message& message) {
  return absl::BytesToHexString(Sha256(DeterministicBytes(message)));
}

}  // namespace valore
