#include "services/gateway/path_template.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(PathTemplateTest, ParsesLiteralsAndVariables) {
  absl::StatusOr<PathTemplate> parsed =
      ParsePathTemplate("/v1/{parent=entities/*/items/*}/periods");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->segments.size(), 6u);
  EXPECT_EQ(parsed->segments[0].literal, "v1");
  EXPECT_TRUE(parsed->segments[2].wildcard());
  ASSERT_EQ(parsed->variables.size(), 1u);
  EXPECT_EQ(parsed->variables[0].field_path, "parent");
  EXPECT_EQ(parsed->variables[0].first_segment, 1u);
  EXPECT_EQ(parsed->variables[0].end_segment, 5u);
  EXPECT_EQ(LiteralCount(*parsed), 4u);
}

TEST(PathTemplateTest, RefusesWhatModiUrlsDoNotUse) {
  EXPECT_FALSE(ParsePathTemplate("/v1/{name=periods/*}:lock").ok());
  EXPECT_FALSE(ParsePathTemplate("/v1/{name=**}").ok());
  EXPECT_FALSE(ParsePathTemplate("v1/entities").ok());
  EXPECT_FALSE(ParsePathTemplate("/v1//entities").ok());
  EXPECT_FALSE(ParsePathTemplate("/v1/{name=entities/*").ok());
  EXPECT_FALSE(ParsePathTemplate("/v1/{Name}").ok());
  absl::StatusOr<PathTemplate> verb = ParsePathTemplate("/v1/periods:lock");
  EXPECT_THAT(std::string(verb.status().message()),
              ::testing::HasSubstr("/v1/periods:lock"));
}

TEST(PathTemplateTest, UrlIsKebabCaseWithNamedParameters) {
  absl::StatusOr<PathTemplate> parsed =
      ParsePathTemplate("/v1/{name=executiveObjectives/*}");
  ASSERT_TRUE(parsed.ok());
  UrlTemplate url = UrlTemplateOf(*parsed);
  EXPECT_EQ(url.path, "/v1/executive-objectives/{executive_objective}");
  ASSERT_EQ(url.parameters.size(), 1u);
  EXPECT_EQ(url.parameters[0].field_path, "name");

  parsed = ParsePathTemplate("/v1/snapshots/{period}/versions");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(UrlTemplateOf(*parsed).path, "/v1/snapshots/{period}/versions");

  parsed =
      ParsePathTemplate("/v1/{parent=scopes/*/periods/*}/validatedOutcomes");
  ASSERT_TRUE(parsed.ok());
  url = UrlTemplateOf(*parsed);
  EXPECT_EQ(url.path, "/v1/scopes/{scope}/periods/{period}/validated-outcomes");
  EXPECT_EQ(url.parameters.size(), 2u);
}

TEST(PathTemplateTest, MatchRebuildsTheResourceNameInItsOwnSpelling) {
  absl::StatusOr<PathTemplate> parsed =
      ParsePathTemplate("/v1/{name=executiveObjectives/*}");
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(*MatchPath(*parsed, {"v1", "executive-objectives", "S5.00016"}),
              ElementsAre(Pair("name", "executiveObjectives/S5.00016")));
  EXPECT_FALSE(MatchPath(*parsed, {"v1", "executiveObjectives", "S5.00016"})
                   .has_value());
  EXPECT_FALSE(MatchPath(*parsed, {"v1", "executive-objectives", ""}));
  EXPECT_FALSE(MatchPath(*parsed, {"v1", "executive-objectives"}));

  parsed = ParsePathTemplate("/v1/{scope=entities/*}/periods/{period}/report");
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(
      *MatchPath(*parsed,
                 {"v1", "entities", "carpi", "periods", "2023S2", "report"}),
      ElementsAre(Pair("scope", "entities/carpi"), Pair("period", "2023S2")));
}

TEST(PathTemplateTest, ParameterNamesAreSingularSnakeCase) {
  EXPECT_EQ(ParameterNameFor("entities"), "entity");
  EXPECT_EQ(ParameterNameFor("catalogVersions"), "catalog_version");
  EXPECT_EQ(ParameterNameFor("lines"), "line");
  EXPECT_EQ(KebabCase("batchWrite"), "batch-write");
  EXPECT_EQ(KebabCase("v1"), "v1");
}

TEST(PathTemplateTest, ResourceNamesMapToUrlsCollectionByCollection) {
  EXPECT_EQ(
      UrlPathOfName("scopes/union/periods/2023S2/validatedOutcomes/00040"),
      "scopes/union/periods/2023S2/validated-outcomes/00040");
  EXPECT_EQ(UrlPathOfName("executiveObjectives/DG.00005~S4.00004"),
            "executive-objectives/DG.00005~S4.00004");
  // Ids keep their spelling, even when they look like camelCase.
  EXPECT_EQ(UrlPathOfName("entities/novDiModena"), "entities/novDiModena");
}

}  // namespace
}  // namespace valore::gateway
