#include "services/catalog/catalog_versions.h"

#include "gtest/gtest.h"

namespace valore::catalog {
namespace {

v1::CatalogVersion Header(int64_t version, int64_t seconds,
                          const std::string& effective_from) {
  v1::CatalogVersion h;
  h.set_version(version);
  h.mutable_create_time()->set_seconds(seconds);
  h.set_effective_from(effective_from);
  return h;
}

Period P(const char* text) { return *Period::Parse(text); }

constexpr int64_t kSecond = 1000000;

TEST(CatalogVersionsTest, BeforeAnyImportNoVersionIsInForce) {
  CatalogVersions versions;
  EXPECT_EQ(versions.InForce(P("2023S2"), 0), 0);
  EXPECT_EQ(versions.InForce(std::nullopt, 0), 0);
}

// The shipped folder (every period), next cycle's plan from 2025S1, then a
// correction of every period.
TEST(CatalogVersionsTest, ANextCyclesPlanLeavesPastPeriodsAlone) {
  CatalogVersions versions;
  versions.Add(Header(1, 100, ""));
  versions.Add(Header(2, 200, "2025S1"));
  EXPECT_EQ(versions.InForce(P("2023S2"), 0), 1);
  EXPECT_EQ(versions.InForce(P("2024S2"), 0), 1);
  EXPECT_EQ(versions.InForce(P("2025S1"), 0), 2);
  EXPECT_EQ(versions.InForce(P("2026S2"), 0), 2);
  EXPECT_EQ(versions.InForce(std::nullopt, 0), 2);

  versions.Add(Header(3, 300, ""));
  EXPECT_EQ(versions.InForce(P("2023S2"), 0), 3);
  EXPECT_EQ(versions.InForce(P("2025S1"), 0), 3);
  // As of a moment before the correction, the catalog as it stood then.
  EXPECT_EQ(versions.InForce(P("2023S2"), 250 * kSecond), 1);
  EXPECT_EQ(versions.InForce(P("2025S1"), 250 * kSecond), 2);
  EXPECT_EQ(versions.InForce(P("2023S2"), 300 * kSecond), 3);
  // Before the first import: none.
  EXPECT_EQ(versions.InForce(P("2023S2"), 50 * kSecond), 0);
}

TEST(CatalogVersionsTest, AVersionFromLaterOnAppliesToNoEarlierPeriod) {
  CatalogVersions versions;
  versions.Add(Header(1, 100, "2025S1"));
  EXPECT_EQ(versions.InForce(P("2024S2"), 0), 0);
  EXPECT_EQ(versions.InForce(P("2025S1"), 0), 1);
  ASSERT_EQ(versions.All().size(), 1u);
  EXPECT_EQ(versions.All()[0].effective_from(), "2025S1");
}

}  // namespace
}  // namespace valore::catalog
