#include "bench/dataset.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/italian_number.h"
#include "common/period.h"
#include "common/target_parser.h"
#include "common/value_fit.h"
#include "importer/data_folder.h"

namespace valore::bench {
namespace {

constexpr int kDirections = 5;
constexpr int kObjectivesPerDirection = 2;
constexpr int kLinesPerObjective = 3;

// A well-mixed 64-bit hash (splitmix64 finaliser): the generator's only
// source of variation, so every run produces the same data.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A number in [0, 1) for a (entity, item, period) cell.
double Unit01(uint64_t a, uint64_t b, uint64_t c) {
  const uint64_t h = Mix(Mix(Mix(a) ^ b) ^ c);
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);
}

const v1::WellbeingDimension kDimensions[] = {
    v1::WELLBEING_DIMENSION_ENVIRONMENTAL,
    v1::WELLBEING_DIMENSION_CARE,
    v1::WELLBEING_DIMENSION_ECONOMIC,
    v1::WELLBEING_DIMENSION_EDUCATIONAL,
    v1::WELLBEING_DIMENSION_SOCIAL,
    v1::WELLBEING_DIMENSION_SOCIAL_SAFETY,
    v1::WELLBEING_DIMENSION_SOCIAL_URBAN,
    v1::WELLBEING_DIMENSION_INSTITUTIONAL,
};

// Indicators cycle through four kinds of measure.
enum class Measure { kPercent, kCount, kDays, kEuro };
Measure MeasureOf(int i) { return static_cast<Measure>(i % 4); }

v1::Unit UnitOf(Measure m) {
  switch (m) {
    case Measure::kPercent:
      return v1::UNIT_PERCENT;
    case Measure::kCount:
      return v1::UNIT_COUNT;
    case Measure::kDays:
      return v1::UNIT_DAYS;
    case Measure::kEuro:
      return v1::UNIT_EURO;
  }
  return v1::UNIT_NUMBER;
}

// The yearly target's threshold of indicator i (the same every year, a
// little higher each year for "higher is better").
double Threshold(int i, int year) {
  const double base = 20 + (Mix(i) % 70);
  switch (MeasureOf(i)) {
    case Measure::kPercent:
      return std::min(99.0, base + (year - kFirstYear));
    case Measure::kCount:
      return base * 10 + (year - kFirstYear) * 5;
    case Measure::kDays:
      return 10 + base / 2;
    case Measure::kEuro:
      return base * 1000;
  }
  return base;
}

std::string Display(double value, Measure m) {
  switch (m) {
    case Measure::kPercent:
      return FormatItalian(value, 1) + "%";
    case Measure::kCount:
      return FormatItalian(value, 0);
    case Measure::kDays:
      return FormatItalian(value, 0) + " giorni";
    case Measure::kEuro:
      return FormatItalian(value, 2) + " euro";
  }
  return FormatItalian(value, 2);
}

}  // namespace

std::string EntityId(int e) { return absl::StrFormat("comune-%04d", e + 1); }

std::string IndicatorCode(int i) { return absl::StrFormat("%05d", 10001 + i); }

std::string SemesterName(int p) {
  return Period(kFirstYear + p / 2, 1 + p % 2).ToString();
}

