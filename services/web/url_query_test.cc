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

TEST(UrlQueryTest, AFormSendsBackOnlyToOneOfThePages) {
  auto is_page = [](const std::string& path) {
    return path == "/periodi" || path == "/inserimento";
  };
  EXPECT_EQ(LocalReturn("/periodi?periodo=2023S2", is_page),
            "/periodi?periodo=2023S2");
  EXPECT_EQ(LocalReturn("/inserimento?dirigente=Sus%C3%AC%20Tinti", is_page),
            "/inserimento?dirigente=Sus%C3%AC%20Tinti");
  for (const char* elsewhere :
       {"//evil.example/periodi", "/\\evil.example", "https://evil.example",
        "/periodi/../x", "/\t/evil.example", "/periodi?x=<script>",
        "/periodi?x=a\"b", ""}) {
    EXPECT_EQ(LocalReturn(elsewhere, is_page), "") << elsewhere;
  }
}

}  // namespace
}  // namespace valore::web
