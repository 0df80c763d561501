#include "services/web/url_query.h"

#include <gtest/gtest.h>

namespace valore::web {
namespace {

TEST(UrlQueryTest, EncodesEveryValue) {
  EXPECT_EQ(UrlWithQuery("/inserimento", {{"periodo", "2023S2"},
                                          {"dirigente", "Susì Tinti"},
                                          {"ente", ""}}),
            "/inserimento?periodo=2023S2&dirigente=Sus%C3%AC%20Tinti&ente=");
  EXPECT_EQ(PercentEncode("a&b=c/d?e#f"), "a%26b%3Dc%2Fd%3Fe%23f");
  EXPECT_EQ(UrlWithQuery("/periodi", {}), "/periodi");
}

}  // namespace
}  // namespace valore::web
