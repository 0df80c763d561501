#include "services/catalog/catalog_validator.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace valore::catalog {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Property;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

v1::SourceRef Src(const std::string& file, int row) {
  v1::SourceRef s;
  s.set_file(file);
  s.set_row(row);
  return s;
}

// Matches a problem by its field path and a part of its message.
::testing::Matcher<const v1::ImportProblem&> Problem(
    const std::string& field, const std::string& message_part) {
  return AllOf(Property(&v1::ImportProblem::field, field),
               Property(&v1::ImportProblem::message, HasSubstr(message_part)));
}

v1::Entity* AddEntity(v1::Catalog& c, const std::string& id, int row) {
  v1::Entity* e = c.add_entities();
  e->set_id(id);
  e->set_display_name("Ente " + id);
  *e->mutable_source() = Src("entities.csv", row);
  return e;
}

v1::StrategicDirection* AddDirection(v1::Catalog& c, const std::string& code,
                                     int row) {
  v1::StrategicDirection* d = c.add_directions();
  d->set_code(code);
  d->set_title("Indirizzo " + code);
  *d->mutable_source() = Src("dup_indicators.csv", row);
  return d;
}

v1::StrategicObjective* AddStrategicObjective(v1::Catalog& c,
                                              const std::string& direction,
                                              const std::string& code,
                                              int row) {
  v1::StrategicObjective* o = c.add_strategic_objectives();
  o->set_direction_code(direction);
  o->set_code(code);
  o->set_title("Obiettivo strategico " + code);
  *o->mutable_source() = Src("dup_indicators.csv", row);
  return o;
}

v1::ProgrammeLine* AddLine(v1::Catalog& c, const std::string& direction,
                           const std::string& objective,
                           const std::string& line, int row) {
  v1::ProgrammeLine* l = c.add_lines();
  l->set_direction_code(direction);
  l->set_strategic_objective_code(objective);
  l->set_operational_objective_code(line);
  l->set_code(direction + "." + objective + "." + line);
  l->set_title("Linea " + l->code());
  l->set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  *l->mutable_source() = Src("dup_lines.csv", row);
  return l;
}

v1::Sector* AddSector(v1::Catalog& c, const std::string& code, int row) {
  v1::Sector* s = c.add_sectors();
  s->set_code(code);
  s->set_display_name("Settore " + code);
  *s->mutable_source() = Src("sectors.csv", row);
  return s;
}

v1::Indicator* AddIndicator(v1::Catalog& c, const std::string& code,
                            const std::string& line, int row) {
  v1::Indicator* ind = c.add_indicators();
  ind->set_code(code);
  ind->set_title("Indicatore " + code);
  ind->set_line_code(line);
  ind->set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  *ind->mutable_source() = Src("dup_indicators.csv", row);
  return ind;
}

// "> 85%" for `year`, for every entity unless `entity` is given.
v1::YearlyTarget* AddTarget(v1::Indicator* ind, int year,
                            const std::string& entity = "") {
  v1::YearlyTarget* y = ind->add_targets();
  y->set_year(year);
  y->set_entity(entity);
  v1::Target* t = y->mutable_target();
  t->mutable_threshold();
  t->set_text("> 85%");
  v1::TargetComponent* comp = t->mutable_threshold()->add_components();
  comp->set_comparator(v1::COMPARATOR_GREATER);
  comp->mutable_threshold()->set_value(85);
  comp->mutable_threshold()->set_unit(v1::UNIT_PERCENT);
  return y;
}

v1::ExecutiveObjective* AddObjective(v1::Catalog& c, const std::string& code,
                                     int row) {
  v1::ExecutiveObjective* o = c.add_executive_objectives();
  o->set_code(code);
  o->set_title("Obiettivo " + code);
  o->set_line_code("01.01.01");
  o->set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  o->set_weight_text("100%");
  *o->mutable_source() = Src("performance_objectives.csv", row);
  return o;
}

v1::SectorWeight* AddWeight(v1::ExecutiveObjective* o,
                            const std::string& sector, double percent) {
  v1::SectorWeight* w = o->add_weights();
  w->set_sector(sector);
  w->set_percent(percent);
  return w;
}

