#include "common/message_digest.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "valore/v1/capture.pb.h"

namespace valore {
namespace {

TEST(MessageDigestTest, SameContentSameDigest) {
  v1::Measurement a;
  a.set_entity("carpi");
  a.set_item("00002");
  v1::Measurement b = a;
  EXPECT_EQ(DeterministicBytes(a), DeterministicBytes(b));
  EXPECT_EQ(ContentDigestHex(a), ContentDigestHex(b));
  EXPECT_EQ(ContentDigestHex(a).size(), 64u);
  b.set_item("00003");
  EXPECT_NE(ContentDigestHex(a), ContentDigestHex(b));
}

TEST(MessageDigestTest, Sha256OfAKnownText) {
  EXPECT_EQ(absl::BytesToHexString(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace valore
