#include "services/common/call_log.h"

#include <gtest/gtest.h>

namespace valore {
namespace {

TEST(CallLogTest, AControlCharacterCannotStartALineOfItsOwn) {
  EXPECT_EQ(OneLine("GET /a\n2026-01-01T00:00:00Z forged"),
            "GET /a\\x0a2026-01-01T00:00:00Z forged");
  EXPECT_EQ(OneLine("tab\there\r\x7f"), "tab\\x09here\\x0d\\x7f");
  EXPECT_EQ(OneLine("Susì Tinti /inserimento"), "Susì Tinti /inserimento");
}

}  // namespace
}  // namespace valore