// A small catalog that breaks no rule: two entities, one branch of the DUP
// tree with one indicator, one executive objective, two sectors.
v1::Catalog ValidCatalog() {
  v1::Catalog c;
  AddEntity(c, "unione", 1)->set_kind(v1::Entity::KIND_UNION);
  AddEntity(c, "novi-di-modena", 2)->set_kind(v1::Entity::KIND_MUNICIPALITY);
  AddDirection(c, "01", 1);
  AddStrategicObjective(c, "01", "01", 1);
  AddLine(c, "01", "01", "01", 1);
  AddSector(c, "S1", 1);
  AddSector(c, "DG", 2);
  v1::Indicator* ind = AddIndicator(c, "00002", "01.01.01", 1);
  AddTarget(ind, 2023);
  AddWeight(AddObjective(c, "S1.00001", 1), "S1", 100);
  return c;
}

TEST(ValidateCatalogTest, ValidCatalogHasNoProblems) {
  EXPECT_THAT(ValidateCatalog(ValidCatalog()), IsEmpty());
}

TEST(ValidateCatalogTest, ValidCatalogWithEverythingOptionalHasNoProblems) {
  v1::Catalog c = ValidCatalog();
  // An indicator outside the DUP tree, an entity's own target, a shared
  // objective with two sector weights at the bounds, a full policy.
  AddIndicator(c, "moduli_online", "", 2);
  AddTarget(c.mutable_indicators(0), 2023, "novi-di-modena");
  AddTarget(c.mutable_indicators(0), 2024);
  v1::ExecutiveObjective* shared = AddObjective(c, "DG.00005/S1.00004", 2);
  AddWeight(shared, "DG", 0);
  AddWeight(shared, "S1", 100);
  c.mutable_policy()->set_partly_achieved_ratio(2.0 / 3.0);
  c.mutable_policy()->set_band_partly_multiplier(2);
  c.mutable_policy()->set_objective_achieved_percent(100);
  c.mutable_policy()->set_objective_partly_percent(66.67);
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());
}

TEST(ValidateCatalogTest, UpperCaseEntityId) {
  v1::Catalog c = ValidCatalog();
  c.mutable_entities(1)->set_id("Carpi");
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("entities[1].id", "\"Carpi\"")));
  EXPECT_EQ(problems[0].source().file(), "entities.csv");
  EXPECT_EQ(problems[0].source().row(), 2);
}

TEST(ValidateCatalogTest, EmptyEntityId) {
  v1::Catalog c = ValidCatalog();
  c.mutable_entities(0)->set_id("");
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("entities[0].id", "\"\" is not")));
}

TEST(ValidateCatalogTest, EntityIdLength) {
  v1::Catalog c = ValidCatalog();
  const std::string longest(kMaxCodeBytes, 'a');
  c.mutable_entities(1)->set_id(longest);
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());

  const std::string too_long(kMaxCodeBytes + 1, 'a');
  c.mutable_entities(1)->set_id(too_long);
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("entities[1].id", "\"" + too_long + "\"")));
}

TEST(ValidateCatalogTest, EntityIdWithOtherCharacters) {
  for (const char* id : {"novi di modena", "carpi_1", "soliera.", "unione/2"}) {
    v1::Catalog c = ValidCatalog();
    c.mutable_entities(1)->set_id(id);
    EXPECT_THAT(
        ValidateCatalog(c),
        ElementsAre(Problem("entities[1].id", std::string("\"") + id + "\"")))
        << id;
  }
}

TEST(ValidateCatalogTest, DuplicateEntityIdNamesBothRows) {
  v1::Catalog c = ValidCatalog();
  AddEntity(c, "novi-di-modena", 3);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems,
              ElementsAre(Problem("entities[2].id", "\"novi-di-modena\"")));
  // The problem is at the second row and its message names the first.
  EXPECT_EQ(problems[0].source().file(), "entities.csv");
  EXPECT_EQ(problems[0].source().row(), 3);
  EXPECT_THAT(problems[0].message(), HasSubstr("also at entities.csv row 2"));
}

