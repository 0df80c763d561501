// Lookups in a data folder read by the importer, for its tests.
#ifndef VALORE_IMPORTER_DATA_FOLDER_TEST_SUPPORT_H_
#define VALORE_IMPORTER_DATA_FOLDER_TEST_SUPPORT_H_

#include <optional>
#include <string>

#include "common/record_checks.h"
#include "importer/data_folder.h"

namespace valore::import {

inline const v1::Indicator* FindIndicator(const v1::Catalog& c,
                                          const std::string& code) {
  for (const v1::Indicator& ind : c.indicators()) {
    if (ind.code() == code) return &ind;
  }
  return nullptr;
}

inline const v1::ExecutiveObjective* FindObjective(const v1::Catalog& c,
                                                   const std::string& code) {
  for (const v1::ExecutiveObjective& o : c.executive_objectives()) {
    if (o.code() == code) return &o;
  }
  return nullptr;
}

inline const v1::YearlyTarget* FindTarget(const v1::Indicator& ind, int year,
                                          const std::string& entity) {
  for (const v1::YearlyTarget& y : ind.targets()) {
    if (y.year() == year && y.entity() == entity) return &y;
  }
  return nullptr;
}

inline const v1::Measurement* FindMeasurement(const DataFolder& f,
                                              const std::string& entity,
                                              const std::string& item,
                                              const std::string& period) {
  for (const v1::Measurement& m : f.measurements) {
    if (m.entity() == entity && m.item() == item && m.period() == period) {
      return &m;
    }
  }
  return nullptr;
}

inline const v1::ValidatedOutcome* FindValidated(const DataFolder& f,
                                                 const std::string& item,
                                                 const std::string& period) {
  for (const v1::ValidatedOutcome& v : f.validated_outcomes) {
    if (v.item() == item && v.period() == period) return &v;
  }
  return nullptr;
}

// A measurement's text read as the capture service reads it
// (common/record_checks.h): against its item's target for the period's year
// and entity.
inline absl::StatusOr<v1::Value> AsRead(const DataFolder& folder,
                                        const v1::Measurement& m) {
  absl::StatusOr<Period> period = Period::Parse(m.period(), "period");
  if (!period.ok()) return period.status();
  std::optional<ItemRule> rule = FindItemRule(folder.catalog, m.item());
  if (!rule.has_value()) {
    return absl::NotFoundError(m.item() + " is not in the catalog");
  }
  v1::Value parsed;
  absl::Status fits = CheckMeasurementValue(m, *rule, *period, "", &parsed);
  if (!fits.ok()) return fits;
  return parsed;
}

}  // namespace valore::import

#endif  // VALORE_IMPORTER_DATA_FOLDER_TEST_SUPPORT_H_