v1::Catalog NationalCatalog(const NationalShape& shape) {
  v1::Catalog c;
  for (int e = 0; e < shape.entities; ++e) {
    v1::Entity* entity = c.add_entities();
    entity->set_id(EntityId(e));
    entity->set_display_name(absl::StrFormat("Comune n. %d", e + 1));
    entity->set_kind(v1::Entity::KIND_MUNICIPALITY);
  }
  std::vector<std::string> lines;
  for (int d = 0; d < kDirections; ++d) {
    v1::StrategicDirection* dir = c.add_directions();
    dir->set_code(absl::StrFormat("%02d", d + 1));
    dir->set_title(absl::StrCat("Indirizzo strategico ", d + 1));
    for (int o = 0; o < kObjectivesPerDirection; ++o) {
      v1::StrategicObjective* so = c.add_strategic_objectives();
      so->set_direction_code(dir->code());
      so->set_code(absl::StrFormat("%02d", o + 1));
      so->set_title(absl::StrCat("Obiettivo strategico ", d + 1, ".", o + 1));
      for (int l = 0; l < kLinesPerObjective; ++l) {
        v1::ProgrammeLine* line = c.add_lines();
        line->set_direction_code(dir->code());
        line->set_strategic_objective_code(so->code());
        line->set_operational_objective_code(absl::StrFormat("%02d", l + 1));
        line->set_code(absl::StrCat(dir->code(), ".", so->code(), ".",
                                    line->operational_objective_code()));
        line->set_title(absl::StrCat("Linea di programmazione ", line->code()));
        line->set_dimension(kDimensions[lines.size() % 8]);
        line->add_managers(absl::StrCat("Dirigente ", d + 1));
        lines.push_back(line->code());
      }
    }
  }
  for (int i = 0; i < shape.indicators; ++i) {
    v1::Indicator* ind = c.add_indicators();
    const Measure m = MeasureOf(i);
    ind->set_code(IndicatorCode(i));
    ind->set_line_code(lines[i % lines.size()]);
    ind->set_dimension(kDimensions[i % 8]);
    ind->set_manager(absl::StrCat("Dirigente ", 1 + i % kDirections));
    ind->set_unit(UnitOf(m));
    ind->set_kind(m == Measure::kCount ? v1::INDICATOR_KIND_FLOW
                                       : v1::INDICATOR_KIND_LEVEL);
    ind->set_rollup(m == Measure::kCount ? v1::ROLLUP_SUM : v1::ROLLUP_MEAN);
    switch (m) {
      case Measure::kPercent:
        ind->set_title(absl::StrCat("% di pratiche concluse nei termini (",
                                    ind->code(), ")"));
        break;
      case Measure::kCount:
        ind->set_title(
            absl::StrCat("N. di utenti serviti (", ind->code(), ")"));
        break;
      case Measure::kDays:
        ind->set_title(
            absl::StrCat("Tempo medio di risposta (", ind->code(), ")"));
        break;
      case Measure::kEuro:
        ind->set_title(absl::StrCat("Entrate riscosse (", ind->code(), ")"));
        break;
    }
    const int years = (shape.semesters + 1) / 2 + 1;
    for (int y = 0; y < years; ++y) {
      const int year = kFirstYear + y;
      const double t = Threshold(i, year);
      v1::YearlyTarget* yt = ind->add_targets();
      yt->set_year(year);
      v1::Target* target = yt->mutable_target();
      target->mutable_threshold();
      v1::TargetComponent* comp = target->mutable_threshold()->add_components();
      const bool lower = m == Measure::kDays;
      comp->set_comparator(lower ? v1::COMPARATOR_AT_MOST
                                 : v1::COMPARATOR_AT_LEAST);
      comp->mutable_threshold()->set_value(t);
      comp->mutable_threshold()->set_unit(UnitOf(m));
      target->set_text(absl::StrCat(lower ? "≤ " : "≥ ", Display(t, m)));
    }
  }
  return c;
}

double NationalValue(int e, int i, int p) {
  const double t = Threshold(i, kFirstYear + p / 2);
  // Around the target: from 60% to 125% of it, so every outcome occurs.
  const double f = 0.6 + 0.65 * Unit01(e, i, p);
  double v = t * f;
  switch (MeasureOf(i)) {
    case Measure::kPercent:
      return std::round(std::min(100.0, v) * 10) / 10;
    case Measure::kCount:
    case Measure::kDays:
      return std::round(v);
    case Measure::kEuro:
      return std::round(v * 100) / 100;
  }
  return v;
}