TEST(ValidateCatalogTest, DuplicateDirectionCode) {
  v1::Catalog c = ValidCatalog();
  AddDirection(c, "01", 7);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("directions[1].code", "\"01\"")));
  EXPECT_EQ(problems[0].source().row(), 7);
  EXPECT_THAT(problems[0].message(),
              HasSubstr("also at dup_indicators.csv row 1"));
}

TEST(ValidateCatalogTest, DuplicateStrategicObjectiveWithinItsDirection) {
  v1::Catalog c = ValidCatalog();
  // The same code under another direction is a different objective.
  AddDirection(c, "02", 5);
  AddStrategicObjective(c, "02", "01", 5);
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());

  AddStrategicObjective(c, "01", "01", 9);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("strategic_objectives[2].code",
                                            "\"01.01\"")));
  EXPECT_EQ(problems[0].source().row(), 9);
  EXPECT_THAT(problems[0].message(),
              HasSubstr("also at dup_indicators.csv row 1"));
}

TEST(ValidateCatalogTest, StrategicObjectiveOfUnknownDirection) {
  v1::Catalog c = ValidCatalog();
  AddStrategicObjective(c, "07", "01", 4);
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(Problem("strategic_objectives[1].direction_code", "\"07\"")));
}

TEST(ValidateCatalogTest, DuplicateLineCode) {
  v1::Catalog c = ValidCatalog();
  AddLine(c, "01", "01", "01", 12);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("lines[1].code", "\"01.01.01\"")));
  EXPECT_EQ(problems[0].source().file(), "dup_lines.csv");
  EXPECT_EQ(problems[0].source().row(), 12);
  EXPECT_THAT(problems[0].message(), HasSubstr("also at dup_lines.csv row 1"));
}

TEST(ValidateCatalogTest, DuplicateSectorCode) {
  v1::Catalog c = ValidCatalog();
  AddSector(c, "S1", 3);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("sectors[2].code", "\"S1\"")));
  EXPECT_EQ(problems[0].source().row(), 3);
  EXPECT_THAT(problems[0].message(), HasSubstr("also at sectors.csv row 1"));
}

TEST(ValidateCatalogTest, LineCodeMustJoinItsParts) {
  v1::Catalog c = ValidCatalog();
  v1::ProgrammeLine* l = AddLine(c, "01", "01", "02", 2);
  l->set_code("01.01.03");
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("lines[1].code",
                                  "\"01.01.03\" should be \"01.01.02\"")));
}

TEST(ValidateCatalogTest, LineOfUnknownStrategicObjective) {
  v1::Catalog c = ValidCatalog();
  AddLine(c, "01", "04", "01", 2);
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(Problem("lines[1].strategic_objective_code", "\"01.04\"")));
}

TEST(ValidateCatalogTest, LineWithoutDimension) {
  v1::Catalog c = ValidCatalog();
  c.mutable_lines(0)->clear_dimension();
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("lines[0].dimension", "required")));
}

TEST(ValidateCatalogTest, IndicatorOfUnknownLine) {
  v1::Catalog c = ValidCatalog();
  AddIndicator(c, "00003", "01.01.09", 2);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems,
              ElementsAre(Problem("indicators[1].line_code", "\"01.01.09\"")));
  EXPECT_EQ(problems[0].source().row(), 2);
}

TEST(ValidateCatalogTest, IndicatorsAndObjectivesShareOneNamespace) {
  v1::Catalog c = ValidCatalog();
  AddWeight(AddObjective(c, "00002", 4), "S1", 10);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("executive_objectives[1].code",
                                            "\"00002\"")));
  EXPECT_EQ(problems[0].source().file(), "performance_objectives.csv");
  EXPECT_EQ(problems[0].source().row(), 4);
  EXPECT_THAT(problems[0].message(),
              HasSubstr("also at dup_indicators.csv row 1"));
}

TEST(ValidateCatalogTest, DuplicateIndicatorCode) {
  v1::Catalog c = ValidCatalog();
  AddIndicator(c, "00002", "01.01.01", 5);
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("indicators[1].code", "\"00002\"")));
}

