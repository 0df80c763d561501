// Fixed-width big-endian key encoding: byte order equals numeric order, so
// RocksDB keeps one series contiguous and in time order.
#ifndef VALORE_STORAGE_KEY_CODEC_H_
#define VALORE_STORAGE_KEY_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace valore::storage {

void AppendU16(std::string* out, uint16_t v);
void AppendU32(std::string* out, uint32_t v);
void AppendU64(std::string* out, uint64_t v);

// Each reader consumes its bytes from the front of `in`; false (and `in`
// unchanged) when too few bytes remain.
bool ConsumeU16(absl::string_view* in, uint16_t* v);
bool ConsumeU32(absl::string_view* in, uint32_t* v);
bool ConsumeU64(absl::string_view* in, uint64_t* v);

// Bytes (under 4 GiB) preceded by their length as a protobuf varint: for
// values, not keys, since the order is not kept. Consume returns
// false (and leaves `in` unchanged) when the bytes are malformed or cut.
void AppendLengthPrefixed(std::string* out, absl::string_view bytes);
bool ConsumeLengthPrefixed(absl::string_view* in, absl::string_view* bytes);

// The smallest key greater than every key that starts with `prefix`; empty
// when there is none (prefix of all 0xff).
std::string PrefixSuccessor(absl::string_view prefix);

}  // namespace valore::storage

#endif  // VALORE_STORAGE_KEY_CODEC_H_