void NationalRecord(int e, int i, int p, v1::Measurement* out) {
  out->Clear();
  out->set_entity(EntityId(e));
  out->set_item(IndicatorCode(i));
  out->set_period(SemesterName(p));
  const Measure m = MeasureOf(i);
  const double v = NationalValue(e, i, p);
  v1::Value* value = out->mutable_value();
  value->mutable_number()->set_value(v);
  value->mutable_number()->set_unit(UnitOf(m));
  value->set_display(Display(v, m));
}

void NationalRecordAt(const NationalShape& shape, int64_t k,
                      v1::Measurement* out) {
  const int i = static_cast<int>(k % shape.indicators);
  const int64_t rest = k / shape.indicators;
  const int p = static_cast<int>(rest % shape.semesters);
  const int e = static_cast<int>(rest / shape.semesters);
  NationalRecord(e, i, p, out);
}

ShippedHistory MakeShippedHistory(const std::string& data_dir) {
  ShippedHistory h;
  absl::StatusOr<import::DataFolder> data = import::ReadDataFolder(data_dir);
  if (!data.ok()) {
    std::fprintf(stderr, "bench: reading %s: %s\n", data_dir.c_str(),
                 std::string(data.status().message()).c_str());
    std::exit(1);
  }
  h.catalog = data->catalog;
  const v1::Catalog& c = h.catalog;
  for (int e = 0; e < c.entities_size(); ++e) {
    const std::string& entity = c.entities(e).id();
    for (int p = 0; p < kHistorySemesters; ++p) {
      const std::string period = SemesterName(p);
      const int year = kFirstYear + p / 2;
      for (int i = 0; i < c.indicators_size(); ++i) {
        const v1::Indicator& ind = c.indicators(i);
        // Capture holds a value to the target in force for the period's
        // year and entity (TargetFor, ComparedUnits); without one, the
        // nearest year's target only sets the scale.
        const v1::Target* in_force = TargetFor(ind, year, entity);
        const v1::Target* nearest = in_force;
        for (const v1::YearlyTarget& y : ind.targets()) {
          if (nearest == nullptr && y.entity().empty()) nearest = &y.target();
        }
        const std::vector<v1::Unit> units =
            in_force == nullptr ? std::vector<v1::Unit>()
                                : ComparedUnits(*in_force, ind.unit());
        v1::Measurement m;
        m.set_entity(entity);
        m.set_item(ind.code());
        m.set_period(period);
        const double f = 0.6 + 0.65 * Unit01(e, 1000 + i, p);
        v1::Value* value = m.mutable_value();
        if (in_force != nullptr &&
            in_force->threshold().components_size() > 1) {
          for (int k = 0; k < in_force->threshold().components_size(); ++k) {
            const v1::TargetComponent& comp =
                in_force->threshold().components(k);
            v1::Quantity* q = value->mutable_composite()->add_parts();
            q->set_value(std::round(comp.threshold().value() * f));
            q->set_unit(units[k]);
            q->set_label(comp.threshold().label());
          }
          value->set_display("composito");
        } else {
          double scale = 100;
          const v1::Unit unit = units.empty() ? ind.unit() : units[0];
          if (nearest != nullptr &&
              nearest->threshold().components_size() == 1) {
            scale = nearest->threshold().components(0).threshold().value();
          }
          const double v = std::round(scale * f * 100) / 100;
          value->mutable_number()->set_value(v);
          value->mutable_number()->set_unit(unit);
          value->set_display(FormatItalianCompact(v, 2));
        }
        h.measurements.push_back(std::move(m));
      }
      for (int o = 0; o < c.executive_objectives_size(); ++o) {
        v1::Measurement m;
        m.set_entity(entity);
        m.set_item(c.executive_objectives(o).code());
        m.set_period(period);
        const double v = std::round(50 + 50 * Unit01(e, 5000 + o, p));
        m.mutable_value()->mutable_number()->set_value(v);
        m.mutable_value()->mutable_number()->set_unit(v1::UNIT_PERCENT);
        m.mutable_value()->set_display(FormatPercent(v, 0));
        h.measurements.push_back(std::move(m));
      }
    }
  }
  return h;
}

}  // namespace valore::bench
