#!/usr/bin/env python3
"""Writes google/api/field_behavior.proto as a FileDescriptorSet.

Debian bookworm ships no field_behavior.proto, but golang-google-genproto-dev
ships the Go code protoc generated from it, and that code embeds the file's
descriptor (a gzipped FileDescriptorProto). protoc reads the set with
--descriptor_set_in, both to compile the file itself to C++ and to resolve
the (google.api.field_behavior) options of the valore protos.

  field_behavior_descriptor.py GO_FILE OUT_FILE
"""
import gzip
import re
import sys


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def main(go_file, out_file):
    with open(go_file, encoding="utf-8") as f:
        source = f.read()
    match = re.search(r"var fileDescriptor_[0-9a-f]+ = \[\]byte\{(.*?)\n\}",
                      source, re.S)
    if match is None:
        sys.exit(f"{go_file}: no embedded file descriptor")
    gzipped = bytes(int(b, 16) for b in re.findall(r"0x([0-9a-f]{2})",
                                                   match.group(1)))
    descriptor = gzip.decompress(gzipped)
    if b"google/api/field_behavior.proto" not in descriptor:
        sys.exit(f"{go_file}: the descriptor is not field_behavior.proto's")
    # FileDescriptorSet { repeated FileDescriptorProto file = 1; }
    with open(out_file, "wb") as f:
        f.write(b"\x0a" + varint(len(descriptor)) + descriptor)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