TEST(ValidateCatalogTest, TargetYearOutOfRange) {
  v1::Catalog c = ValidCatalog();
  v1::Indicator* ind = c.mutable_indicators(0);
  AddTarget(ind, 1900);
  AddTarget(ind, 9999);
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());

  AddTarget(ind, 1899);
  AddTarget(ind, 10000);
  AddTarget(ind, 0);
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(Problem("indicators[0].targets[3].year", "1899"),
                  Problem("indicators[0].targets[4].year", "10000"),
                  Problem("indicators[0].targets[5].year", "0 is not a year")));
}

TEST(ValidateCatalogTest, TargetForUnknownEntity) {
  v1::Catalog c = ValidCatalog();
  AddTarget(c.mutable_indicators(0), 2023, "modena");
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems, ElementsAre(Problem("indicators[0].targets[1].entity",
                                            "\"modena\"")));
  EXPECT_EQ(problems[0].source().file(), "dup_indicators.csv");
}

TEST(ValidateCatalogTest, TwoTargetsForTheSameYearAndEntity) {
  v1::Catalog c = ValidCatalog();
  v1::Indicator* ind = c.mutable_indicators(0);
  // 2023 for every entity exists; one more for the Union is fine.
  AddTarget(ind, 2023, "unione");
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());

  AddTarget(ind, 2023);
  AddTarget(ind, 2023, "unione");
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("indicators[0].targets[2]", "2023"),
                          Problem("indicators[0].targets[3]", "2023 unione")));
}

TEST(ValidateCatalogTest, NonFiniteThreshold) {
  v1::Catalog c = ValidCatalog();
  v1::Target* t = c.mutable_indicators(0)->mutable_targets(0)->mutable_target();
  t->mutable_threshold()->mutable_components(0)->mutable_threshold()->set_value(
      kNaN);
  v1::TargetComponent* second = t->mutable_threshold()->add_components();
  second->mutable_threshold()->set_value(
      std::numeric_limits<double>::infinity());
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(
          Problem("indicators[0].targets[0].target.threshold.components[0]",
                  "finite"),
          Problem("indicators[0].targets[0].target.threshold.components[1]",
                  "finite")));
}

TEST(ValidateCatalogTest, BandWidthMustBeFiniteAndNotNegative) {
  v1::Catalog c = ValidCatalog();
  v1::Target* t = c.mutable_indicators(0)->mutable_targets(0)->mutable_target();
  t->mutable_band()->set_width(-3);
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("indicators[0].targets[0].target.band.width",
                                  "finite")));
}

TEST(ValidateCatalogTest, ThresholdsNeedConditionsAndCountsABound) {
  v1::Catalog c = ValidCatalog();
  v1::Target* t = c.mutable_indicators(0)->mutable_targets(0)->mutable_target();
  t->mutable_threshold()->clear_components();
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem(
                  "indicators[0].targets[0].target.threshold.components",
                  "0 conditions")));
  t->mutable_entity_count()->set_required(-1);
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(Problem("indicators[0].targets[0].target.entity_count",
                          "0 to 10000")));
}

TEST(ValidateCatalogTest, WeightForUnknownSector) {
  v1::Catalog c = ValidCatalog();
  AddWeight(c.mutable_executive_objectives(0), "S7", 5);
  const auto problems = ValidateCatalog(c);
  ASSERT_THAT(problems,
              ElementsAre(Problem("executive_objectives[0].weights[1].sector",
                                  "\"S7\"")));
  EXPECT_EQ(problems[0].source().file(), "performance_objectives.csv");
  EXPECT_EQ(problems[0].source().row(), 1);
}

TEST(ValidateCatalogTest, WeightOutOfRange) {
  v1::Catalog c = ValidCatalog();
  v1::ExecutiveObjective* o = c.mutable_executive_objectives(0);
  AddWeight(o, "DG", 120);
  AddWeight(o, "DG", -1);
  AddWeight(o, "DG", kNaN);
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(
          Problem("executive_objectives[0].weights[1].percent", "120"),
          Problem("executive_objectives[0].weights[2].percent", "-1"),
          Problem("executive_objectives[0].weights[3].percent", "nan")));
}

