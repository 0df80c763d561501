// The data the benchmarks write and read, generated deterministically:
//  - the national catalog: 150 indicators (30 programme lines) over 7,904
//    entities, one per Italian comune, with a yearly target per indicator;
//  - its measurements: one value per (entity, indicator, semester), for 10
//    semesters (2019S1..2023S2), about 11.9 million records;
//  - the shipped Terre d'Argine catalog with 10 semesters of history for its
//    5 entities (every indicator and executive objective).
// The same record is produced for the same (entity, item, period) index in
// every process, so a client, a baseline and a CSV file agree.
#ifndef VALORE_BENCH_DATASET_H_
#define VALORE_BENCH_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::bench {

// ISTAT counts 7,904 comuni (2023).
inline constexpr int kItalianComuni = 7904;
inline constexpr int kNationalIndicators = 150;
inline constexpr int kHistorySemesters = 10;
// The first semester of the history; the last one is 2023S2.
inline constexpr int kFirstYear = 2019;

// The shape of a generated national data set.
struct NationalShape {
  int entities = kItalianComuni;
  int indicators = kNationalIndicators;
  int semesters = kHistorySemesters;
  int64_t records() const {
    return static_cast<int64_t>(entities) * indicators * semesters;
  }
};

// "comune-0001" .. : the id of the entity with 0-based index `e`.
std::string EntityId(int e);
// "10001" .. : the code of the indicator with 0-based index `i`.
std::string IndicatorCode(int i);
// "2019S1" .. : the semester with 0-based index `p`.
std::string SemesterName(int p);

// The catalog of `shape` (entities, programme tree, indicators, targets).
v1::Catalog NationalCatalog(const NationalShape& shape);

// The record of (entity e, indicator i, semester p), without author or
// request id: what a client sends.
void NationalRecord(int e, int i, int p, v1::Measurement* out);

// The k-th record in import order: entity by entity, semester by semester,
// every indicator of a semester together (how a comune sends its history).
void NationalRecordAt(const NationalShape& shape, int64_t k,
                      v1::Measurement* out);

// The numeric value of the record, as NationalRecord stores it; what the SQL
// peer gets in its `value` column.
double NationalValue(int e, int i, int p);

// The shipped catalog, and 10 semesters of values for each of its entities
// and items (indicators with a value per target component, and executive
// objectives as % achieved).
struct ShippedHistory {
  v1::Catalog catalog;
  std::vector<v1::Measurement> measurements;
};
ShippedHistory MakeShippedHistory(const std::string& data_dir);

}  // namespace valore::bench

#endif  // VALORE_BENCH_DATASET_H_
