#include "storage/key_codec.h"

#include "google/protobuf/io/coded_stream.h"

namespace valore::storage {
namespace {

// Writes the `bytes` low-order bytes of `v`, most significant first, so that
// byte-wise comparison of encodings equals numeric comparison.
void AppendBigEndian(std::string* out, uint64_t v, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

bool ConsumeBigEndian(absl::string_view* in, int bytes, uint64_t* v) {
  if (in->size() < static_cast<size_t>(bytes)) return false;
  uint64_t result = 0;
  for (int i = 0; i < bytes; ++i) {
    result = (result << 8) | static_cast<unsigned char>((*in)[i]);
  }
  in->remove_prefix(bytes);
  *v = result;
  return true;
}

}  // namespace

void AppendU16(std::string* out, uint16_t v) { AppendBigEndian(out, v, 2); }
void AppendU32(std::string* out, uint32_t v) { AppendBigEndian(out, v, 4); }
void AppendU64(std::string* out, uint64_t v) { AppendBigEndian(out, v, 8); }

bool ConsumeU16(absl::string_view* in, uint16_t* v) {
  uint64_t wide;
  if (!ConsumeBigEndian(in, 2, &wide)) return false;
  *v = static_cast<uint16_t>(wide);
  return true;
}

bool ConsumeU32(absl::string_view* in, uint32_t* v) {
  uint64_t wide;
  if (!ConsumeBigEndian(in, 4, &wide)) return false;
  *v = static_cast<uint32_t>(wide);
  return true;
}

bool ConsumeU64(absl::string_view* in, uint64_t* v) {
  return ConsumeBigEndian(in, 8, v);
}

void AppendLengthPrefixed(std::string* out, absl::string_view bytes) {
  using google::protobuf::io::CodedOutputStream;
  uint8_t size[5];  // a 32-bit varint's most
  const uint8_t* end = CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(bytes.size()), size);
  out->append(reinterpret_cast<const char*>(size), end - size);
  out->append(bytes.data(), bytes.size());
}

bool ConsumeLengthPrefixed(absl::string_view* in, absl::string_view* bytes) {
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t*>(in->data()),
      static_cast<int>(in->size()));
  uint32_t size = 0;
  if (!stream.ReadVarint32(&size)) return false;
  const size_t used = static_cast<size_t>(stream.CurrentPosition());
  if (in->size() - used < size) return false;
  *bytes = in->substr(used, size);
  in->remove_prefix(used + size);
  return true;
}

std::string PrefixSuccessor(absl::string_view prefix) {
  // Drop trailing 0xff bytes (they cannot be incremented), then increment the
  // last remaining byte.
  std::string result(prefix);
  while (!result.empty()) {
    unsigned char last = static_cast<unsigned char>(result.back());
    if (last != 0xff) {
      result.back() = static_cast<char>(last + 1);
      return result;
    }
    result.pop_back();
  }
  return result;
}

}  // namespace valore::storage
