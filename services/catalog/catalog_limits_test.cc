#include "services/catalog/catalog_limits.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::catalog {
namespace {

using ::testing::HasSubstr;

TEST(CatalogLimitsTest, ASmallCatalogPasses) {
  v1::Catalog c;
  c.add_entities()->set_id("carpi");
  c.add_indicators()->set_code("00001");
  EXPECT_TRUE(CheckCatalogLimits(c).ok());
}

TEST(CatalogLimitsTest, NamesTheLimitACatalogIsOver) {
  v1::Catalog c;
  for (int i = 0; i <= kMaxIndicators; ++i) c.add_indicators();
  const absl::Status s = CheckCatalogLimits(c);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(s.message(), HasSubstr("catalog.indicators: 10001"));
  EXPECT_THAT(s.message(), HasSubstr("limit of 10000"));
}

TEST(CatalogLimitsTest, TargetsPerIndicatorAndBytes) {
  v1::Catalog c;
  v1::Indicator* i = c.add_indicators();
  for (int t = 0; t <= kMaxTargetsPerIndicator; ++t) i->add_targets();
  EXPECT_THAT(CheckCatalogLimits(c).message(),
              HasSubstr("catalog.indicators[0].targets"));
  v1::Catalog big;
  big.add_indicators()->set_title(std::string(kMaxCatalogBytes, 'x'));
  EXPECT_THAT(CheckCatalogLimits(big).message(), HasSubstr("bytes"));
}

}  // namespace
}  // namespace valore::catalog
