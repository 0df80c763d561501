// Every problem the services would find with a data folder's records,
// found without asking them: each measurement against the folder's own
// catalog (the one the import would store), each validated outcome and each
// published figure, by the checks the services run (common/record_checks).
// The catalog itself is the catalog service's to judge (validate_only).
#ifndef VALORE_IMPORTER_RECORD_PROBLEMS_H_
#define VALORE_IMPORTER_RECORD_PROBLEMS_H_

#include <vector>

#include "importer/data_folder.h"
#include "valore/v1/catalog.pb.h"

namespace valore::import {

// In folder order: measurements, validated outcomes, published figures;
// each with the file and row its record was read from (when known).
std::vector<v1::ImportProblem> FindRecordProblems(const DataFolder& data);

}  // namespace valore::import

#endif  // VALORE_IMPORTER_RECORD_PROBLEMS_H_
