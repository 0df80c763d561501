#include "common/entities.h"

#include "gtest/gtest.h"

namespace valore {
namespace {

TEST(EntitiesTest, TheDefaultIsTheUnionAndItsFourComuni) {
  const std::vector<v1::Entity> entities = DefaultEntities();
  ASSERT_EQ(entities.size(), 5u);
  EXPECT_EQ(entities[0].id(), "unione");
  EXPECT_EQ(entities[0].kind(), v1::Entity::KIND_UNION);
  for (size_t i = 1; i < entities.size(); ++i) {
    EXPECT_EQ(entities[i].kind(), v1::Entity::KIND_MUNICIPALITY);
  }
  EXPECT_EQ(entities[3].display_name(), "Comune di Novi di Modena");
}

TEST(EntitiesTest, TheUnionIsTheUnionEntityElseTheFirst) {
  v1::Catalog catalog;
  EXPECT_EQ(UnionEntityOf(catalog), "");
  v1::Entity* carpi = catalog.add_entities();
  carpi->set_id("carpi");
  carpi->set_kind(v1::Entity::KIND_MUNICIPALITY);
  EXPECT_EQ(UnionEntityOf(catalog), "carpi");
  v1::Entity* union_entity = catalog.add_entities();
  union_entity->set_id("utda");
  union_entity->set_kind(v1::Entity::KIND_UNION);
  EXPECT_EQ(UnionEntityOf(catalog), "utda");
}

}  // namespace
}  // namespace valore