TEST(ValidateCatalogTest, TextLengthLimit) {
  v1::Catalog c = ValidCatalog();
  c.mutable_indicators(0)->set_title(std::string(kMaxTextBytes, 'x'));
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());

  c.mutable_indicators(0)->set_title(std::string(kMaxTextBytes + 1, 'x'));
  c.mutable_directions(0)->set_title(std::string(kMaxTextBytes + 1, 'x'));
  c.mutable_entities(0)->set_display_name(std::string(kMaxTextBytes + 1, 'x'));
  const std::string size = std::to_string(kMaxTextBytes + 1);
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("entities[0].display_name", size),
                          Problem("directions[0].title", size),
                          Problem("indicators[0].title", size)));
}

TEST(ValidateCatalogTest, OverlongTargetText) {
  v1::Catalog c = ValidCatalog();
  c.mutable_indicators(0)->mutable_targets(0)->mutable_target()->set_text(
      std::string(kMaxTextBytes + 1, '9'));
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("indicators[0].targets[0].target.text",
                                  std::to_string(kMaxTextBytes + 1))));
}

TEST(ValidateCatalogTest, TitlesAreRequired) {
  v1::Catalog c = ValidCatalog();
  c.mutable_directions(0)->clear_title();
  c.mutable_strategic_objectives(0)->clear_title();
  c.mutable_lines(0)->clear_title();
  c.mutable_indicators(0)->clear_title();
  c.mutable_executive_objectives(0)->clear_title();
  EXPECT_THAT(
      ValidateCatalog(c),
      ElementsAre(Problem("directions[0].title", "required"),
                  Problem("strategic_objectives[0].title", "required"),
                  Problem("lines[0].title", "required"),
                  Problem("indicators[0].title", "required"),
                  Problem("executive_objectives[0].title", "required")));
}

TEST(ValidateCatalogTest, PolicyZeroMeansDefault) {
  v1::Catalog c = ValidCatalog();
  c.mutable_policy()->set_partly_achieved_ratio(0);
  c.mutable_policy()->set_band_partly_multiplier(0);
  c.mutable_policy()->set_objective_achieved_percent(0);
  c.mutable_policy()->set_objective_partly_percent(0);
  EXPECT_THAT(ValidateCatalog(c), IsEmpty());
}

TEST(ValidateCatalogTest, PolicyOutOfRange) {
  v1::Catalog c = ValidCatalog();
  c.mutable_policy()->set_partly_achieved_ratio(1.5);
  c.mutable_policy()->set_band_partly_multiplier(0.5);
  c.mutable_policy()->set_objective_achieved_percent(101);
  c.mutable_policy()->set_objective_partly_percent(-5);
  const auto problems = ValidateCatalog(c);
  EXPECT_THAT(problems,
              ElementsAre(Problem("policy.partly_achieved_ratio", "1.5"),
                          Problem("policy.band_partly_multiplier", "0.5"),
                          Problem("policy.objective_achieved_percent", "101"),
                          Problem("policy.objective_partly_percent", "-5")));
  for (const v1::ImportProblem& p : problems) {
    EXPECT_TRUE(p.source().file().empty()) << p.field();
  }
}

TEST(ValidateCatalogTest, PolicyNotANumber) {
  v1::Catalog c = ValidCatalog();
  c.mutable_policy()->set_partly_achieved_ratio(kNaN);
  c.mutable_policy()->set_objective_partly_percent(
      std::numeric_limits<double>::infinity());
  EXPECT_THAT(ValidateCatalog(c),
              ElementsAre(Problem("policy.partly_achieved_ratio", "nan"),
                          Problem("policy.objective_partly_percent", "inf")));
}

TEST(ValidateCatalogTest, EmptyEntityList) {
  v1::Catalog c = ValidCatalog();
  c.clear_entities();
  EXPECT_THAT(ValidateCatalog(c), ElementsAre(Problem("entities", "entity")));
}

TEST(ValidateCatalogTest, EveryProblemIsListed) {
  v1::Catalog c = ValidCatalog();
  c.mutable_entities(0)->set_id("UNIONE");
  c.mutable_lines(0)->clear_dimension();
  AddWeight(c.mutable_executive_objectives(0), "S9", 5);
  EXPECT_EQ(ValidateCatalog(c).size(), 3u);
}

}  // namespace
}  // namespace valore::catalog
