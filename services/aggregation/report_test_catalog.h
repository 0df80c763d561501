// A small catalog and its values for the tests of the report and the
// entity summaries: the Union and two comuni; one line with a flow summed
// over the entities and a level held by the Union; one executive objective.
#ifndef VALORE_SERVICES_AGGREGATION_REPORT_TEST_CATALOG_H_
#define VALORE_SERVICES_AGGREGATION_REPORT_TEST_CATALOG_H_

#include <string>

#include "common/target_parser.h"
#include "services/aggregation/report_builder.h"

namespace valore::aggregation::test_catalog {

inline void AddTarget(v1::Indicator* ind, int year, const std::string& entity,
                      const std::string& text) {
  v1::YearlyTarget* y = ind->add_targets();
  y->set_year(year);
  y->set_entity(entity);
  *y->mutable_target() = *ParseTarget(text);
}

inline v1::Catalog SmallCatalog() {
  v1::Catalog c;
  for (const auto& [id, kind] :
       {std::pair{"unione", v1::Entity::KIND_UNION},
        std::pair{"carpi", v1::Entity::KIND_MUNICIPALITY},
        std::pair{"soliera", v1::Entity::KIND_MUNICIPALITY}}) {
    v1::Entity* e = c.add_entities();
    e->set_id(id);
    e->set_display_name(id);
    e->set_kind(kind);
  }
  v1::ProgrammeLine* line = c.add_lines();
  line->set_code("01.01.01");
  line->set_dimension(v1::WELLBEING_DIMENSION_EDUCATIONAL);
  v1::Indicator* flow = c.add_indicators();
  flow->set_code("FLOW");
  flow->set_line_code("01.01.01");
  flow->set_kind(v1::INDICATOR_KIND_FLOW);
  flow->set_rollup(v1::ROLLUP_SUM);
  AddTarget(flow, 2023, "", "≥ 100");
  AddTarget(flow, 2023, "carpi", "≥ 40");
  v1::Indicator* level = c.add_indicators();
  level->set_code("LEVEL");
  level->set_line_code("01.01.01");
  level->set_rollup(v1::ROLLUP_NONE);
  AddTarget(level, 2023, "", "≥ 90%");
  v1::ExecutiveObjective* o = c.add_executive_objectives();
  o->set_code("S1.00001");
  o->set_line_code("01.01.01");
  o->set_dimension(v1::WELLBEING_DIMENSION_INSTITUTIONAL);
  return c;
}

inline v1::Value Number(double value, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Value v;
  v.mutable_number()->set_value(value);
  v.mutable_number()->set_unit(unit);
  return v;
}

// 2023S2: FLOW 30 (Union) + 50 (Carpi) + 10 (Soliera) = 90 of 100; LEVEL
// 95% held by the Union; the objective 100% achieved. 2023S1 (the semester
// before) and 2022S2 (the year before) have FLOW only.
inline ReportInputs SmallInputs(const v1::Catalog* catalog,
                                const std::string& scope) {
  ReportInputs in;
  in.catalog = catalog;
  in.period = Period(2023, 2);
  in.scope = scope;
  in.current["unione"]["FLOW"] = Number(30);
  in.current["carpi"]["FLOW"] = Number(50);
  in.current["soliera"]["FLOW"] = Number(10);
  in.current["unione"]["LEVEL"] = Number(95, v1::UNIT_PERCENT);
  in.current["unione"]["S1.00001"] = Number(100, v1::UNIT_PERCENT);
  in.current["carpi"]["S1.00001"] = Number(50, v1::UNIT_PERCENT);
  in.previous_semester["carpi"]["FLOW"] = Number(20);
  in.previous_year["carpi"]["FLOW"] = Number(70);
  return in;
}

}  // namespace valore::aggregation::test_catalog

#endif  // VALORE_SERVICES_AGGREGATION_REPORT_TEST_CATALOG_H_
